// Normalisers for captured values: numbers, durations and dates.
//
// Pure functions, thread-safe. Used by the matcher for rules that declare
// `normalize = "..."` and by tests.
#ifndef ECWATCH_RULES_NORMALIZE_H_
#define ECWATCH_RULES_NORMALIZE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecwatch {

// "12", "1,736", "twelve", "a", "an", "twenty-five", "一", "十二", "两".
// nullopt when text is no number we know.
std::optional<int64_t> ParseNumber(std::string_view text);

// Days of a duration phrase, following the labelling rule: years x 365,
// months x 365/12 rounded, weeks x 7, days as is.
//   "one-year" 365, "for 12 months" 365, "18 months" 548, "90-day" 90,
//   "for a further three months" 91, "一年" 365, "六个月" 183,
//   "until November 10, 2026" -> days from published (ISO date) to it.
// nullopt when the phrase has no computable length (open-ended, no date).
std::optional<int> DurationDays(std::string_view phrase, std::string_view published);

// A date phrase as ISO 8601 "YYYY-MM-DD": "November 10, 2026", "Nov. 10,
// 2026", "10 November 2026", "2026-11-10", "2026年11月10日". A date without a
// year takes the year of published (the next year when that would put it
// more than 31 days before published). nullopt when unparsable.
std::optional<std::string> NormalizeDate(std::string_view phrase, std::string_view published);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_NORMALIZE_H_
