// The editors' commands through their entry points: check, try, backtest,
// stats; and ingest refusing to start with a broken rule file.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "base/json.h"
#include "tests/app/command_capture.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

using testing::Capture;
using testing::Out;

// A copy of the default rules plus one file with a bad regex on line 7.
std::string BrokenRulesDir() {
  std::string dir = testing::MakeTempDir("broken-rules");
  for (const auto& e : fs::directory_iterator(Source("rules/sets"))) fs::copy(e.path(), dir);
  std::ofstream(dir + "/zz-broken.toml") << "[set]\n"
                                            "name = \"broken\"\n"
                                            "\n"
                                            "[[rule]]\n"
                                            "id = \"bad\"\n"
                                            "category = \"action\"\n"
                                            "patterns = ['(export controls']\n";
  return dir;
}

TEST_CASE("rules check passes on the default sets and fails with FILE:LINE on a bad regex",
          "[app][rules]") {
  GlobalOptions g;
  Out good = Capture([&](Streams io) { return RunRulesCheck(g, Source("rules/sets"), io); });
  INFO(good.err);
  CHECK(good.code == kExitOk);
  CHECK(good.out.find("OK") != std::string::npos);

  Out bad = Capture([&](Streams io) { return RunRulesCheck(g, BrokenRulesDir(), io); });
  CHECK(bad.code == kExitFindings);
  INFO(bad.err);
  CHECK(bad.err.find("zz-broken.toml:7:") != std::string::npos);
  CHECK(bad.err.find("missing )") != std::string::npos);  // RE2's own message
}

TEST_CASE("ingest refuses to start with a broken rule file, naming FILE:LINE and RE2's error",
          "[app][rules][e2e]") {
  GlobalOptions g;
  g.rules = BrokenRulesDir();
  g.db = testing::MakeTempDir("broken-ingest") + "/e.db";
  Out r = Capture([&](Streams io) {
    return RunIngest(g, Source("examples/pages/seed-article.html"), io);
  });
  CHECK(r.code == kExitUsage);
  CHECK(r.err.find("zz-broken.toml:7:") != std::string::npos);
  CHECK(r.err.find("missing )") != std::string::npos);
  CHECK_FALSE(fs::exists(g.db));  // nothing was written: the process never ran with a partial set
}

TEST_CASE("rules try highlights matches and shows the events", "[app][rules]") {
  GlobalOptions g;
  Out r = Capture([&](Streams io) {
    return RunRulesTry(g, Source("rules/sets"), Source("examples/pages/seed-article.html"), io);
  });
  INFO(r.err);
  REQUIRE(r.code == kExitOk);
  CHECK(r.out.find("[[neodymium]]{") != std::string::npos);
  CHECK(r.out.find("Would raise an ALERT") != std::string::npos);
  g.json = true;
  Out j = Capture([&](Streams io) {
    return RunRulesTry(g, Source("rules/sets"), Source("examples/pages/cobot-safety.html"), io);
  });
  REQUIRE(j.code == kExitOk);
  CHECK(Json::parse(j.out)["alert"] == false);
}

TEST_CASE("rules backtest compares two rule sets over the store without changing it",
          "[app][rules][e2e]") {
  std::string db = testing::MakeTempDir("backtest") + "/b.db";
  GlobalOptions g;
  g.db = db;
  g.rules = Source("rules/sets");
  for (const char* page : {"seed-article.html", "ev-motors.html"}) {
    REQUIRE(Capture([&](Streams io) {
              return RunIngest(g, Source(std::string("examples/pages/") + page), io);
            }).code == kExitOk);
  }
  // The candidate set lacks the suspend rule's file: the seed article's alert is lost.
  std::string candidate = testing::MakeTempDir("backtest-rules");
  for (const auto& e : fs::directory_iterator(Source("rules/sets"))) {
    if (e.path().filename() != "actions.toml") fs::copy(e.path(), candidate);
  }
  auto size_before = fs::file_size(db);
  g.json = true;
  Out r = Capture([&](Streams io) { return RunRulesBacktest(g, candidate, "", io); });
  INFO(r.err);
  REQUIRE(r.code == kExitOk);
  Json j = Json::parse(r.out);
  CHECK(j["documents_scanned"] == 2);
  REQUIRE(j["documents"].size() == 1);
  CHECK(j["documents"][0]["alert_change"] == -1);
  CHECK(j["rules"]["actions/suspend-controls"]["before"] == 1);
  CHECK(j["rules"]["actions/suspend-controls"]["after"] == 0);
  CHECK(fs::file_size(db) == size_before);

  Out stats = Capture([&](Streams io) { return RunRulesStats(g, io); });
  REQUIRE(stats.code == kExitOk);
  Json s = Json::parse(stats.out);
  CHECK(s["documents"] == 2);
  CHECK(s["hits"]["minerals/rare-earths"].get<int>() >= 2);
  CHECK(s["hits"].contains("actions/extend-controls"));  // listed even though it never fired
}

}  // namespace
}  // namespace ecwatch
