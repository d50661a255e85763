// DecideDocument: the document-level reading of Findings, shared by the
// app, the accuracy benchmark and the accuracy tests.
#ifndef ECWATCH_RULES_DECISION_H_
#define ECWATCH_RULES_DECISION_H_

#include <optional>
#include <string>
#include <vector>

#include "rules/findings.h"

namespace ecwatch {

struct DocumentDecision {
  bool export_control = false;         // the document reports an export-control move
  bool alert = false;                  // ... that names at least one mineral
  std::string action;                  // action of the lead event, "" when none
  std::string actor;                   // actor of the lead event (or of any event)
  std::optional<int> duration_days;    // of the lead event that has one
  std::vector<std::string> minerals;   // Findings::minerals
};

// export_control: at least one event. The lead event is the first in the
// title, else the first in the text. Pure, thread-safe.
DocumentDecision DecideDocument(const Findings& findings);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_DECISION_H_
