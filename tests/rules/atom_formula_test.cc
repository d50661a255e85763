// Pins AtomFormula: the clauses learned from FilteredRE2 for AND, OR and
// mixed patterns, patterns without atoms, the cap on atoms per pattern, and
// that every match of a pattern satisfies its formula.
#include "rules/atom_formula.h"

#include <algorithm>
#include <cctype>

#include <catch2/catch.hpp>
#include <re2/re2.h>

#include "base/limits.h"

namespace ecwatch::rules_internal {
namespace {

using Clauses = std::vector<std::vector<std::string>>;

Clauses Of(const std::string& pattern) {
  AtomFormula f;
  std::string error;
  REQUIRE(AtomFormula::Derive(pattern, 3, &f, &error));
  for (auto& c : f.clauses) std::sort(c.begin(), c.end());
  std::sort(f.clauses.begin(), f.clauses.end());
  return f.clauses;
}

// True when text (ASCII-lowered) holds an atom of every clause.
bool Satisfies(const Clauses& clauses, std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::all_of(clauses.begin(), clauses.end(), [&](const auto& clause) {
    return std::any_of(clause.begin(), clause.end(), [&](const auto& a) { return text.find(a) != std::string::npos; });
  });
}

TEST_CASE("AtomFormula of two words apart is one clause per word (AND)", "[atom_formula]") {
  CHECK(Of(R"((?i)\bsuspend\w*\s+(?:\w+\s+){0,3}?controls\b)") == Clauses{{"controls"}, {"suspend"}});
}

TEST_CASE("AtomFormula of an alternation is one clause of its branches (OR)", "[atom_formula]") {
  CHECK(Of(R"(\b(?:gallium|germanium|antimony)\b)") == Clauses{{"antimony", "gallium", "germanium"}});
}

TEST_CASE("AtomFormula of an AND inside an OR keeps clauses every match satisfies", "[atom_formula]") {
  // (ban AND exports) OR (halt AND shipments): RE2 may keep fewer clauses
  // than the four of the full formula, never a wrong one.
  const Clauses c = Of(R"((?i)\bban\w*\s+\w+\s+exports|halt\w*\s+\w+\s+shipments)");
  REQUIRE_FALSE(c.empty());
  CHECK(Satisfies(c, "they banned all exports"));
  CHECK(Satisfies(c, "we halted our shipments"));
  CHECK_FALSE(Satisfies(c, "exports and shipments"));
}

TEST_CASE("AtomFormula of a pattern without a literal of 3 bytes has no clause", "[atom_formula]") {
  CHECK(Of(R"(\d+ (?:kg|t)\b)").empty());
  CHECK(Of(R"(\w+)").empty());
  CHECK(Of(R"(export|\d+)").empty());  // a match may hold no atom
}

TEST_CASE("AtomFormula caps the atoms it learns from: one clause of all of them", "[atom_formula]") {
  std::string alternation, words;
  for (std::size_t i = 0; i <= limits::kMaxAtomsPerPattern; ++i) {
    const std::string w = "word" + std::string(1, static_cast<char>('a' + i % 26)) +
                          std::string(1, static_cast<char>('a' + i / 26)) + "x";
    alternation += (i ? "|" : "") + w;
  }
  const Clauses c = Of("(?:" + alternation + R"() \d+ (?:tonnes|tons))");
  REQUIRE(c.size() == 1);
  CHECK(c[0].size() > limits::kMaxAtomsPerPattern);
}

TEST_CASE("AtomFormula holds on every match of the default-style patterns", "[atom_formula]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"((?i)\b(?:suspend(?:s|ed|ing)?|paus(?:e|ed|es|ing))\s+(?:[\w’'-]+,?\s+){0,6}?(?:export controls?|control measures))",
       "China suspended its planned control measures"},
      {R"((?i)\b(?:rare[ -]earths?|gallium)\b)", "Rare-Earth magnets"},
      {R"(\b(?:January|February) \d{1,2}, \d{4}\b)", "on February 9, 1986 it"},
  };
  for (const auto& [pattern, text] : cases) {
    INFO(pattern);
    REQUIRE(RE2::PartialMatch(text, RE2(pattern)));
    CHECK(Satisfies(Of(pattern), text));
  }
}

TEST_CASE("AtomFormula reports a pattern RE2 rejects", "[atom_formula]") {
  AtomFormula f;
  std::string error;
  CHECK_FALSE(AtomFormula::Derive("(unclosed", 3, &f, &error));
  CHECK_FALSE(error.empty());
}

}  // namespace
}  // namespace ecwatch::rules_internal
