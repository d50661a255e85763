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

// The RE2 patterns of a term list: one case-insensitive alternation with
// word boundaries for Latin terms, one case-sensitive one for acronyms
// ("US", "MOFCOM", "U.S."), one without boundaries for CJK terms (\b does
// not work between CJK characters), and one case-sensitive alternation for
// chemical symbols (when symbols is true).
// Exposed for tests and the benchmark.
struct TermPatterns {
  std::string words;    // "" when no Latin term
  std::string acronyms; // "" when none
  std::string short_terms;  // acronyms without a run of 3 letters ("US", "Nd-Fe-B")
  std::string cjk_short;    // one-character CJK terms
  std::string cjk;      // "" when no CJK term
  std::string symbols;  // "" when none or symbols disabled
};
TermPatterns CompileTerms(const std::vector<std::string>& terms, bool symbols);

// True for a chemical-symbol entry: one capital letter and at most one
// lower-case letter ("Dy", "W").
bool IsSymbolTerm(const std::string& term);
// True for an acronym: two or more characters, capitals and no lower-case
// letter ("US", "BIS", "U.S."); matched case-sensitively.
bool IsAcronymTerm(const std::string& term);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_RULE_FILE_H_
