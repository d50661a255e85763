// Pins ValueIsWholeMatch: the shapes it proves (empty-width items around
// one value group), the ones it refuses, and that on proved patterns RE2's
// value capture is the whole match.
#include "rules/value_span.h"

#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <re2/re2.h>

namespace ecwatch::rules_internal {
namespace {

const char* const kProved[] = {
    R"(\b(?P<value>\d+ days)\b)", R"((?i)\b(?P<value>a|b)\b)", "(?P<value>x)", R"(^(?P<value>[)(]x)$)",
    R"((?i)\A(?P<value>(?:one|two)[- ]years?)\z)", R"(\b(?P<value>a\)b(?:c|d)+)\b)", R"((?P<value>[]a]+))"};

TEST_CASE("ValueIsWholeMatch proves a value group between empty-width items", "[value_span]") {
  for (const char* p : kProved) {
    INFO(p);
    CHECK(ValueIsWholeMatch(p));
  }
}

TEST_CASE("ValueIsWholeMatch refuses anything else", "[value_span]") {
  for (const char* p : {R"(a(?P<value>b))", R"((?P<value>a)b)", R"((?P<value>a)(b))", R"((?P<value>a(?P<x>b)))",
                        R"((?P<value>a)|b)", R"((?:(?P<value>a)))", R"((?P<value>\Qa)\E))", R"((?P<value>[[:alpha:]]))",
                        R"((?P<value>a)?)", R"((?P<value>a)*)", R"(\d+)", R"((?P<x>a))", R"((?i:x)(?P<value>a))",
                        R"((?P<value>a\)", ""}) {
    INFO(p);
    CHECK_FALSE(ValueIsWholeMatch(p));
  }
}

TEST_CASE("ValueIsWholeMatch: on proved patterns RE2's value capture is the whole match", "[value_span]") {
  std::mt19937 rng(5);
  int matched = 0;
  const std::string alphabet = "ab)(x]1 -\nyearsonetw";
  for (const char* p : kProved) {
    RE2 re(p);
    REQUIRE(re.ok());
    const int value = re.NamedCapturingGroups().at("value");
    for (int t = 0; t < 400; ++t) {
      std::string text;
      for (int i = 0; i < 30; ++i) text += alphabet[rng() % alphabet.size()];
      re2::StringPiece groups[2];
      const re2::StringPiece input(text);
      std::size_t pos = 0;
      while (pos < text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, groups, value + 1)) {
        ++matched;
        INFO(p << " on '" << text << "'");
        CHECK(groups[value].data() == groups[0].data());
        CHECK(groups[value].size() == groups[0].size());
        pos = groups[0].data() - text.data() + std::max<std::size_t>(groups[0].size(), 1);
      }
    }
  }
  CHECK(matched > 100);  // the texts do hold matches
}

}  // namespace
}  // namespace ecwatch::rules_internal
