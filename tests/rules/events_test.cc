// Pins EventBuilder: scope, fallback to the paragraph, actor choice, vetoes.
#include "rules/events.h"

#include <catch2/catch.hpp>

#include "tests/rules/rules_test_util.h"

namespace ecwatch {
namespace {

using testing::LoadOne;
using testing::MatchText;

constexpr const char* kBase = R"(
[[terms]]
id = "m"
category = "mineral"
[terms.values]
gallium = []
tin = []
[[terms]]
id = "a"
category = "actor"
[terms.values]
China = ["Beijing"]
"United States" = ["Washington"]
[[rule]]
id = "ban"
category = "action"
value = "impose"
patterns = ['\bbann?(?:ed|s)? exports\b']
[[rule]]
id = "d"
category = "duration"
normalize = "duration"
patterns = ['for (?P<value>\w+ (?:years?|months?))']
)";

std::unique_ptr<RuleSet> WithEvent(const std::string& event) {
  return LoadOne(std::string(kBase) + "[[event]]\nid = 'e'\n" + event);
}

TEST_CASE("Attached categories come from the sentence first", "[rules][events]") {
  auto set = WithEvent("attach = ['mineral', 'actor', 'duration']\n");
  Findings f = MatchText(*set, "Tin is cheap. Washington said Beijing banned exports of gallium for a year.");
  REQUIRE(f.events.size() == 1);
  const Event& e = f.events[0];
  CHECK(e.action == "impose");
  CHECK(e.actor == "China");  // the actor closest before the action
  CHECK(e.items == std::vector<std::string>{"gallium"});
  CHECK(e.duration_days == 365);
  CHECK(e.duration_text == "for a year");
  CHECK(e.rule == "t/ban");
}

TEST_CASE("Fallback takes the nearest sentence of the paragraph only", "[rules][events]") {
  auto set = WithEvent("attach = ['mineral', 'actor']\n");
  Findings f = MatchText(*set, "Gallium is rare. Beijing banned exports. Tin is cheap.\n\nWashington.");
  REQUIRE(f.events.size() == 1);
  CHECK(f.events[0].items == std::vector<std::string>{"gallium"});  // tie: the earlier sentence
  CHECK(f.events[0].actor == "China");
  auto strict = WithEvent("attach = ['mineral']\nfallback = 'none'\n");
  CHECK(MatchText(*strict, "Gallium is rare. Beijing banned exports.").events[0].items.empty());
}

TEST_CASE("Required categories must occur within scope", "[rules][events]") {
  auto set = WithEvent("require = ['mineral']\nscope = 1\n");
  CHECK(MatchText(*set, "Gallium is rare. They banned exports.").events.size() == 1);
  CHECK(MatchText(*set, "Gallium is rare. Really. They banned exports.").events.empty());
}

TEST_CASE("Unless patterns and past years veto the event", "[rules][events]") {
  auto set = WithEvent("unless = ['earthquake']\nunless_past_year = true\n");
  CHECK(MatchText(*set, "After the earthquake they banned exports.").events.empty());
  CHECK(MatchText(*set, "In 1986 they banned exports.", "1987-03-01").events.empty());
  CHECK(MatchText(*set, "In 1987 they banned exports.", "1987-03-01").events.size() == 1);
  CHECK(MatchText(*set, "Exports were banned on February 9, 1986 and they banned exports.", "1987-03-01").events.empty());
  // A year that names a document, not a time, is no history.
  CHECK(MatchText(*set, "They banned exports under Announcement No. 46 [2024].", "2025-11-07").events.size() == 1);
}

TEST_CASE("Every unless pattern vetoes, run together or, when too large together, one by one",
          "[rules][events]") {
  // The patterns run as one alternation; a later one and one with its own
  // case flag still veto.
  auto set = WithEvent("unless = ['earthquake', '(?i)NO PLANS', '\\bstrike\\b']\n");
  CHECK(MatchText(*set, "A strike came and they banned exports.").events.empty());
  CHECK(MatchText(*set, "There are no plans but they banned exports.").events.empty());
  CHECK(MatchText(*set, "They banned exports.").events.size() == 1);
  // Each of these two fits RE2's memory budget alone, not both together.
  auto big = WithEvent("unless = ['\\bx\\pL{300}y', '\\bq\\pL{300}w', 'earthquake']\n");
  REQUIRE(big);
  CHECK(MatchText(*big, "After the earthquake they banned exports.").events.empty());
  CHECK(MatchText(*big, "They banned exports.").events.size() == 1);
}

TEST_CASE("No events without an event rule", "[rules][events]") {
  auto set = LoadOne(kBase);
  CHECK(MatchText(*set, "Beijing banned exports.").events.empty());
}

}  // namespace
}  // namespace ecwatch
