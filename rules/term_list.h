// Term lists compiled to RE2 patterns; internal to rules/.
// Pure functions, thread-safe.
#ifndef ECWATCH_RULES_TERM_LIST_H_
#define ECWATCH_RULES_TERM_LIST_H_

#include <string>
#include <string_view>
#include <vector>

namespace ecwatch::rules_internal {

// What stands between the words of a multi-word term in its compiled
// pattern: whitespace or dashes. LiteralAlternation recognises patterns by it.
inline constexpr std::string_view kTermWordSeparator = "[\\s\\x{2010}-\\x{2014}-]+";

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
  // For each of acronyms, short_terms, cjk_short and symbols: literals of
  // which every match contains one, case-sensitively (RequiredLiteral of
  // each of its terms).
  std::vector<std::string> acronym_literals, short_literals, cjk_short_literals, symbol_literals;
  // For words: the terms themselves (a match is one of them, ASCII case
  // folded, its spaces and hyphens any run of separators); empty when a word
  // term holds a non-ASCII byte (RE2 folds its case by Unicode).
  std::vector<std::string> word_literals;
};
TermPatterns CompileTerms(const std::vector<std::string>& terms, bool symbols);

// The longest run of a term between spaces and hyphens: the part that every
// match of the term contains as written ("Nd-Fe-B" -> "Nd", "U.S." -> "U.S.").
std::string RequiredLiteral(const std::string& term);

// True for a chemical-symbol entry: one capital letter and at most one
// lower-case letter ("Dy", "W").
bool IsSymbolTerm(const std::string& term);
// True for an acronym: two or more characters, capitals and no lower-case
// letter ("US", "BIS", "U.S."); matched case-sensitively.
bool IsAcronymTerm(const std::string& term);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_TERM_LIST_H_
