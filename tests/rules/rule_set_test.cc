// Pins RuleSet loading (errors as FILE:LINE:COL), versioning and matching.
#include "rules/rule_set.h"

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "tests/rules/rules_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using testing::LoadOne;
using testing::MatchText;

constexpr const char* kTiny = R"(
[[terms]]
id = "metals"
category = "mineral"
examples = ["gallium"]
counterexamples = ["galleon"]
[terms.values]
gallium = ["Ga", "镓"]

[[rule]]
id = "ban"
category = "action"
value = "impose"
patterns = ['\bbann?(?:ed|s)? (?:\w+ ){0,3}exports\b']
examples = [{ text = "China banned gallium exports", value = "impose" }]
counterexamples = ["exports rose"]

[[event]]
id = "move"
attach = ["mineral", "actor", "duration"]
)";

TEST_CASE("LoadSources compiles a small set and matches it", "[rules][rule_set]") {
  auto set = LoadOne(kTiny);
  CHECK(set->rule_count() == 2);
  Findings f = MatchText(*set, "Beijing banned gallium exports. Prices rose.");
  REQUIRE(f.matches.size() == 2);
  CHECK(f.matches[0].category == "action");
  CHECK(f.matches[0].text == "banned gallium exports");
  CHECK(f.matches[0].start == 8);
  CHECK(f.matches[1].value == "gallium");
  REQUIRE(f.events.size() == 1);
  CHECK(f.events[0].items == std::vector<std::string>{"gallium"});
  CHECK(f.events[0].sentence == "Beijing banned gallium exports.");
  CHECK(f.alert);
  CHECK(f.minerals == std::vector<std::string>{"gallium"});
  CHECK(f.ruleset_version == set->version());
}

TEST_CASE("Version is a stable content hash", "[rules][rule_set]") {
  auto a = LoadOne(kTiny);
  auto b = LoadOne(kTiny);
  auto c = LoadOne(std::string(kTiny) + "\n# changed\n");
  CHECK(a->version() == b->version());
  CHECK(a->version() != c->version());
}

TEST_CASE("A broken regex is reported as FILE:LINE:COL with RE2's message", "[rules][rule_set]") {
  auto r = RuleSet::LoadSources({{"sets/x.toml", "[[rule]]\nid = 'b'\ncategory = 'action'\n"
                                                  "patterns = ['(abc']\n"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  CHECK(r.status().message().rfind("sets/x.toml:4:", 0) == 0);
  CHECK(r.status().message().find("missing )") != std::string::npos);
}

TEST_CASE("An unknown category, key or normaliser is an error at its line", "[rules][rule_set]") {
  auto r = RuleSet::LoadSources({{"y.toml", "[[rule]]\nid = 'b'\ncategory = 'weather'\npatterns = ['x']\n"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("y.toml:3:", 0) == 0);
  CHECK(r.status().message().find("unknown category 'weather'") != std::string::npos);
  auto k = RuleSet::LoadSources({{"k.toml", "[[rule]]\nid = 'b'\ncategory = 'action'\npatterns = ['x']\nfoo = 1\n"}});
  REQUIRE_FALSE(k.ok());
  CHECK(k.status().message().find("k.toml:5:") != std::string::npos);
  auto n = RuleSet::LoadSources({{"n.toml", "[[rule]]\nid = 'b'\ncategory = 'duration'\npatterns = ['x']\nnormalize = 'weeks'\n"}});
  REQUIRE_FALSE(n.ok());
  CHECK(n.status().message().find("unknown normalizer") != std::string::npos);
}

TEST_CASE("A pattern that matches the empty string is refused", "[rules][rule_set]") {
  auto r = RuleSet::LoadSources({{"z.toml", "[[rule]]\nid = 'b'\ncategory = 'action'\npatterns = ['(?:ban)?']\n"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("z.toml:4:", 0) == 0);
  CHECK(r.status().message().find("matches the empty string") != std::string::npos);
}

TEST_CASE("A failing example names the rule and what matched instead", "[rules][rule_set]") {
  auto r = RuleSet::LoadSources({{"e.toml", R"(
[[rule]]
id = "ban"
category = "action"
value = "impose"
patterns = ['\bbanned exports\b']
examples = [{ text = "They banned nickel exports.", value = "impose" }]
)"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("e.toml:7:", 0) == 0);
  CHECK(r.status().message().find("'e/ban' did not match") != std::string::npos);
}

TEST_CASE("LoadDir refuses a missing or empty directory as NotFound", "[rules][rule_set]") {
  CHECK(RuleSet::LoadDir("no/such/dir").status().code() == Status::Code::kNotFound);
  std::string empty = testing::MakeTempDir("rules-empty");
  CHECK(RuleSet::LoadDir(empty).status().code() == Status::Code::kNotFound);
}

TEST_CASE("Disabled rules load but never match", "[rules][rule_set]") {
  auto set = LoadOne("[[rule]]\nid = 'b'\ncategory = 'action'\nenabled = false\npatterns = ['ban']\n");
  CHECK(MatchText(*set, "a ban").matches.empty());
}

TEST_CASE("Title events are kept without a span in the text", "[rules][rule_set]") {
  auto set = LoadOne(kTiny);
  Article a;
  a.title = "China banned gallium exports";
  a.text = "Nothing else here.";
  Findings f = set->Match(a);
  CHECK(f.matches.empty());
  REQUIRE(f.events.size() == 1);
  CHECK(f.events[0].start == 0);
  CHECK(f.events[0].end == 0);
  CHECK(f.minerals == std::vector<std::string>{"gallium"});
}

TEST_CASE("Matches and events per document are capped", "[rules][rule_set][limits]") {
  auto set = LoadOne(kTiny);
  std::string text;
  for (std::size_t i = 0; i < limits::kMaxMatchesPerDocument + 10; ++i) text += "gallium ";
  CHECK(MatchText(*set, text).matches.size() == limits::kMaxMatchesPerDocument);
  std::string bans;
  for (std::size_t i = 0; i < limits::kMaxEventsPerDocument + 10; ++i) bans += "They banned exports. ";
  CHECK(MatchText(*set, bans).events.size() == limits::kMaxEventsPerDocument);
}

// One [[rule]] table per id, each a plain word pattern.
std::string ManyRules(std::size_t n) {
  std::string toml;
  for (std::size_t i = 0; i < n; ++i) {
    toml += "[[rule]]\nid = 'r" + std::to_string(i) + "'\ncategory = 'action'\npatterns = ['w" +
            std::to_string(i) + "x']\n";
  }
  return toml;
}

TEST_CASE("More than kMaxRules rules are refused before compiling", "[rules][rule_set][limits]") {
  const std::string toml = ManyRules(limits::kMaxRules + 1);
  REQUIRE(toml.size() <= limits::kMaxRuleFileBytes);  // the rule cap, not the file cap, is crossed
  auto r = RuleSet::LoadSources({{"many.toml", toml}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  CHECK(r.status().message() == "rule set: more than limits::kMaxRules rules");
  CHECK(LoadOne(ManyRules(3))->rule_count() == 3);
}

TEST_CASE("A pattern over kMaxPatternBytes is refused at FILE:LINE", "[rules][rule_set][limits]") {
  const std::string pattern(limits::kMaxPatternBytes + 1, 'a');
  auto r = RuleSet::LoadSources(
      {{"sets/long.toml", "[[rule]]\nid = 'long'\ncategory = 'action'\npatterns = ['" + pattern + "']\n"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("sets/long.toml:4:", 0) == 0);
  CHECK(r.status().message().find("pattern longer than limits::kMaxPatternBytes") !=
        std::string::npos);
}

TEST_CASE("A pattern whose program exceeds kRe2MaxMem is refused at FILE:LINE",
          "[rules][rule_set][limits]") {
  // \pL is hundreds of instructions (UTF-8 ranges of every letter); 1000 of
  // them need more than kRe2MaxMem (8 MiB), 100 of them fit.
  REQUIRE(limits::kRe2MaxMem == 8ll << 20);
  const std::string head = "[[rule]]\nid = 'big'\ncategory = 'action'\n";
  auto r = RuleSet::LoadSources({{"sets/big.toml", head + "patterns = ['x\\pL{1000}']\n"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  CHECK(r.status().message().rfind("sets/big.toml:4:", 0) == 0);
  CHECK(r.status().message().find("pattern too large") != std::string::npos);
  CHECK(RuleSet::LoadSources({{"sets/big.toml", head + "patterns = ['x\\pL{100}']\n"}}).ok());
}

TEST_CASE("A rule file over the size cap is refused", "[rules][rule_set][limits]") {
  std::string big = "# " + std::string(limits::kMaxRuleFileBytes, 'x') + "\n";
  auto r = RuleSet::LoadSources({{"big.toml", big}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("big.toml") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch
