// Pins EveryMatchHasDigit: what the reader proves (digits, \d, classes of
// digits, repeated at least once, in every branch), what it refuses to
// prove, and that no pattern it proves matches digit-free text (RE2 on
// generated patterns and texts).
#include "rules/digit_proof.h"

#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <re2/re2.h>

namespace ecwatch::rules_internal {
namespace {

TEST_CASE("EveryMatchHasDigit proves patterns that need a digit", "[digit_proof]") {
  for (const char* p : {R"(\d)", "1", R"(\d{1,2},\s+\d{4})", R"((?i)\b(?P<value>(?:jan|feb)\s*\d{1,2})\b)",
                        "[0-9]", R"([\d])", "[0-35-9]+", R"(a(?:1|\d|[2-3]))", R"((?:x|y)\d+?)", R"(\d{2,})",
                        "(?i:a1)", "(?s).*7", R"(\d{4}年\d{1,2}月)", "a{,3}", R"(\.5)", R"([,.]\d)"}) {
    INFO(p);
    RE2 re(p);
    REQUIRE(re.ok());
    CHECK(EveryMatchHasDigit(p));
  }
}

TEST_CASE("EveryMatchHasDigit does not prove patterns that can match without a digit", "[digit_proof]") {
  for (const char* p : {"a", R"(\d?)", R"(\d*x)", R"(\d{0,2}x)", R"(\d|x)", R"((?:\d|))", "[0-9a]", "[^a-z]",
                        "[^0-9]", R"(\w+)", R"(\D)", ".", R"(\x31)", R"(\x{31})", "[1-a]", R"((?:one|\d+) years?)",
                        R"(\pN)", R"(\p{Nd})", R"([\x30-\x39])", "(?i)", "", "x|", R"(\bmay\b)"}) {
    INFO(p);
    RE2 re(p);
    REQUIRE(re.ok());
    CHECK_FALSE(EveryMatchHasDigit(p));
  }
}

TEST_CASE("EveryMatchHasDigit gives up on syntax it does not read", "[digit_proof]") {
  for (const char* p : {R"(\Q1\E)", "[[:digit:]]", R"(\123)", R"(\0)"}) {
    INFO(p);
    CHECK_FALSE(EveryMatchHasDigit(p));
  }
}

// Random patterns over a small grammar; whenever the proof holds, RE2 must
// find no match in random digit-free texts (and does in some digit text).
std::string RandomPattern(std::mt19937* rng, int depth) {
  static const char* kAtoms[] = {R"(\d)", "1", "a", "b", ".", "[0-9]", "[a1]", R"(\w)", R"(\s)", R"(\b)", "x"};
  static const char* kOps[] = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "+?"};
  std::string out;
  const int items = 1 + static_cast<int>((*rng)() % 3);
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

TEST_CASE("EveryMatchHasDigit: RE2 finds no match of a proven pattern in digit-free text", "[digit_proof]") {
  std::mt19937 rng(11);
  const std::string letters = "ab x.\n";
  int proven = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string p = RandomPattern(&rng, 0);
    RE2 re(p);
    if (!re.ok() || !EveryMatchHasDigit(p)) continue;
    ++proven;
    for (int t = 0; t < 20; ++t) {
      std::string text;
      for (int i = 0; i < 12; ++i) text += letters[rng() % letters.size()];
      INFO("pattern " << p << " text '" << text << "'");
      CHECK_FALSE(RE2::PartialMatch(text, re));
    }
  }
  CHECK(proven > 300);  // the generator does produce provable patterns
}

}  // namespace
}  // namespace ecwatch::rules_internal
