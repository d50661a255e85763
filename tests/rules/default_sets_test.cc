// Pins the shipped rule sets (rules/sets): they pass `rules check`, every
// rule has examples, each category finds its positives and skips the
// traps, the seed article is fully right, and a Chinese MOFCOM announcement
// yields the same event as its English version.
#include <algorithm>

#include <catch2/catch.hpp>

#include "rules/check.h"
#include "rules/decision.h"
#include "rules/rule_set_impl.h"
#include "tests/rules/rules_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using testing::DefaultSets;
using testing::MatchText;
using testing::Values;

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST_CASE("rules check passes on rules/sets", "[rules][sets]") {
  CheckReport report = CheckRules(testing::DefaultSetsDir());
  for (const auto& e : report.errors) UNSCOPED_INFO(e);
  CHECK(report.ok());
  CHECK(report.sets >= 6);
  CHECK(report.rules >= 15);
}

TEST_CASE("Every default rule has an example and a counterexample", "[rules][sets]") {
  auto files = rules_internal::ReadRuleDir(testing::DefaultSetsDir());
  REQUIRE(files.ok());
  auto built = rules_internal::BuildRuleSet(files.value());
  REQUIRE(built.set);
  for (const auto& rule : built.set->matcher().rules()) {
    INFO(rule.id);
    CHECK_FALSE(rule.examples.empty());
    CHECK_FALSE(rule.counterexamples.empty());
  }
}

TEST_CASE("Minerals: elements, groups, forms and Chinese names", "[rules][sets][mineral]") {
  auto v = Values(MatchText(DefaultSets(), "Exports of gallium, germanium, antimony and graphite, "
                                           "Dy2O3 oxide, NdFeB magnets and 稀土 need licences."),
                  "mineral");
  for (const char* m : {"gallium", "germanium", "antimony", "graphite", "dysprosium", "neodymium", "rare earths"}) {
    INFO(m);
    CHECK(Has(v, m));
  }
  CHECK(Has(Values(MatchText(DefaultSets(), "lead and zinc concentrates"), "mineral"), "lead"));
  CHECK(Has(Values(MatchText(DefaultSets(), "ZAIRE ACCEPTS TIN-EXPORT QUOTA"), "mineral"), "tin"));
}

TEST_CASE("Minerals: ordinary words and names are not minerals", "[rules][sets][mineral]") {
  for (const char* s : {"Morgan Guaranty was lead manager of the issue.", "The talks could lead to a deal.",
                        "Tintin fans met.", "leaded regular petrol", "Bethlehem Steel Corp said",
                        "a cast iron commitment", "Silicon Valley firms", "The PR team said the TB drive failed.",
                        "Shares of GE and GA rose.", "She has a gold card.", "diamond-drilled holes",
                        "The International Tin Council met in London."}) {
    INFO(s);
    CHECK(Values(MatchText(DefaultSets(), s), "mineral").empty());
  }
}

TEST_CASE("Actions: the verb and the controlled thing decide the action", "[rules][sets][action]") {
  struct Case {
    const char* text;
    const char* action;
  } cases[] = {
      {"China suspended export controls on rare earths.", "suspend"},
      {"Spain suspended lemon exports from Thursday.", "impose"},
      {"China imposed export controls on gallium.", "impose"},
      {"The US tightened export controls on chips.", "tighten"},
      {"Beijing lifted its ban on gallium exports.", "lift"},
      {"DR Congo extended the cobalt export ban for three months.", "extend"},
      {"The Commerce Department will approve export licences for two firms.", "other"},
      {"商务部决定暂停实施稀土出口管制措施。", "suspend"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(Has(Values(MatchText(DefaultSets(), c.text), "action"), c.action));
  }
}

TEST_CASE("Actions: quotations, import quotas and other suspensions are not actions", "[rules][sets][action]") {
  for (const char* s : {"The exchange suspends quotations for one hour.", "The stock was included for quotation.",
                        "Japan will remove its quotas on U.S. beef.", "The meeting was postponed.",
                        "The IMF raised its quota.", "Exports rose 5 pct."}) {
    INFO(s);
    CHECK(Values(MatchText(DefaultSets(), s), "action").empty());
  }
}

// One-sentence documents: is it export-control news, and with which action?
std::string Decide(const std::string& text) {
  Findings f = MatchText(DefaultSets(), text, "1987-04-01");
  DocumentDecision d = DecideDocument(f, text.size());
  return d.export_control ? d.action : "";
}

TEST_CASE("Wire-copy decisions are events; talk, failure and physical halts are not", "[rules][sets][event]") {
  CHECK(Decide("Brazil's IBC suspended export registrations for May shipment.") == "impose");
  CHECK(Decide("COCOM agreed to relax controls on exports of personal computers.") == "lift");
  CHECK(Decide("Japan agreed to restrain exports of machine tools to the U.S.") == "impose");
  CHECK(Decide("Indonesia banned exports of raw rattan from January.") == "impose");
  CHECK(Decide("The Commerce Department added 12 Chinese firms to the Entity List.") == "impose");
  CHECK(Decide("The U.S. extended the suspension for a further three months.") == "extend");
  CHECK(Decide("OPEC agreed to cut production quotas.").empty());
  CHECK(Decide("The strike halted copper exports from Chile.").empty());
  CHECK(Decide("Traders expect Brazil to suspend coffee export registrations.").empty());
  CHECK(Decide("Talks in London to set new export quotas failed.").empty());
  CHECK(Decide("The export embargo imposed in 1980 was lifted in 1981.").empty());
  CHECK(Decide("Japan will raise its beef import quota.").empty());
}

TEST_CASE("Durations are normalised to days", "[rules][sets][duration]") {
  struct Case {
    const char* text;
    const char* days;
  } cases[] = {
      {"a one-year reprieve", "365"},         {"for 12 months from March 1", "365"},
      {"a 90-day pause", "90"},               {"for six months", "183"},
      {"for 18 months", "548"},               {"until November 10, 2026", "368"},
      {"暂停实施至2026年11月10日", "368"},   {"为期一年", "365"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(Values(MatchText(DefaultSets(), c.text, "2025-11-07"), "duration") ==
          std::vector<std::string>{c.days});
  }
  CHECK(Values(MatchText(DefaultSets(), "SUSPENDS QUOTATIONS FOR ONE HOUR UNTIL 1000 GMT"), "duration").empty());
}

TEST_CASE("Actors are canonicalised to countries", "[rules][sets][actor]") {
  CHECK(Values(MatchText(DefaultSets(), "MOFCOM and Beijing"), "actor") == std::vector<std::string>{"China", "China"});
  CHECK(Values(MatchText(DefaultSets(), "BIS, USTR and Washington"), "actor") ==
        std::vector<std::string>{"United States", "United States", "United States"});
  CHECK(Values(MatchText(DefaultSets(), "The European Commission"), "actor") ==
        std::vector<std::string>{"European Union"});
  CHECK(Values(MatchText(DefaultSets(), "Tell us about it."), "actor").empty());
}

TEST_CASE("Seed article: alert, China suspends rare earths for 365 days", "[rules][sets][seed]") {
  const std::string dir = testing::CorpusDir();
  if (dir.empty()) {
    WARN("corpus absent");
    return;
  }
  Article a;
  a.title = "China Grants One-Year Pause on Rare Earth Export Controls in Bid to Advance US Trade Talks";
  a.text = testing::ReadFileOrDie(dir + "/rules/seed-article.txt");
  a.published = "2025-11-07";
  Findings f = DefaultSets().Match(a);
  CHECK(f.alert);
  bool found = false;
  for (const Event& e : f.events) {
    if (e.actor == "China" && e.action == "suspend" && Has(e.items, "rare earths") && e.duration_days == 365) {
      found = true;
    }
  }
  CHECK(found);
  for (const char* m : {"neodymium", "dysprosium", "terbium", "rare earths"}) CHECK(Has(f.minerals, m));
  DocumentDecision d = DecideDocument(f, a.text.size());
  CHECK(d.export_control);
  CHECK(d.action == "suspend");
  CHECK(d.actor == "China");
  CHECK(d.duration_days == 365);
}

TEST_CASE("MOFCOM announcement: Chinese and English yield the same event", "[rules][sets][zh]") {
  const std::string data = testing::TestDataDir() + "/rules/";
  Findings zh = MatchText(DefaultSets(), testing::ReadFileOrDie(data + "mofcom_zh.txt"), "2025-11-07");
  Findings en = MatchText(DefaultSets(), testing::ReadFileOrDie(data + "mofcom_en.txt"), "2025-11-07");
  REQUIRE_FALSE(zh.events.empty());
  REQUIRE_FALSE(en.events.empty());
  const Event& a = zh.events.front();
  const Event& b = en.events.front();
  CHECK(a.action == "suspend");
  CHECK(a.action == b.action);
  CHECK(a.actor == "China");
  CHECK(a.actor == b.actor);
  CHECK(a.items == std::vector<std::string>{"gallium", "germanium", "rare earths"});
  CHECK(a.items == b.items);
  CHECK(a.duration_days == 368);
  CHECK(a.duration_days == b.duration_days);
  CHECK(zh.alert);
  CHECK(en.alert);
}

}  // namespace
}  // namespace ecwatch
