// RuleSetImpl and BuildRuleSet: the concrete RuleSet and its validating build.
//
// Internal to rules/ (rule_set.cc, check.cc, bench). BuildRuleSet parses,
// compiles and runs every example of the given files and collects every
// error instead of stopping at the first, so `rules check` can list them.
#ifndef ECWATCH_RULES_RULE_SET_IMPL_H_
#define ECWATCH_RULES_RULE_SET_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "rules/events.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"

namespace ecwatch::rules_internal {

// Immutable after construction; Match() is safe from many threads.
class RuleSetImpl final : public RuleSet {
 public:
  RuleSetImpl(std::unique_ptr<Matcher> matcher, std::unique_ptr<EventBuilder> events,
              std::string version);
  Findings Match(const Article& article) const override;
  const std::string& version() const override { return version_; }
  std::size_t rule_count() const override;
  std::vector<std::string> rule_ids() const override;
  const Matcher& matcher() const { return *matcher_; }

 private:
  // Matches and events of one piece of text (the body, or the title).
  void MatchText(const std::string& text, const std::string& published, Findings* out,
                 bool keep_matches) const;

  std::unique_ptr<Matcher> matcher_;
  std::unique_ptr<EventBuilder> events_;
  std::string version_;
};

struct BuildOutcome {
  std::unique_ptr<RuleSetImpl> set;  // nullptr when errors is non-empty
  std::vector<std::string> errors;   // "file:line:col: what is wrong"
  std::size_t files = 0;
  std::size_t rules = 0;
  std::size_t examples = 0;          // examples + counterexamples run
};

BuildOutcome BuildRuleSet(const std::vector<RuleSet::Source>& files);

// Reads every "*.toml" of dir, sorted by name; NotFound when dir is missing
// or holds none, IoError/TooLarge for unreadable or oversized files.
Result<std::vector<RuleSet::Source>> ReadRuleDir(const std::string& dir);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_RULE_SET_IMPL_H_
