// Pins Matcher: set prefilter + spans, excludes, symbol context, overlaps.
#include "rules/matcher.h"

#include <catch2/catch.hpp>

#include "rules/rule_file.h"

namespace ecwatch::rules_internal {
namespace {

std::unique_ptr<Matcher> Build(const std::string& toml) {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("t.toml", toml, &errors);
  REQUIRE(errors.empty());
  auto m = Matcher::Compile(std::move(f.rules), &errors);
  INFO((errors.empty() ? "" : errors[0]));
  REQUIRE(m);
  return m;
}

std::vector<std::string> Spans(const Matcher& m, const std::string& text) {
  std::vector<std::string> out;
  for (const Hit& h : m.FindAll(text, SplitText(text), "2025-01-01")) {
    out.push_back(text.substr(h.start, h.end - h.start) + "=" + h.value);
  }
  return out;
}

constexpr const char* kMetals = R"(
[[terms]]
id = "m"
category = "mineral"
symbols = true
exclude = ['\blead(?:s)? (?:to|manager)\b']
[terms.values]
lead = []
"rare earths" = ["rare earth", "rare earth elements", "稀土"]
gallium = ["Ga"]
)";

TEST_CASE("Term lists match whole words and prefer the longest spelling", "[rules][matcher]") {
  auto m = Build(kMetals);
  CHECK(Spans(*m, "Rare-earth elements and LEAD.") ==
        std::vector<std::string>{"Rare-earth elements=rare earths", "LEAD=lead"});
  CHECK(Spans(*m, "misleading leader").empty());
  CHECK(Spans(*m, "出口稀土。") == std::vector<std::string>{"稀土=rare earths"});
}

TEST_CASE("Excludes drop hits inside their match", "[rules][matcher]") {
  auto m = Build(kMetals);
  CHECK(Spans(*m, "It could lead to lead shortages.") == std::vector<std::string>{"lead=lead"});
  CHECK(Spans(*m, "He was lead manager.").empty());
}

TEST_CASE("Symbols need a chemical context in their sentence", "[rules][matcher]") {
  auto m = Build(kMetals);
  CHECK(Spans(*m, "GA and Ga are here.").empty());
  CHECK(Spans(*m, "Ga metal exports. Ga here.") == std::vector<std::string>{"Ga=gallium"});
}

TEST_CASE("Captures give the value; other named groups become fields", "[rules][matcher]") {
  auto m = Build(R"(
[[rule]]
id = "d"
category = "duration"
normalize = "duration"
patterns = ['for (?P<value>\w+ months?) from (?P<from>\w+ \d+)']
)");
  auto hits = m->FindAll("for 12 months from March 1", SplitText("for 12 months from March 1"), "");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].value == "365");
  REQUIRE(hits[0].fields.size() == 1);
  CHECK(hits[0].fields[0].first == "from");
  CHECK(hits[0].fields[0].second == "March 1");
}

TEST_CASE("Matches never cross a sentence boundary", "[rules][matcher]") {
  auto m = Build("[[rule]]\nid='x'\ncategory='action'\npatterns=['ban\\W+exports']\n");
  CHECK(Spans(*m, "A ban. Exports rose.").empty());
  CHECK(Spans(*m, "A ban, exports rose.").size() == 1);
}

TEST_CASE("Compile reports every bad pattern with its place", "[rules][matcher]") {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("b.toml", "[[rule]]\nid='x'\ncategory='action'\npatterns=['ok', '(bad', '[z-a]']\n", &errors);
  auto m = Matcher::Compile(std::move(f.rules), &errors);
  REQUIRE(m);
  CHECK(m->rules().empty());  // the broken rule is left out
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].rfind("b.toml:4:", 0) == 0);
}

TEST_CASE("Matcher applies a rule's excludes to the hits of every one of its patterns", "[matcher]") {
  // A term list compiles words and acronyms into separate patterns; an
  // exclude must drop the acronym hit even when the word pattern hit first.
  auto m = Build(R"(
[[terms]]
id = "ree"
category = "mineral"
exclude = ['\bREE (?:Ltd|Inc)\b']
[terms.values]
"rare earths" = ["rare earth", "REE"]
)");
  CHECK(Spans(*m, "Rare earth output at REE Ltd rose, REE said.") ==
        std::vector<std::string>{"Rare earth=rare earths", "REE=rare earths"});
}

TEST_CASE("Matcher finds atoms per sentence: an atom split by a sentence end is no candidate", "[matcher]") {
  auto m = Build(R"(
[[rule]]
id = "ban"
category = "action"
value = "ban"
patterns = ['\bexport ban\b']
)");
  CHECK(Spans(*m, "They export. Ban. Then an export ban.") == std::vector<std::string>{"export ban=ban"});
  CHECK(Spans(*m, "中国出口。export ban 稀土。") == std::vector<std::string>{"export ban=ban"});
}

TEST_CASE("Matcher keeps atom-less patterns inside sentences though it scans them over the whole text", "[matcher]") {
  // '\d+\W+\w+' has no literal atom, so it is scanned once over the text; its
  // first match there ("5. Then") leaves its sentence and must be redone
  // within the sentences.
  auto m = Build(R"(
[[rule]]
id = "qty"
category = "goods"
patterns = ['\d+\W+\w+']
)");
  CHECK(Spans(*m, "It was 5. Then 7 tons came. And 8") == std::vector<std::string>{"7 tons=7 tons"});
  CHECK(Spans(*m, "出口3。 4 t") == std::vector<std::string>{"4 t=4 t"});
}

TEST_CASE("Matcher finds term-list acronyms, symbols and CJK characters by their literals, as written", "[matcher]") {
  // "US", "Ga" and "镓" are too short for RE2's atoms; the matcher looks for
  // the term list's literals, case-sensitively, sentence by sentence.
  auto m = Build(R"(
[[terms]]
id = "t"
category = "mineral"
symbols = true
[terms.values]
gallium = ["Ga", "镓", "GA-X", "GA–X"]
"United States" = ["US"]
)");
  CHECK(Spans(*m, "Focus on us. The US and the us. Business.") == std::vector<std::string>{"US=United States"});
  CHECK(Spans(*m, "Ga metal. ga metal. GA-X and GA–X.") ==
        std::vector<std::string>{"Ga=gallium", "GA-X=gallium", "GA–X=gallium"});
  CHECK(Spans(*m, "Ga. The 镓 here.") == std::vector<std::string>{"镓=gallium"});
}

TEST_CASE("Matcher finds term-list words as whole words whatever their case, not inside other words", "[matcher]") {
  auto m = Build(R"(
[[terms]]
id = "t"
category = "mineral"
[terms.values]
tin = ["tin concentrate", "TIN-plate"]
"rare earths" = ["rare earth"]
)");
  CHECK(Spans(*m, "Meeting continues. Tin fell.") == std::vector<std::string>{"Tin=tin"});
  CHECK(Spans(*m, "TIN") == std::vector<std::string>{"TIN=tin"});
  CHECK(Spans(*m, "tin\xE2\x80\x94plate and Tin  Concentrate") ==
        std::vector<std::string>{"tin\xE2\x80\x94plate=tin", "Tin  Concentrate=tin"});
  CHECK(Spans(*m, "rare-earthly tinplate; RARE EARTH.") == std::vector<std::string>{"RARE EARTH=rare earths"});
}

TEST_CASE("Matcher finds patterns with non-ASCII letters in any case (atoms are folded by ASCII only)", "[matcher]") {
  auto m = Build(R"(
[[rule]]
id = "z"
category = "goods"
patterns = ['\bzürich\b']
[[rule]]
id = "a"
category = "action"
case_sensitive = true
patterns = ['Ärger']
)");
  CHECK(Spans(*m, "ZÜRICH banks. Zürich.") == std::vector<std::string>{"ZÜRICH=ZÜRICH", "Zürich=Zürich"});
  CHECK(Spans(*m, "Ärger, ärger.") == std::vector<std::string>{"Ärger=Ärger"});
}

}  // namespace
}  // namespace ecwatch::rules_internal
