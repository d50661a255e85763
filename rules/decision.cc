// DecideDocument: events -> one export-control verdict per document.
// Tested by decision_test.cc and accuracy_test.cc.
#include "rules/decision.h"

namespace ecwatch {

DocumentDecision DecideDocument(const Findings& f) {
  DocumentDecision d;
  d.minerals = f.minerals;
  d.alert = f.alert;
  d.export_control = !f.events.empty();
  if (!d.export_control) return d;
  d.action = f.events.front().action;
  for (const Event& e : f.events) {
    if (d.actor.empty() && !e.actor.empty()) d.actor = e.actor;
    if (!d.duration_days && e.duration_days) d.duration_days = e.duration_days;
  }
  return d;
}

}  // namespace ecwatch
