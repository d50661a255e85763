// Pins Highlight: inline markers, ANSI colours, overlaps and bad spans.
#include "rules/highlight.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

Match M(const char* rule, const char* category, std::size_t s, std::size_t e) {
  Match m;
  m.rule = rule;
  m.category = category;
  m.start = s;
  m.end = e;
  return m;
}

TEST_CASE("Highlight marks matches as [[text]]{rule}", "[rules][highlight]") {
  std::string text = "China banned gallium exports.";
  std::vector<Match> ms = {M("minerals/critical", "mineral", 13, 20), M("actions/ban", "action", 6, 12)};
  CHECK(Highlight(text, ms, false) == "China [[banned]]{actions/ban} [[gallium]]{minerals/critical} exports.");
}

TEST_CASE("Highlight colours matches with ANSI and resets", "[rules][highlight]") {
  std::string out = Highlight("a gallium b", {M("m", "mineral", 2, 9)}, true);
  CHECK(out == "a \x1b[1;33mgallium\x1b[0m b");
}

TEST_CASE("Highlight skips overlapping and out-of-range matches", "[rules][highlight]") {
  std::string text = "rare earth";
  std::vector<Match> ms = {M("a", "mineral", 0, 10), M("b", "mineral", 5, 10), M("c", "mineral", 8, 99)};
  CHECK(Highlight(text, ms, false) == "[[rare earth]]{a}");
}

}  // namespace
}  // namespace ecwatch
