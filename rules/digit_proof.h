// EveryMatchHasDigit: a load-time proof that a pattern cannot match text
// without an ASCII digit.
//
// Internal to rules/. Date patterns ("March 3, 2025", "2025年11月10日") are
// candidates in every sentence that names a month, including each modal
// "may"; a sentence without a digit cannot hold their matches, and is
// skipped when this proof holds. The proof reads the pattern with a small
// recursive reader of RE2 syntax: a digit ([0-9], \d, a class of digits
// only) is required by a concatenation when one of its items requires it
// (repeated at least once), and by an alternation when each branch does.
// Anything the reader does not fully know (Unicode classes, \Q..\E, POSIX
// classes, unknown escapes or groups) makes the answer false: false only
// costs speed, never a match. Pure function, thread-safe.
#ifndef ECWATCH_RULES_DIGIT_PROOF_H_
#define ECWATCH_RULES_DIGIT_PROOF_H_

#include <string_view>

namespace ecwatch::rules_internal {

// True only when every string pattern (RE2 syntax, as compiled) matches
// holds one of the bytes '0'..'9'.
bool EveryMatchHasDigit(std::string_view pattern);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_DIGIT_PROOF_H_
