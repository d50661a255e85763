// Tests for extract/ld_body.h.
#include "extract/ld_body.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

TEST_CASE("LdBodyText strips tags and makes one block per line", "[ld_body]") {
  CHECK(LdBodyText("First  line.\nSecond <b>bold</b> line.\n\n") == "First line.\n\nSecond bold line.");
  CHECK(LdBodyText("<p>One</p><p>Two</p>") == "One Two");
  CHECK(LdBodyText("a < b and c > d") == "a < b and c > d");
  CHECK(LdBodyText("").empty());
}

TEST_CASE("TrigramCoverage measures how much of a reference a text contains", "[ld_body]") {
  CHECK(TrigramCoverage("one two three four", "one two three four five") == Approx(1.0));
  CHECK(TrigramCoverage("one two three four", "one two three") == Approx(0.5));
  CHECK(TrigramCoverage("one two three four", "nothing alike here at all") == Approx(0.0));
  CHECK(TrigramCoverage("too short", "anything") == Approx(1.0));
}

}  // namespace
}  // namespace ecwatch
