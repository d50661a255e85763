// DigitRunInEveryMatch: a load-time proof that every match of a pattern
// holds a run of ASCII digits.
//
// Internal to rules/. Date patterns ("March 3, 2025", "2025年11月10日") are
// candidates in every sentence that names a month, including each modal
// "may"; a sentence without four digits in a row cannot hold their matches,
// and is skipped. The proof reads the pattern with a small recursive reader
// of RE2 syntax: a digit is [0-9], \d or a class of digits only; items of
// digits only that follow each other (empty-width items such as \b between
// them add no text) make a run as long as their shortest matches together,
// n repeats of one make n times its length; a concatenation holds the
// longest run one of its items or streaks holds, an alternation the
// shortest of its branches'. Anything the reader does not fully know
// (Unicode classes, \Q..\E, POSIX classes, unknown escapes or groups)
// proves nothing: a short answer only costs speed, never a match. Pure
// function, thread-safe.
#ifndef ECWATCH_RULES_DIGIT_PROOF_H_
#define ECWATCH_RULES_DIGIT_PROOF_H_

#include <cstddef>
#include <string_view>

namespace ecwatch::rules_internal {

// A length n such that every string pattern (RE2 syntax, as compiled)
// matches holds n bytes '0'..'9' in a row; 0 when none is proved.
std::size_t DigitRunInEveryMatch(std::string_view pattern);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_DIGIT_PROOF_H_
