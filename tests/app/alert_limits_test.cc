// The alert caps of base/limits.h crossed: sinks in a config, sources listed
// in one alert body, the exec sink's kept output, events and deliveries per
// pass, and the upper bounds of `alerts --limit` and `search --limit`.
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "app/alert_config.h"
#include "app/alert_sink.h"
#include "app/alert_stage.h"
#include "app/commands.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/limits.h"
#include "store/alert_store.h"
#include "store/store.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Sinks(std::size_t n) {
  std::string toml;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    toml += "[[sink]]\nname = \"s" + id + "\"\nkind = \"atom\"\npath = \"f" + id + ".xml\"\n";
  }
  return toml;
}

TEST_CASE("more than kMaxSinks [[sink]] tables are refused", "[app][config][limits]") {
  Result<AlertConfig> at_cap = ParseAlertConfig("x.toml", Sinks(limits::kMaxSinks), "");
  INFO(at_cap.status().message());
  REQUIRE(at_cap.ok());
  CHECK(at_cap->sinks.size() == limits::kMaxSinks);
  Result<AlertConfig> over = ParseAlertConfig("x.toml", Sinks(limits::kMaxSinks + 1), "");
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().code() == Status::Code::kInvalidArgument);
  CHECK(over.status().message().rfind("x.toml:", 0) == 0);
  CHECK(over.status().message().find("too many sinks") != std::string::npos);
}

AlertMessage MessageWithSources(std::size_t n) {
  AlertMessage m;
  m.story.id = 7;
  m.story.summary = "China suspends export controls on rare earths";
  for (std::size_t i = 0; i < n; ++i) {
    StorySource s;
    s.url = "https://outlet" + std::to_string(i) + ".example/a";
    s.title = "Outlet " + std::to_string(i);
    m.story.sources.push_back(s);
  }
  return m;
}

TEST_CASE("an alert body lists at most kMaxSourcesPerAlert sources, and counts them all",
          "[app][alerts][limits]") {
  const std::size_t n = limits::kMaxSourcesPerAlert + 5;
  const AlertMessage m = MessageWithSources(n);
  const Json json = AlertJson(m);
  CHECK(json["sources"].size() == limits::kMaxSourcesPerAlert);
  CHECK(json["source_count"] == n);
  const std::string last_listed = m.story.sources[limits::kMaxSourcesPerAlert - 1].url;
  const std::string first_dropped = m.story.sources[limits::kMaxSourcesPerAlert].url;
  const std::string text = AlertText(m);
  CHECK(text.find(last_listed) != std::string::npos);
  CHECK(text.find(first_dropped) == std::string::npos);
  const std::string slack = AlertSlackJson(m)["text"];
  CHECK(slack.find(last_listed) != std::string::npos);
  CHECK(slack.find(first_dropped) == std::string::npos);
  // Under the cap every source is listed.
  CHECK(AlertJson(MessageWithSources(3))["sources"].size() == 3);
}

TEST_CASE("the exec sink drains output past kMaxExecOutputBytes and reports only its head",
          "[app][sinks][limits]") {
  // 16 times the cap: far more than a pipe holds, so a sink that stopped
  // reading at the cap would block the command until the timeout.
  const std::string bytes = std::to_string(16 * limits::kMaxExecOutputBytes);
  SinkConfig config;
  config.name = "loud";
  config.kind = SinkConfig::Kind::kExec;
  config.timeout_seconds = 20;
  config.command = {"head", "-c", bytes, "/dev/zero"};
  CHECK(MakeSink(config, nullptr)->Deliver(MessageWithSources(1)).ok());
  config.command = {"sh", "-c", "yes loud | head -c " + bytes + "; exit 3"};
  Status failed = MakeSink(config, nullptr)->Deliver(MessageWithSources(1));
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.message().find("exit 3") != std::string::npos);
  CHECK(failed.message().find("loud\nloud") != std::string::npos);
  CHECK(failed.message().size() < 400);
}

// A database file with `docs` documents of `events_per_doc` alerting events
// each (distinct sentences), all mentioning "tungsten".
struct Db {
  std::string path;
  std::unique_ptr<Store> store;
  std::unique_ptr<AlertStore> alerts;

  explicit Db(const std::string& tag) : path(testing::MakeTempDir(tag) + "/a.db") {
    store = std::move(Store::Open(path)).value();
    alerts = std::move(AlertStore::ForStore(store.get())).value();
  }
  void AddDocuments(std::size_t docs, std::size_t events_per_doc) {
    for (std::size_t d = 0; d < docs; ++d) {
      Article a;
      a.url = "https://outlet.example/" + std::to_string(d);
      a.title = "Report " + std::to_string(d);
      a.text = "China restricts tungsten exports, report " + std::to_string(d) + ".";
      Findings f;
      for (std::size_t e = 0; e < events_per_doc; ++e) {
        Event ev;
        ev.actor = "China";
        ev.action = "impose";
        ev.items = {"tungsten"};
        ev.sentence = "China restricts tungsten exports (" + std::to_string(e) + ").";
        ev.rule = "actions/restrict";
        f.events.push_back(ev);
      }
      f.alert = events_per_doc > 0;
      REQUIRE(store->PutDocument(a, f, 1000 + static_cast<int64_t>(d)).ok());
    }
  }
  // `n` stories, each with one outbox row for sink "hook" (due now).
  void AddStories(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      StoryDecision d;
      d.story.actor = "Actor " + std::to_string(i);
      d.story.action = "impose";
      d.story.items = {"gallium"};
      d.story.summary = "Actor " + std::to_string(i) + " restricts gallium exports";
      d.story.first_seen = d.story.last_seen = 1000;
      d.new_revision = true;
      d.sinks = {"hook"};
      d.fetched_at = 1000;
      d.now = 1000;
      REQUIRE(alerts->Commit(d).ok());
    }
  }
};

GlobalOptions Opts(const std::string& db) {
  GlobalOptions g;
  g.db = db;
  g.rules = std::string(ECWATCH_SOURCE_DIR) + "/rules/sets";
  g.json = true;
  return g;
}

template <typename F>
Json CallJson(F f) {
  std::istringstream in;
  std::ostringstream out, err;
  const int code = f(Streams{in, out, err});
  INFO(err.str());
  REQUIRE(code == kExitOk);
  return Json::parse(out.str());
}

class CountingSink : public AlertSink {
 public:
  explicit CountingSink(int* count) : count_(count) {}
  Status Deliver(const AlertMessage&) override {
    ++*count_;
    return Status::Ok();
  }

 private:
  int* count_;
};

TEST_CASE("one pass turns at most kMaxPendingEventsPerPass events into stories",
          "[app][alerts][limits]") {
  Db db("pending-cap");
  // 6 x 200 = 1200 events (kMaxEventsPerDocument per document).
  const std::size_t per_doc = limits::kMaxEventsPerDocument;
  const std::size_t docs = limits::kMaxPendingEventsPerPass / per_doc + 1;
  db.AddDocuments(docs, per_doc);
  const std::size_t total = docs * per_doc;
  REQUIRE(total > static_cast<std::size_t>(limits::kMaxPendingEventsPerPass));
  REQUIRE(db.alerts->PendingEvents(1 << 20).value().size() == total);
  SystemClock clock;
  AlertStage stage(AlertConfig{}, db.alerts.get(), &clock);
  REQUIRE(stage.ProcessPending().ok());
  CHECK(db.alerts->PendingEvents(1 << 20).value().size() ==
        total - limits::kMaxPendingEventsPerPass);
  REQUIRE(stage.ProcessPending().ok());
  CHECK(db.alerts->PendingEvents(1 << 20).value().empty());
}

TEST_CASE("one pass attempts at most kMaxDeliveriesPerPass outbox rows", "[app][alerts][limits]") {
  Db db("delivery-cap");
  db.AddStories(limits::kMaxDeliveriesPerPass + 3);
  SystemClock clock;
  AlertStage stage(AlertConfig{}, db.alerts.get(), &clock);
  int delivered = 0;
  stage.SetSink("hook", std::make_unique<CountingSink>(&delivered));
  Result<DeliveryReport> first = stage.DeliverDue();
  REQUIRE(first.ok());
  CHECK(first->delivered == limits::kMaxDeliveriesPerPass);
  CHECK(delivered == limits::kMaxDeliveriesPerPass);
  Result<DeliveryReport> second = stage.DeliverDue();
  REQUIRE(second.ok());
  CHECK(second->delivered == 3);
}

TEST_CASE("search --limit is bounded by kMaxSearchResults", "[app][alerts][limits]") {
  Db db("search-cap");
  db.AddDocuments(limits::kMaxSearchResults + 5, 0);
  SearchOptions search;
  search.query = "tungsten";
  search.limit = limits::kMaxSearchResults * 10;
  const std::string path = db.path;
  CHECK(CallJson([&](Streams io) { return RunSearch(Opts(path), search, io); }).size() ==
        static_cast<std::size_t>(limits::kMaxSearchResults));
  search.limit = 0;  // and at least 1
  CHECK(CallJson([&](Streams io) { return RunSearch(Opts(path), search, io); }).size() == 1);
}

TEST_CASE("alerts --limit is bounded by kMaxListedAlerts", "[app][alerts][limits]") {
  Db db("list-cap");
  db.AddStories(limits::kMaxListedAlerts + 5);
  AlertsQuery query;
  query.limit = limits::kMaxListedAlerts * 10;
  const std::string path = db.path;
  CHECK(CallJson([&](Streams io) { return RunAlertsList(Opts(path), query, io); }).size() ==
        static_cast<std::size_t>(limits::kMaxListedAlerts));
  query.limit = -3;  // and at least 1
  CHECK(CallJson([&](Streams io) { return RunAlertsList(Opts(path), query, io); }).size() == 1);
}

}  // namespace
}  // namespace ecwatch
