// Pins SetIndex: per-sentence candidates from the atom formulas (AND within
// one sentence, OR, literals as written, term words in their whole term,
// context gates), indexed excludes, and the patterns that are always
// candidates.
#include "rules/set_index.h"

#include <catch2/catch.hpp>

namespace ecwatch::rules_internal {
namespace {

using Candidates = SetIndex::Candidates;

// Candidates (patterns, excludes) of every sentence of text.
struct PerSentence {
  std::vector<Candidates> patterns, excludes;
};

PerSentence Walk(const SetIndex& index, const std::string& text) {
  const Segments seg = SplitText(text);
  SetIndex::Occurrences occ;
  index.Scan(text, &occ);
  PerSentence out;
  for (const TextSpan& s : seg.sentences) {
    Candidates p, x;
    std::vector<SetIndex::StartRange> starts;
    index.InSentence(text, &occ, s, &p, &x, &starts);
    REQUIRE(starts.size() == p.size());
    out.patterns.push_back(p);
    out.excludes.push_back(x);
  }
  return out;
}

// The candidates of text read as one sentence, with their start ranges.
void InWholeText(const SetIndex& index, const std::string& text, Candidates* p,
                 std::vector<SetIndex::StartRange>* starts) {
  SetIndex::Occurrences occ;
  index.Scan(text, &occ);
  Candidates x;
  index.InSentence(text, &occ, TextSpan{0, text.size()}, p, &x, starts);
}

void AddOrDie(SetIndex* index, const std::string& pattern, std::size_t rule, std::size_t p = 0,
              const Rule::Literals& literals = {}, int gate = -1) {
  std::string error;
  REQUIRE(index->Add(pattern, literals, rule, p, gate, &error));
}

TEST_CASE("SetIndex: an AND pattern is a candidate only where all its atoms share a sentence", "[set_index]") {
  SetIndex index;
  AddOrDie(&index, R"((?i)\bsuspend\w*\s+(?:\w+\s+){0,3}?controls\b)", 0);
  REQUIRE(index.Compile());
  const auto w = Walk(index, "They suspended it. The controls stay. Suspend the controls now.");
  REQUIRE(w.patterns.size() == 3);
  CHECK(w.patterns[0].empty());
  CHECK(w.patterns[1].empty());
  CHECK(w.patterns[2] == Candidates{{0, 0}});
}

TEST_CASE("SetIndex: an OR pattern is a candidate on any one of its atoms", "[set_index]") {
  SetIndex index;
  AddOrDie(&index, R"(\b(?:gallium|germanium)\b)", 0);
  AddOrDie(&index, R"(\bantimony\b)", 1);
  REQUIRE(index.Compile());
  const auto w = Walk(index, "Germanium rose. Nothing here. Antimony and gallium fell.");
  CHECK(w.patterns == std::vector<Candidates>{{{0, 0}}, {}, {{0, 0}, {1, 0}}});
}

TEST_CASE("SetIndex: literals are compared as written, term words in their whole term", "[set_index]") {
  SetIndex index;
  Rule::Literals acronyms{{"US", "EU"}, false};
  Rule::Literals words{{"state council"}, true};
  AddOrDie(&index, R"(\b(?:US|EU)\b)", 0, 0, acronyms);
  AddOrDie(&index, R"((?i)\bstate[\s-]+council\b)", 1, 0, words);
  REQUIRE(index.Compile());
  const auto w = Walk(index, "Tell us more. The US said so. The council met. The State-Council met.");
  CHECK(w.patterns == std::vector<Candidates>{{}, {{0, 0}}, {}, {{1, 0}}});
}

TEST_CASE("SetIndex: a gated pattern also needs its gate's atoms in the sentence", "[set_index]") {
  SetIndex index;
  const int gate = index.AddGate(R"((?i)\b(?:oxides?|metals?)\b)");
  REQUIRE(gate >= 0);
  Rule::Literals symbols{{"Dy"}, false};
  AddOrDie(&index, R"(\bDy\d*\b)", 0, 0, symbols, gate);
  REQUIRE(index.Compile());
  const auto w = Walk(index, "Dy rose. Dy2O3 oxide rose.");
  CHECK(w.patterns == std::vector<Candidates>{{}, {{0, 0}}});
}

TEST_CASE("SetIndex: excludes are candidates where their atoms are; atom-less ones always", "[set_index]") {
  SetIndex index;
  AddOrDie(&index, R"((?i)\blead\b)", 0);
  REQUIRE(index.AddExclude(R"((?i)\blead(?:s)? (?:to|manager)\b)", 0, 0));
  REQUIRE(index.AddExclude(R"((?i)\d+ ?%)", 0, 1));
  REQUIRE(index.Compile());
  CHECK(index.always_excludes() == Candidates{{0, 1}});
  const auto w = Walk(index, "Lead prices rose. It will lead to more.");
  CHECK(w.patterns == std::vector<Candidates>{{{0, 0}}, {{0, 0}}});
  // The exclude needs "lead to", "leads to", "lead manager" or the like.
  CHECK(w.excludes == std::vector<Candidates>{{}, {{0, 0}}});
}

TEST_CASE("SetIndex: patterns without atoms are always candidates, not per sentence", "[set_index]") {
  SetIndex index;
  AddOrDie(&index, R"(\b\d{4}\b)", 0);
  AddOrDie(&index, R"(\bnickel\b)", 1);
  REQUIRE(index.Compile());
  CHECK(index.always() == Candidates{{0, 0}});
  const auto w = Walk(index, "In 2024 nickel fell. In 2025 it rose.");
  CHECK(w.patterns == std::vector<Candidates>{{{1, 0}}, {}});
}

TEST_CASE("SetIndex: an atom that crosses a sentence boundary counts in neither sentence", "[set_index]") {
  SetIndex index;
  AddOrDie(&index, R"((?i)it\.\s+nickel)", 0);  // atom "it. nickel" spans two sentences
  AddOrDie(&index, R"((?i)\bnickel\b)", 1);
  REQUIRE(index.Compile());
  const auto w = Walk(index, "We sold it. Nickel fell.");
  CHECK(w.patterns == std::vector<Candidates>{{}, {{1, 0}}});
}

TEST_CASE("SetIndex: a candidate's matches start at or before its first clause's last occurrence", "[set_index]") {
  SetIndex index;
  AddOrDie(&index, R"(\b(?:gallium|germanium)\b)", 0);
  AddOrDie(&index, R"(\d+ (?:tonnes|tons))", 1);                 // atoms " tonnes", " tons"
  const int gate = index.AddGate(R"((?i)\bmetals?\b)");
  AddOrDie(&index, R"(\d+\s*%)", 2, 0, {}, gate);               // only the gate's clause: no bound
  REQUIRE(index.Compile());
  const std::string text = "Gallium, 40 tonnes of germanium metal and 5 % more tons.";
  Candidates p;
  std::vector<SetIndex::StartRange> starts;
  InWholeText(index, text, &p, &starts);
  CHECK(p == Candidates{{0, 0}, {1, 0}, {2, 0}});
  CHECK(starts == std::vector<SetIndex::StartRange>{
                      {0, text.find("germanium")}, {0, text.find(" tons.")}, {0, SetIndex::kNoBound}});
}

TEST_CASE("SetIndex: a term list's words start no earlier than the first whole term", "[set_index]") {
  SetIndex index;
  // As a term list compiles its words (rules/term_list.cc): whole terms.
  AddOrDie(&index, R"((?i)(?:\brare[\s\x{2010}-\x{2014}-]+earths?\b|\bgallium\b))", 0, 0,
           Rule::Literals{{"rare earth", "rare earths", "gallium"}, true});
  // A term beginning with a separator gives no such bound.
  AddOrDie(&index, R"((?i)(?:[\s\x{2010}-\x{2014}-]+based\b))", 1, 0, Rule::Literals{{"-based"}, true});
  REQUIRE(index.Compile());
  const std::string text = "Earth and gallium, then RARE  earths and U.S. -based rare earth.";
  Candidates p;
  std::vector<SetIndex::StartRange> starts;
  InWholeText(index, text, &p, &starts);
  REQUIRE(p == Candidates{{0, 0}, {1, 0}});
  CHECK(starts[0].first == text.find("gallium"));
  CHECK(starts[1].first == 0);
}

}  // namespace
}  // namespace ecwatch::rules_internal
