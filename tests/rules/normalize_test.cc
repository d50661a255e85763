// Pins the number, duration and date normalisers.
#include "rules/normalize.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

TEST_CASE("ParseNumber reads digits, words and Chinese numerals", "[rules][normalize]") {
  CHECK(ParseNumber("12") == 12);
  CHECK(ParseNumber("1,736") == 1736);
  CHECK(ParseNumber("twelve") == 12);
  CHECK(ParseNumber("an") == 1);
  CHECK(ParseNumber("twenty five") == 25);
  CHECK(ParseNumber("一") == 1);
  CHECK(ParseNumber("十二") == 12);
  CHECK(ParseNumber("两") == 2);
  CHECK(ParseNumber("二十") == 20);
  CHECK_FALSE(ParseNumber("several").has_value());
}

TEST_CASE("DurationDays follows the labelling rule", "[rules][normalize]") {
  CHECK(DurationDays("one-year", "") == 365);
  CHECK(DurationDays("12 months", "") == 365);
  CHECK(DurationDays("18 months", "") == 548);  // 18 x 365/12 rounded
  CHECK(DurationDays("90-day", "") == 90);
  CHECK(DurationDays("three months", "") == 91);
  CHECK(DurationDays("five years", "") == 1825);
  CHECK(DurationDays("a year", "") == 365);
  CHECK(DurationDays("two weeks", "") == 14);
  CHECK(DurationDays("20 year", "") == 7300);
  CHECK(DurationDays("一年", "") == 365);
  CHECK(DurationDays("六个月", "") == 183);
  CHECK(DurationDays("90天", "") == 90);
  CHECK_FALSE(DurationDays("for months", "").has_value());
}

TEST_CASE("DurationDays counts an end date from the publication date", "[rules][normalize]") {
  CHECK(DurationDays("until November 10, 2026", "2025-11-07") == 368);
  CHECK(DurationDays("until November 10, 2026", "2025-11-07T10:00:00+08:00") == 368);
  CHECK(DurationDays("至2026年11月10日", "2025-11-07") == 368);
  CHECK_FALSE(DurationDays("until November 10, 2026", "").has_value());
  CHECK_FALSE(DurationDays("until May 6, 1990", "1991-01-01").has_value());  // already past
}

TEST_CASE("NormalizeDate writes ISO 8601", "[rules][normalize]") {
  CHECK(NormalizeDate("November 10, 2026", "") == "2026-11-10");
  CHECK(NormalizeDate("Nov. 10, 2026", "") == "2026-11-10");
  CHECK(NormalizeDate("10 November 2026", "") == "2026-11-10");
  CHECK(NormalizeDate("2026-11-10", "") == "2026-11-10");
  CHECK(NormalizeDate("2026年11月10日", "") == "2026-11-10");
  CHECK(NormalizeDate("March 1", "1987-02-26") == "1987-03-01");
  CHECK(NormalizeDate("January 5", "1987-12-20") == "1988-01-05");
  CHECK_FALSE(NormalizeDate("next week", "2025-01-01").has_value());
}

TEST_CASE("NormalizeDate pads year, month and day, and needs a publication date only without a year",
          "[rules][normalize]") {
  CHECK(NormalizeDate("March 1, 0987", "") == "0987-03-01");
  CHECK(NormalizeDate("Sept. 9, 2001", "not a date") == "2001-09-09");
  CHECK_FALSE(NormalizeDate("March 1", "").has_value());
  CHECK_FALSE(NormalizeDate("March 1", "not a date").has_value());
}

}  // namespace
}  // namespace ecwatch
