// Highlight: renders text with its matches marked, for `ecwatch rules try`.
#ifndef ECWATCH_RULES_HIGHLIGHT_H_
#define ECWATCH_RULES_HIGHLIGHT_H_

#include <string>
#include <vector>

#include "rules/findings.h"

namespace ecwatch {

// Returns text with every match marked: with ansi, the matched bytes in a
// colour per category (reset after each); otherwise "[[matched text]]{rule}".
// Matches may come in any order; one that overlaps an earlier-starting match
// is skipped, as is one whose span lies outside text. Thread-safe.
std::string Highlight(const std::string& text, const std::vector<Match>& matches, bool ansi);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_HIGHLIGHT_H_
