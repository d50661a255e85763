// TermLiteral: a term-list word term as the matcher's prefilter checks it.
//
// Internal to rules/. A word term ("rare earth", "State Council") compiles to
// a case-insensitive RE2 alternative with \b at its word-character edges and
// a run of separators (white space, hyphens, U+2010..U+2014) for each space
// or hyphen. The matcher scans for the term's longest piece ("council") and
// asks OccursAt() whether the whole term stands around it, so that "council"
// alone does not make a sentence a candidate. ASCII terms only (RE2 folds
// other letters by Unicode). Plain value; thread-compatible.
#ifndef ECWATCH_RULES_TERM_LITERAL_H_
#define ECWATCH_RULES_TERM_LITERAL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ecwatch::rules_internal {

struct TermLiteral {
  std::vector<std::string> pieces;  // lower case, split at spaces and hyphens; none empty
  std::size_t anchor = 0;           // index of the longest piece (the first of equals)
  bool leading_separator = false;   // the term begins with a space or hyphen

  // The pieces of term; no pieces when it holds none (only separators).
  static TermLiteral Of(const std::string& term);

  // True when text, ASCII case folded, holds the term with its anchor piece
  // ending at end (which the caller found): the other pieces on either side,
  // each separated by a run of separators, and no word character touching a
  // word-character edge of the term. Implied by every RE2 match of the term
  // there; a term that starts or ends with a separator is checked without it
  // (a weaker, still necessary, condition). When true and start is given,
  // *start is where the term's first piece begins there: where the RE2
  // match begins, unless the term begins with a separator.
  bool OccursAt(std::string_view text, std::size_t end, std::size_t* start = nullptr) const;
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_TERM_LITERAL_H_
