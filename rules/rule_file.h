// ParseRuleFile: one TOML rule file -> RuleFile (rules, term lists, events).
//
// The format is documented in rules/README.md. Parsing checks structure,
// types and categories; RE2 compilation and examples are checked later by
// the matcher. Thread-safe (no shared state).
#ifndef ECWATCH_RULES_RULE_FILE_H_
#define ECWATCH_RULES_RULE_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace ecwatch::rules_internal {

// Parses text (the file name is used in messages). Every problem found is
// appended to *errors as "name:line:col: message"; the returned RuleFile
// holds the rules that parsed cleanly. A TOML syntax error yields one error
// and an empty RuleFile.
RuleFile ParseRuleFile(const std::string& name, std::string_view text,
                       std::vector<std::string>* errors);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_RULE_FILE_H_
