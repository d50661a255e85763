// Pins civil-date arithmetic and ISO 8601 parsing used for durations and dates.
#include "base/clock.h"

#include <catch2/catch.hpp>

namespace ecwatch {

TEST_CASE("DaysFromCivil counts days from 1970-01-01", "[base][clock]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28) == 2);  // leap year
  CHECK(DaysFromCivil(2026, 11, 10) - DaysFromCivil(2025, 11, 10) == 365);
}

TEST_CASE("ParseIsoDate takes the date part of dates and date-times", "[base][clock]") {
  int64_t d = 0;
  REQUIRE(ParseIsoDate("2025-11-07", &d));
  CHECK(d == DaysFromCivil(2025, 11, 7));
  REQUIRE(ParseIsoDate("2025-11-07T10:00:00+08:00", &d));
  CHECK(d == DaysFromCivil(2025, 11, 7));
  CHECK_FALSE(ParseIsoDate("Nov 7 2025", &d));
  CHECK_FALSE(ParseIsoDate("2025-13-01", &d));
}

TEST_CASE("FormatIso8601 writes UTC with a Z", "[base][clock]") {
  CHECK(FormatIso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIso8601(1764547200) == "2025-12-01T00:00:00Z");
}

}  // namespace ecwatch
