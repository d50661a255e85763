// JSON-LD articleBody as a signal for main-content extraction. Thread-safe
// (pure functions).
#ifndef ECWATCH_EXTRACT_LD_BODY_H_
#define ECWATCH_EXTRACT_LD_BODY_H_

#include <string>
#include <string_view>

namespace ecwatch {

// An articleBody value as plain text: HTML tags (some sites put markup in it)
// stripped, whitespace collapsed, one block per line of the value.
std::string LdBodyText(std::string_view body);

// Share (0..1) of the word 3-grams of `reference` that also occur in `text`
// (words: runs of ASCII letters, digits, '_' or non-ASCII bytes); 1 when
// `reference` has none.
double TrigramCoverage(std::string_view reference, std::string_view text);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_LD_BODY_H_
