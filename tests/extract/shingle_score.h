// The article-extraction-benchmark metric, reimplemented for ctest (see the
// docstring of the shared score-extraction tool): \w+ tokens, 4-gram
// shingle multisets, per-case tp/fp/fn normalised to sum 1, mean precision
// over non-empty predictions, mean recall over non-empty expectations, F1 of
// the two means.
#ifndef ECWATCH_TESTS_EXTRACT_SHINGLE_SCORE_H_
#define ECWATCH_TESTS_EXTRACT_SHINGLE_SCORE_H_

#include <string>
#include <string_view>
#include <vector>

namespace ecwatch::scoring {

// Unicode \w+ runs (letters, digits, underscore; approximated by code point
// ranges: ASCII exactly, non-ASCII as word characters except punctuation,
// symbol, space, combining-mark and emoji blocks).
std::vector<std::string> Tokens(std::string_view utf8);

struct CaseCounts {
  double tp = 0, fp = 0, fn = 0;  // normalised: tp + fp + fn == 1 (or all 0)
};
CaseCounts Match(const std::vector<std::string>& expected, const std::vector<std::string>& predicted,
                 size_t n = 4);

struct Summary {
  double precision = 0, recall = 0, f1 = 0;
};
Summary Aggregate(const std::vector<CaseCounts>& cases);

}  // namespace ecwatch::scoring

#endif  // ECWATCH_TESTS_EXTRACT_SHINGLE_SCORE_H_
