// RuleSet: a compiled, validated set of rule files; matches articles.
//
// Loading validates everything (TOML, every RE2 pattern, categories,
// examples); a set that loads is never partial. A loaded RuleSet is immutable
// and safe for concurrent Match() calls from many threads.
#ifndef ECWATCH_RULES_RULE_SET_H_
#define ECWATCH_RULES_RULE_SET_H_

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "extract/article.h"
#include "rules/findings.h"

namespace ecwatch {

class RuleSet {
 public:
  // Loads and compiles every "*.toml" file of dir (sorted by name). Errors
  // name the file and place: "rules/sets/x.toml:12:5: missing ')': (abc".
  // InvalidArgument for any bad file; NotFound when dir does not exist or
  // holds no rule file.
  static Result<std::unique_ptr<RuleSet>> LoadDir(const std::string& dir);

  // Same, from in-memory files (name used in messages, TOML text). For tests.
  struct Source {
    std::string name;
    std::string toml;
  };
  static Result<std::unique_ptr<RuleSet>> LoadSources(const std::vector<Source>& files);

  virtual ~RuleSet() = default;

  // Runs all rules over article.text (and title). Linear in text size.
  // Uses article.published to turn "until November 10, 2026" into days.
  virtual Findings Match(const Article& article) const = 0;

  // Content hash of the loaded files: stable across loads of the same bytes.
  virtual const std::string& version() const = 0;
  virtual std::size_t rule_count() const = 0;
  // Ids ("set/rule") of every compiled rule, in load order.
  virtual std::vector<std::string> rule_ids() const = 0;
};

}  // namespace ecwatch

#endif  // ECWATCH_RULES_RULE_SET_H_
