// DecideDocument: events -> one export-control verdict per document.
// Tested by decision_test.cc and accuracy_test.cc.
#include "rules/decision.h"

namespace ecwatch {

namespace {

bool IsMainNews(const Event& e, std::size_t text_bytes) {
  if (text_bytes == 0 || (e.start == 0 && e.end == 0)) return true;
  return static_cast<double>(e.start) < kLeadShare * static_cast<double>(text_bytes);
}

}  // namespace

DocumentDecision DecideDocument(const Findings& f, std::size_t text_bytes) {
  DocumentDecision d;
  d.minerals = f.minerals;
  d.alert = f.alert;
  std::vector<const Event*> main;
  for (const Event& e : f.events) {
    if (IsMainNews(e, text_bytes)) main.push_back(&e);
  }
  d.export_control = !main.empty();
  if (!d.export_control) return d;
  d.action = main.front()->action;
  for (const Event* ep : main) {
    const Event& e = *ep;
    if (d.actor.empty() && !e.actor.empty()) d.actor = e.actor;
    if (!d.duration_days && e.duration_days) d.duration_days = e.duration_days;
  }
  return d;
}

}  // namespace ecwatch
