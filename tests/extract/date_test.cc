// Tests for extract/date.h.
#include "extract/date.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

TEST_CASE("NormalizeDate keeps ISO 8601 and normalises its variants", "[date]") {
  CHECK(NormalizeDate("2025-11-07") == "2025-11-07");
  CHECK(NormalizeDate("2025-11-07T10:00:00+08:00") == "2025-11-07T10:00:00+08:00");
  CHECK(NormalizeDate("2025-11-07T10:00:00.123Z") == "2025-11-07T10:00:00Z");
  CHECK(NormalizeDate(" 2025-11-07 10:00 ") == "2025-11-07T10:00:00");
  CHECK(NormalizeDate("2025-11-07T10:00:00-0500") == "2025-11-07T10:00:00-05:00");
  CHECK(NormalizeDate("2025/11/7") == "2025-11-07");
  CHECK(NormalizeDate("20251107") == "2025-11-07");
}

TEST_CASE("NormalizeDate reads RFC 822 and written-out dates", "[date]") {
  CHECK(NormalizeDate("Fri, 07 Nov 2025 10:00:00 GMT") == "2025-11-07T10:00:00Z");
  CHECK(NormalizeDate("November 7, 2025") == "2025-11-07");
  CHECK(NormalizeDate("7 Nov 2025") == "2025-11-07");
  CHECK(NormalizeDate("Nov. 7th, 2025") == "2025-11-07");
}

TEST_CASE("NormalizeDate reads CJK dates", "[date]") {
  CHECK(NormalizeDate("2025年11月7日") == "2025-11-07");
}

TEST_CASE("NormalizeDate rejects non-dates and impossible dates", "[date]") {
  CHECK(NormalizeDate("") == "");
  CHECK(NormalizeDate("yesterday") == "");
  CHECK(NormalizeDate("2025-02-30") == "");
  CHECK(NormalizeDate("2023-02-29") == "");
  CHECK(NormalizeDate("2024-02-29") == "2024-02-29");
  CHECK(NormalizeDate("1850-01-01") == "");
}

TEST_CASE("DateFromUrl finds dates in URL paths only", "[date]") {
  CHECK(DateFromUrl("https://x.com/2025/11/07/china-rare-earths/") == "2025-11-07");
  CHECK(DateFromUrl("https://x.com/news/2025-11-07-title") == "2025-11-07");
  CHECK(DateFromUrl("https://x.com/a/20251107/b.html") == "2025-11-07");
  CHECK(DateFromUrl("https://x.com/a/2025/13/07/") == "");
  CHECK(DateFromUrl("https://x.com/id/123456789") == "");
  CHECK(DateFromUrl("https://2025.com/") == "");
}

}  // namespace
}  // namespace ecwatch
