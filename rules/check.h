// CheckRules: validation report for `ecwatch rules check [DIR]`.
#ifndef ECWATCH_RULES_CHECK_H_
#define ECWATCH_RULES_CHECK_H_

#include <cstddef>
#include <string>
#include <vector>

namespace ecwatch {

struct CheckReport {
  // "FILE:LINE:COL: what is wrong": a bad RE2 pattern (RE2's message), a TOML
  // error, an unknown category or key, an example that did not match (and
  // what it matched instead), a counterexample that matched. Also a
  // directory that is missing or holds no rule file ("DIR: ...").
  std::vector<std::string> errors;
  std::size_t sets = 0;      // rule files read
  std::size_t rules = 0;     // rules and term lists
  std::size_t examples = 0;  // examples and counterexamples run
  bool ok() const { return errors.empty(); }
  // "3 sets, 40 rules, 120 examples: OK" or "...: 2 errors".
  std::string Summary() const;
};

// Compiles every *.toml file of dir and runs every example and
// counterexample; never stops at the first error. Thread-safe.
CheckReport CheckRules(const std::string& dir);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_CHECK_H_
