// Pins DigitRunInEveryMatch: the runs of digits it proves (digits, \d,
// classes of digits, neighbouring items, repeats, every branch), what it
// refuses to prove, and that RE2 finds no match of a pattern in text whose
// runs of digits are all shorter than the proved run (generated patterns
// and texts).
#include "rules/digit_proof.h"

#include <random>
#include <string>
#include <utility>

#include <catch2/catch.hpp>
#include <re2/re2.h>

namespace ecwatch::rules_internal {
namespace {

TEST_CASE("DigitRunInEveryMatch proves the digits in a row every match holds", "[digit_proof]") {
  const std::pair<const char*, std::size_t> kCases[] = {
      {R"(\d)", 1},
      {"1", 1},
      {R"(\d{1,2},\s+\d{4})", 4},
      {R"((?i)\b(?P<value>(?:jan|feb)\s*\d{1,2})\b)", 1},
      {"[0-9]", 1},
      {R"([\d])", 1},
      {"[0-35-9]+", 1},
      {R"(a(?:1|\d|[2-3]))", 1},
      {R"((?:x|y)\d+?)", 1},
      {R"(\d{2,})", 2},
      {"(?i:a1)", 1},
      {"(?s).*7", 1},
      {R"(\d{4}年\d{1,2}月)", 4},
      {"a{,3}", 1},
      {R"(\.5)", 1},
      {R"(\d\b\d)", 2},
      {R"(\d\d(?:\d|\d\d)x)", 3},
      {R"((?:\d{2}){3})", 6},
      {R"(19\d\d|20\d\d)", 4},
      {R"(\d{3}|\d)", 1},
      {R"(\b(?P<value>(?:jan|feb)\s\s*\d{1,2},\s+\d{4})\b)", 4},
  };
  for (const auto& [p, run] : kCases) {
    INFO(p);
    RE2 re(p);
    REQUIRE(re.ok());
    CHECK(DigitRunInEveryMatch(p) == run);
  }
}

TEST_CASE("DigitRunInEveryMatch proves nothing for patterns that can match without a digit", "[digit_proof]") {
  for (const char* p : {"a", R"(\d?)", R"(\d*x)", R"(\d{0,2}x)", R"(\d|x)", R"((?:\d|))", "[0-9a]", "[^a-z]",
                        "[^0-9]", R"(\w+)", R"(\D)", ".", R"(\x31)", R"(\x{31})", "[1-a]", R"((?:one|\d+) years?)",
                        R"(\pN)", R"(\p{Nd})", R"([\x30-\x39])", "(?i)", "", "x|", R"(\bmay\b)"}) {
    INFO(p);
    RE2 re(p);
    REQUIRE(re.ok());
    CHECK(DigitRunInEveryMatch(p) == 0);
  }
}

TEST_CASE("DigitRunInEveryMatch gives up on syntax it does not read", "[digit_proof]") {
  for (const char* p : {R"(\Q1\E)", "[[:digit:]]", R"(\123)", R"(\0)", R"(\d(?<x>1))"}) {
    INFO(p);
    CHECK(DigitRunInEveryMatch(p) == 0);
  }
}

// Random patterns over a small grammar.
std::string RandomPattern(std::mt19937* rng, int depth) {
  static const char* kAtoms[] = {R"(\d)", "1", "a", "b", ".", "[0-9]", "[a1]", R"(\w)", R"(\s)", R"(\b)", "x", "22"};
  static const char* kOps[] = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "+?", "{3,}"};
  std::string out;
  const int items = 1 + static_cast<int>((*rng)() % 4);
  for (int k = 0; k < items; ++k) {
    if (depth < 3 && (*rng)() % 4 == 0) {
      out += "(?:" + RandomPattern(rng, depth + 1);
      if ((*rng)() % 2) out += "|" + RandomPattern(rng, depth + 1);
      out += ")";
    } else {
      out += kAtoms[(*rng)() % std::size(kAtoms)];
    }
    out += kOps[(*rng)() % std::size(kOps)];
  }
  return out;
}

// A text of letters, spaces and digits whose runs of digits are shorter
// than run (no digits at all for run 1).
std::string TextWithShortRuns(std::mt19937* rng, std::size_t run) {
  const std::string letters = "ab x.\n";
  std::string text;
  std::size_t in_run = 0;
  for (int i = 0; i < 16; ++i) {
    if (in_run + 1 < run && (*rng)() % 2) {
      text += static_cast<char>('0' + (*rng)() % 10);
      ++in_run;
    } else {
      text += letters[(*rng)() % letters.size()];
      in_run = 0;
    }
  }
  return text;
}

TEST_CASE("DigitRunInEveryMatch: RE2 finds no match where every run of digits is shorter", "[digit_proof]") {
  std::mt19937 rng(11);
  int proven = 0, longer = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string p = RandomPattern(&rng, 0);
    RE2 re(p);
    const std::size_t run = DigitRunInEveryMatch(p);
    if (!re.ok() || run == 0) continue;
    ++proven;
    longer += run > 1;
    for (int t = 0; t < 20; ++t) {
      const std::string text = TextWithShortRuns(&rng, run);
      INFO("pattern " << p << " run " << run << " text '" << text << "'");
      CHECK_FALSE(RE2::PartialMatch(text, re));
    }
  }
  CHECK(proven > 300);  // the generator does produce provable patterns
  CHECK(longer > 100);  // ... with runs longer than one digit
}

}  // namespace
}  // namespace ecwatch::rules_internal
