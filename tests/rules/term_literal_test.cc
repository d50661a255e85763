// Pins TermLiteral: pieces, anchor, and the whole-term check around it.
#include "rules/term_literal.h"

#include <catch2/catch.hpp>

namespace ecwatch::rules_internal {
namespace {

// OccursAt for the anchor piece's first occurrence in text (ASCII folded).
bool Occurs(const std::string& term, const std::string& text) {
  const TermLiteral t = TermLiteral::Of(term);
  std::string folded = text;
  for (char& c : folded) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  const std::size_t at = folded.find(t.pieces[t.anchor]);
  REQUIRE(at != std::string::npos);
  return t.OccursAt(text, at + t.pieces[t.anchor].size());
}

TEST_CASE("TermLiteral splits a term at spaces and hyphens and anchors on its longest piece", "[rules][term_literal]") {
  const TermLiteral t = TermLiteral::Of("State Council-approved  list");
  CHECK(t.pieces == std::vector<std::string>{"state", "council", "approved", "list"});
  CHECK(t.anchor == 2);
  CHECK(TermLiteral::Of(" - ").pieces.empty());
}

TEST_CASE("TermLiteral::OccursAt wants the whole term around its anchor", "[rules][term_literal]") {
  CHECK(Occurs("State Council", "The STATE\xE2\x80\x94 council met."));
  CHECK(Occurs("State Council", "State\n-Council"));
  CHECK_FALSE(Occurs("State Council", "The city council met."));
  CHECK_FALSE(Occurs("State Council", "StateCouncil"));
  CHECK_FALSE(Occurs("State Council", "Interstate Council"));
  CHECK_FALSE(Occurs("State Council", "State Councils"));
  CHECK(Occurs("tin", "Tin."));
  CHECK_FALSE(Occurs("tin", "meeting"));
  CHECK(Occurs("U.S.-based", "u.s. based"));
}

TEST_CASE("TermLiteral::OccursAt gives where the term begins", "[rules][term_literal]") {
  const TermLiteral t = TermLiteral::Of("State Council-approved list");
  const std::string text = "The  state \xE2\x80\x94" "council--approved   LIST was out.";
  const std::size_t anchor_end = text.find("approved") + std::string("approved").size();
  std::size_t start = 0;
  REQUIRE(t.OccursAt(text, anchor_end, &start));
  CHECK(start == text.find("state"));
  CHECK_FALSE(t.leading_separator);
  CHECK(TermLiteral::Of("-based").leading_separator);
  CHECK(TermLiteral::Of(" tin").leading_separator);
}

}  // namespace
}  // namespace ecwatch::rules_internal
