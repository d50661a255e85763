// CheckRules: runs the validating build over a directory and reports.
// Tested by check_test.cc.
#include "rules/check.h"

#include "rules/rule_set_impl.h"

namespace ecwatch {

std::string CheckReport::Summary() const {
  std::string s = std::to_string(sets) + " sets, " + std::to_string(rules) + " rules, " +
                  std::to_string(examples) + " examples: ";
  return s + (ok() ? "OK" : std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors"));
}

CheckReport CheckRules(const std::string& dir) {
  CheckReport report;
  auto files = rules_internal::ReadRuleDir(dir);
  if (!files.ok()) {
    report.errors.push_back(files.status().message());
    return report;
  }
  rules_internal::BuildOutcome b = rules_internal::BuildRuleSet(files.value());
  report.errors = std::move(b.errors);
  report.sets = b.files;
  report.rules = b.rules;
  report.examples = b.examples;
  return report;
}

}  // namespace ecwatch
