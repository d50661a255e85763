// Pins ParseRuleFile: term lists, defines, events, and positioned errors.
#include "rules/rule_file.h"

#include <catch2/catch.hpp>

namespace ecwatch::rules_internal {
namespace {

TEST_CASE("A term list compiles to words, acronyms, CJK and symbols", "[rules][rule_file]") {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("sets/m.toml", R"(
[[terms]]
id = "ree"
category = "mineral"
symbols = true
[terms.values]
dysprosium = ["Dy", "镝"]
"rare earths" = ["rare earth", "REE"]
)", &errors);
  REQUIRE(errors.empty());
  REQUIRE(f.rules.size() == 1);
  const Rule& r = f.rules[0];
  CHECK(r.id == "m/ree");
  CHECK(r.patterns.size() == 4);
  CHECK(r.symbol_pattern == 3);
  CHECK_FALSE(r.context.empty());
  CHECK(r.lookup.at("dysprosium") == "dysprosium");
  CHECK(r.lookup.at("Dy") == "dysprosium");
  CHECK(r.lookup.at("镝") == "dysprosium");
  CHECK(r.lookup.at("REE") == "rare earths");
  CHECK(r.lookup.at("rare earth") == "rare earths");
}

TEST_CASE("Symbols are dropped unless switched on", "[rules][rule_file]") {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("m.toml", "[[terms]]\nid='x'\ncategory='mineral'\n[terms.values]\ngallium=['Ga']\n", &errors);
  REQUIRE(errors.empty());
  CHECK(f.rules[0].patterns.size() == 1);
  CHECK(f.rules[0].lookup.count("Ga") == 0);
}

TEST_CASE("Defines expand into patterns; unknown defines are errors", "[rules][rule_file]") {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("d.toml", R"(
[defines]
verb = 'ban|curb'
both = '${verb}s?'
[[rule]]
id = "r"
category = "action"
patterns = ['\b${both}\b', '${nope}']
)", &errors);
  for (const auto& e : errors) UNSCOPED_INFO(e);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("d.toml:8:", 0) == 0);
  CHECK(errors[0].find("unknown define '${nope}'") != std::string::npos);
  CHECK(f.rules[0].patterns[0] == "(?i)\\b(?:(?:ban|curb)s?)\\b");
}

TEST_CASE("Defines that multiply each other stop at kMaxPatternBytes, a cycle at once",
          "[rules][rule_file][limits]") {
  // Eight levels of eight uses each: 2 * 8^7 bytes (4 MiB) before the (?:)
  // wrappers; the expansion used to be built whole (and a cycle with ten
  // uses per level ran 10^9 expansions).
  std::string toml = "[defines]\na0 = 'xy'\n";
  for (int level = 1; level <= 7; ++level) {
    toml += "a" + std::to_string(level) + " = '";
    for (int i = 0; i < 8; ++i) toml += "${a" + std::to_string(level - 1) + "}";
    toml += "'\n";
  }
  toml += "loop = '${loop}${loop}${loop}${loop}${loop}${loop}${loop}${loop}${loop}${loop}'\n";
  toml += "[[rule]]\nid = 'big'\ncategory = 'action'\npatterns = ['${a7}']\n";      // line 14
  toml += "[[rule]]\nid = 'cycle'\ncategory = 'action'\npatterns = ['${loop}']\n";  // line 18
  std::vector<std::string> errors;
  ParseRuleFile("m.toml", toml, &errors);
  for (const auto& e : errors) UNSCOPED_INFO(e);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].rfind("m.toml:14:", 0) == 0);
  CHECK(errors[0].find("longer than limits::kMaxPatternBytes once defines are expanded") !=
        std::string::npos);
  CHECK(errors[1].rfind("m.toml:18:", 0) == 0);
  CHECK(errors[1].find("(a cycle?)") != std::string::npos);
  // Three levels (2 * 8^2 bytes) fit.
  errors.clear();
  RuleFile ok = ParseRuleFile("m.toml", toml.substr(0, toml.find("a3 = ")) +
                                            "[[rule]]\nid = 'r'\ncategory = 'action'\n"
                                            "patterns = ['${a2}']\n",
                              &errors);
  CHECK(errors.empty());
  REQUIRE(ok.rules.size() == 1);
  CHECK(ok.rules[0].patterns[0].size() > 128);
}

TEST_CASE("Event rules read scope, attach and unless", "[rules][rule_file]") {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("e.toml", R"(
[[event]]
id = "m"
require = ["mineral"]
attach = ["actor"]
scope = 2
unless = ['last year']
unless_past_year = true
[[event]]
id = "p"
scope = "paragraph"
[[event]]
id = "bad"
scope = "page"
attach = ["planet"]
)", &errors);
  REQUIRE(f.events.size() == 3);
  CHECK(f.events[0].scope_sentences == 2);
  CHECK(f.events[0].unless_past_years);
  CHECK(f.events[0].require == std::vector<std::string>{"mineral"});
  CHECK(f.events[1].scope_paragraph);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].find("unknown category 'planet'") != std::string::npos);
  CHECK(errors[1].rfind("e.toml:14:", 0) == 0);
}

TEST_CASE("A TOML syntax error yields one positioned error", "[rules][rule_file]") {
  std::vector<std::string> errors;
  RuleFile f = ParseRuleFile("s.toml", "[[rule]]\nid = 'x\n", &errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("s.toml:2:", 0) == 0);
  CHECK(f.rules.empty());
}

}  // namespace
}  // namespace ecwatch::rules_internal
