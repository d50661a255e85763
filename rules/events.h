// EventBuilder: assembles Events around anchor hits (usually actions).
//
// Internal to rules/. For each anchor hit whose sentence matches no
// `unless` pattern and whose scope holds every `require`d category, attaches
// minerals, duration and actor from the same scope, else (fallback) from the
// nearest sentence of the same paragraph. Immutable after Compile(): safe for
// concurrent use.
#ifndef ECWATCH_RULES_EVENTS_H_
#define ECWATCH_RULES_EVENTS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/findings.h"
#include "rules/matcher.h"
#include "rules/rule.h"
#include "rules/text_split.h"

namespace ecwatch::rules_internal {

class EventBuilder {
 public:
  // Compiles the `unless` patterns; errors go to *errors as "file:line:col: ...".
  static std::unique_ptr<EventBuilder> Compile(std::vector<EventRule> events,
                                               std::vector<std::string>* errors);
  ~EventBuilder();
  EventBuilder(const EventBuilder&) = delete;
  EventBuilder& operator=(const EventBuilder&) = delete;

  // Events in text order, at most limits::kMaxEventsPerDocument. Hits must
  // come from Matcher::FindAll over the same text and segments.
  std::vector<Event> Build(std::string_view text, const Segments& segments,
                           const std::vector<Rule>& rules, const std::vector<Hit>& hits,
                           std::string_view published) const;

  std::size_t size() const { return events_.size(); }

 private:
  struct Compiled;
  EventBuilder();
  std::vector<EventRule> events_;
  std::vector<std::unique_ptr<Compiled>> compiled_;
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_EVENTS_H_
