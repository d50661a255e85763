// Pins term-list compilation: term classes, folding, pattern shapes.
#include "rules/term_list.h"

#include <catch2/catch.hpp>

#include "rules/rule.h"

namespace ecwatch::rules_internal {
namespace {

TEST_CASE("Term classes", "[rules][rule_file]") {
  CHECK(IsSymbolTerm("Dy"));
  CHECK(IsSymbolTerm("W"));
  CHECK_FALSE(IsSymbolTerm("US"));
  CHECK(IsAcronymTerm("US"));
  CHECK(IsAcronymTerm("U.S."));
  CHECK_FALSE(IsAcronymTerm("Us"));
  CHECK(FoldTerm("Rare-Earth  Metals") == "rare earth metals");
  CHECK(FoldTerm("rare\xE2\x80\x94" "earth") == "rare earth");
}

TEST_CASE("CompileTerms sorts terms into pattern classes", "[rules][term_list]") {
  TermPatterns p = CompileTerms({"rare earth", "REE", "US", "稀土", "镝", "Dy"}, true);
  CHECK(p.words.find("rare") != std::string::npos);
  CHECK(p.words.rfind("(?i)", 0) == 0);
  CHECK(p.acronyms.find("REE") != std::string::npos);
  CHECK(p.short_terms.find("US") != std::string::npos);
  CHECK(p.cjk.find("稀土") != std::string::npos);
  CHECK(p.cjk_short.find("镝") != std::string::npos);
  CHECK(p.symbols.find("Dy") != std::string::npos);
  CHECK(CompileTerms({"Dy"}, false).symbols.empty());
}

TEST_CASE("RequiredLiteral is the longest run between spaces and hyphens", "[rules][term_list]") {
  CHECK(RequiredLiteral("Nd-Fe-B") == "Nd");
  CHECK(RequiredLiteral("U.S.") == "U.S.");
  CHECK(RequiredLiteral("EU wide") == "wide");
  CHECK(RequiredLiteral("镝") == "镝");
}

TEST_CASE("CompileTerms lists the literal each case-sensitive term must contain", "[rules][term_list]") {
  TermPatterns p = CompileTerms({"rare earth", "REE", "US", "Nd-Fe-B", "镝", "稀土", "Dy"}, true);
  CHECK(p.acronym_literals == std::vector<std::string>{"REE"});
  CHECK(p.short_literals == std::vector<std::string>{"US", "Nd"});
  CHECK(p.cjk_short_literals == std::vector<std::string>{"镝"});
  CHECK(p.symbol_literals == std::vector<std::string>{"Dy"});
}

TEST_CASE("CompileTerms lists word terms as literals unless one is not ASCII", "[rules][term_list]") {
  CHECK(CompileTerms({"rare earth", "tin"}, false).word_literals == std::vector<std::string>{"rare earth", "tin"});
  CHECK(CompileTerms({"rare earth", "Zürich"}, false).word_literals.empty());
}

TEST_CASE("Longer spellings come first in an alternation", "[rules][term_list]") {
  TermPatterns p = CompileTerms({"rare earth", "rare earth elements"}, false);
  CHECK(p.words.find("elements") < p.words.find("|"));
}

}  // namespace
}  // namespace ecwatch::rules_internal
