// DecideDocument: the document-level reading of Findings, shared by the
// app, the accuracy benchmark and the accuracy tests.
#ifndef ECWATCH_RULES_DECISION_H_
#define ECWATCH_RULES_DECISION_H_

#include <cstddef>
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

// Share of the text (from its start) where the main news is told: wire copy
// puts the news first and background last.
inline constexpr double kLeadShare = 0.5;

// export_control: at least one main-news event, i.e. one in the title
// (start == end == 0) or starting in the first kLeadShare of the text's
// text_bytes; with text_bytes == 0 every event counts. The lead event is the
// first main-news event (title first). alert is Findings::alert. Pure,
// thread-safe.
DocumentDecision DecideDocument(const Findings& findings, std::size_t text_bytes = 0);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_DECISION_H_
