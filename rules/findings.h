// Findings: the output of the rules stage, the input of store/ and alerts.
#ifndef ECWATCH_RULES_FINDINGS_H_
#define ECWATCH_RULES_FINDINGS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ecwatch {

// One rule hit. Offsets are byte offsets into Article::text (UTF-8).
struct Match {
  std::string rule;      // rule id, "set/rule"
  std::string category;  // "mineral" | "action" | "duration" | "actor" | "instrument" | ...
  std::string text;      // the matched text, verbatim
  std::string value;     // canonical value ("dysprosium", "suspend", "China", "365")
  std::size_t start = 0;
  std::size_t end = 0;   // one past the last byte
};

// An export-control move: an action with what it applies to, who, how long.
struct Event {
  std::string actor;               // canonical actor, "" when none was found
  std::string action;              // "impose" | "tighten" | "suspend" | "lift" | "extend" | "other"
  std::vector<std::string> items;  // canonical minerals, sorted, unique
  std::optional<int> duration_days;
  std::string duration_text;       // verbatim duration phrase, "" when none
  std::string sentence;            // the sentence holding the action (evidence)
  std::string rule;                // the action rule that anchored the event
  std::size_t start = 0;           // span of the sentence in Article::text;
  std::size_t end = 0;             // 0, 0 for an event found in Article::title
};

struct Findings {
  std::vector<Match> matches;          // in Article::text order (title hits are not listed)
  std::vector<std::string> minerals;   // canonical minerals of title and text, sorted, unique
  std::vector<Event> events;
  bool alert = false;                  // an event names at least one mineral
  std::string ruleset_version;         // content hash of the rule set that produced these
};

}  // namespace ecwatch

#endif  // ECWATCH_RULES_FINDINGS_H_
