// Dates as pages write them -> ISO 8601. Thread-safe (pure functions).
#ifndef ECWATCH_EXTRACT_DATE_H_
#define ECWATCH_EXTRACT_DATE_H_

#include <string>
#include <string_view>

namespace ecwatch {

// Normalises a date or date-time to ISO 8601: "2025-11-07", or
// "2025-11-07T10:00:00" plus "Z" / "+08:00" when the input names a zone.
// Accepts ISO 8601 (with or without 'T', fractional seconds dropped,
// "+0800" offsets), "2025/11/07", "20251107", RFC 822 ("Fri, 07 Nov 2025
// 10:00:00 GMT"), "November 7, 2025", "7 Nov 2025", and CJK "2025年11月7日".
// Returns "" for anything else or an impossible date (years 1990-2100 only).
std::string NormalizeDate(std::string_view text);

// A date in a URL path: /2025/11/07/, /2025-11-07/, /20251107/ ("" if none).
std::string DateFromUrl(std::string_view url);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_DATE_H_
