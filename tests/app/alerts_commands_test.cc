// alerts list/show/ack and search through their entry points (--json and
// the 80-column tables), over a store filled by `ingest`.
#include <sstream>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "base/json.h"
#include "crawler/fetcher.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

struct Out {
  int code;
  std::string out, err;
};

template <typename F>
Out Call(F f) {
  std::istringstream in;
  std::ostringstream o, e;
  int code = f(Streams{in, o, e});
  return {code, o.str(), e.str()};
}

GlobalOptions Opts(const std::string& db, bool json) {
  GlobalOptions g;
  g.db = db;
  g.rules = Source("rules/sets");
  g.json = json;
  return g;
}

TEST_CASE("alerts, alerts show, alerts ack and search over ingested pages", "[app][alerts]") {
  CurlGlobal curl;
  const std::string db = testing::MakeTempDir("alerts-cmd") + "/a.db";
  for (const char* page : {"outlet-a.html", "outlet-b.html", "other-move.html"}) {
    Out r = Call([&](Streams io) {
      return RunIngest(Opts(db, true), Source(std::string("tests/data/alerts/") + page), io);
    });
    REQUIRE(r.code == kExitOk);
  }
  Out list = Call([&](Streams io) { return RunAlertsList(Opts(db, true), AlertsQuery{}, io); });
  REQUIRE(list.code == kExitOk);
  Json alerts = Json::parse(list.out);
  REQUIRE(alerts.size() == 2);  // two outlets, one move; another move
  CHECK(alerts[1]["source_count"] == 2);
  CHECK(alerts[0]["actor"] == "United States");

  AlertsQuery by_mineral;
  by_mineral.mineral = "germanium";
  Out filtered = Call([&](Streams io) { return RunAlertsList(Opts(db, true), by_mineral, io); });
  REQUIRE(Json::parse(filtered.out).size() == 1);

  Out table = Call([&](Streams io) { return RunAlertsList(Opts(db, false), AlertsQuery{}, io); });
  std::istringstream lines(table.out);
  for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 80);

  const int64_t id = alerts[1]["id"];
  Out show = Call([&](Streams io) { return RunAlertsShow(Opts(db, true), id, io); });
  REQUIRE(show.code == kExitOk);
  Json story = Json::parse(show.out);
  REQUIRE(story["sources"].size() == 2);
  CHECK(story["sources"][0]["rule"] == "actions/suspend-controls");
  CHECK_FALSE(story["sources"][0]["sentence"].get<std::string>().empty());
  Out text = Call([&](Streams io) { return RunAlertsShow(Opts(db, false), id, io); });
  CHECK(text.out.find("outlet-b.html") != std::string::npos);

  Out ack = Call([&](Streams io) { return RunAlertsAck(Opts(db, false), id, io); });
  CHECK(ack.code == kExitOk);
  AlertsQuery acked;
  acked.state = "acked";
  Out only = Call([&](Streams io) { return RunAlertsList(Opts(db, true), acked, io); });
  CHECK(Json::parse(only.out).size() == 1);
  Out missing = Call([&](Streams io) { return RunAlertsShow(Opts(db, false), 999, io); });
  CHECK(missing.code == kExitNotFound);

  SearchOptions search;
  search.query = "tungsten";
  Out hits = Call([&](Streams io) { return RunSearch(Opts(db, true), search, io); });
  REQUIRE(hits.code == kExitOk);
  Json found = Json::parse(hits.out);
  REQUIRE(found.size() == 1);
  CHECK(found[0]["snippet"].get<std::string>().find("[tungsten]") != std::string::npos);
}

TEST_CASE("ParseSince takes dates and ages, refuses the rest", "[app][alerts]") {
  CHECK(ParseSince("", 1000).value() == 0);
  CHECK(ParseSince("1970-01-02", 0).value() == 86400);
  CHECK(ParseSince("2h", 10000).value() == 10000 - 7200);
  CHECK_FALSE(ParseSince("yesterday", 0).ok());
}

}  // namespace
}  // namespace ecwatch
