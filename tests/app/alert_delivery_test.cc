// Alerts end to end against a webhook receiver on 127.0.0.1: three outlets
// make one alert with one delivery, a fourth with a new mineral one update;
// a failing receiver gets every alert with a stable idempotency key; a
// daemon killed (SIGKILL) before delivery delivers after its restart.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "app/alert_stage.h"
#include "app/commands.h"
#include "app/pipeline.h"
#include "base/json.h"
#include "crawler/fetcher.h"
#include "rules/rule_set.h"
#include "store/alert_store.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }
std::string Page(const std::string& name) {
  return "file://" + Source("tests/data/alerts/" + name);
}

class FakeClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now_.load(); }
  void Advance(int64_t s) { now_ += s; }

 private:
  std::atomic<int64_t> now_{1700000000};
};

// A webhook receiver: records each POST's Idempotency-Key and body, answers
// with what respond(n) says for the n-th request (1-based): an HTTP status,
// or 0 for "hang 2.5 s, then 200" (longer than the sink's timeout).
class Receiver {
 public:
  struct Post {
    std::string key;
    Json body;
  };
  explicit Receiver(std::function<int(int)> respond) : respond_(std::move(respond)) {
    server_.server().Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      int n;
      {
        std::lock_guard<std::mutex> lock(mu_);
        posts_.push_back({req.get_header_value("Idempotency-Key"), Json::parse(req.body)});
        n = static_cast<int>(posts_.size());
      }
      int code = respond_(n);
      if (code == 0) {
        for (int i = 0; i < 25 && !release_.load(); ++i) std::this_thread::sleep_for(milliseconds(100));
        code = 200;
      }
      res.status = code;
      res.set_content("{}", "application/json");
    });
    server_.Start();
  }
  ~Receiver() { release_ = true; }
  std::string url() const { return server_.Url("/hook"); }
  std::vector<Post> posts() {
    std::lock_guard<std::mutex> lock(mu_);
    return posts_;
  }
  void Release() { release_ = true; }

 private:
  std::function<int(int)> respond_;
  std::mutex mu_;
  std::vector<Post> posts_;
  std::atomic<bool> release_{false};
  testing::TestHttpServer server_;
};

std::string Feed(const std::vector<std::string>& pages) {
  std::string xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>wire</title>"
                    "<link>https://wire.example.org/</link><description>d</description>\n";
  for (const std::string& p : pages) xml += "<item><title>" + p + "</title><link>" + Page(p) + "</link></item>\n";
  return xml + "</channel></rss>\n";
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A config with one feed source and one webhook sink; returns its path.
std::string WriteConfig(const std::string& dir, const std::string& hook, const std::string& extra) {
  const std::string cfg = dir + "/ecwatch.toml";
  Write(cfg, "[store]\npath = \"" + dir + "/alerts.db\"\n[rules]\ndir = \"" +
                 Source("rules/sets") +
                 "\"\n[log]\nlevel = \"error\"\n[[source]]\nname = \"wire\"\nkind = \"feed\"\n"
                 "url = \"feed.xml\"\ninterval = \"10s\"\n[alerts]\nbackoff_base = \"1s\"\n"
                 "backoff_cap = \"2s\"\n[[sink]]\nname = \"desk\"\nkind = \"webhook\"\nurl = \"" +
                 hook + "\"\nformat = \"json\"\n" + extra);
  return cfg;
}

int RunOnce(const std::string& cfg, std::string* out) {
  GlobalOptions g;
  g.config = cfg;
  std::istringstream in;
  std::ostringstream o, e;
  int code = RunDaemon(g, true, Streams{in, o, e});
  *out = o.str() + e.str();
  return code;
}

TEST_CASE("three outlets make one alert with three sources and one delivery; a new mineral one "
          "update", "[app][alerts][e2e]") {
  Receiver receiver([](int) { return 200; });
  const std::string dir = testing::MakeTempDir("alerts-e2e");
  const std::string cfg = WriteConfig(dir, receiver.url(), "");
  Write(dir + "/feed.xml", Feed({"outlet-a.html", "outlet-b.html", "outlet-c.html"}));
  std::string out;
  REQUIRE(RunOnce(cfg, &out) == kExitOk);
  INFO(out);
  std::vector<Receiver::Post> posts = receiver.posts();
  REQUIRE(posts.size() == 1);
  const Json first = posts[0].body;
  CHECK(first["kind"] == "new");
  CHECK(first["source_count"] == 3);
  CHECK(first["sources"].size() == 3);
  CHECK(first["items"] == Json({"gallium", "germanium"}));
  CHECK(first["actor"] == "China");
  CHECK(first["duration_days"] == 365);
  CHECK(posts[0].key == first["idempotency_key"].get<std::string>());
  CHECK(out.find("ALERT 1:") != std::string::npos);
  {
    GlobalOptions g;
    g.config = cfg;
    g.json = true;
    std::istringstream in;
    std::ostringstream o, e;
    REQUIRE(RunStatus(g, Streams{in, o, e}) == kExitOk);
    Json status = Json::parse(o.str())["alerts"];
    CHECK(status["delivered"] == 1);
    CHECK(status["deliveries_last_day"] == 1);
    CHECK(status["latency_p95_seconds"].get<int64_t>() >= 0);
  }

  Write(dir + "/feed.xml",
        Feed({"outlet-a.html", "outlet-b.html", "outlet-c.html", "outlet-d.html"}));
  REQUIRE(RunOnce(cfg, &out) == kExitOk);
  posts = receiver.posts();
  REQUIRE(posts.size() == 2);
  const Json update = posts[1].body;
  CHECK(update["kind"] == "update");
  CHECK(update["alert_id"] == first["alert_id"]);
  CHECK(update["revision"] == 2);
  CHECK(update["source_count"] == 4);
  CHECK(update["items"] == Json({"antimony", "gallium", "germanium"}));
  CHECK(posts[1].key != posts[0].key);
  CHECK(out.find("UPDATE 1:") != std::string::npos);
}

TEST_CASE("a failing receiver (500, then timeouts) gets every alert once it recovers, each retry "
          "with the same idempotency key", "[app][alerts][e2e]") {
  // Requests 1-3 get 500, 4-5 hang past the 1 s timeout, the rest 200.
  Receiver receiver([](int n) { return n <= 3 ? 500 : n <= 5 ? 0 : 200; });
  const std::string dir = testing::MakeTempDir("alerts-retry");
  auto store = Store::Open(dir + "/r.db");
  REQUIRE(store.ok());
  auto rules = RuleSet::LoadDir(Source("rules/sets"));
  REQUIRE(rules.ok());
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(FetchOptions{});
  SystemClock system_clock;
  Pipeline pipeline(fetcher.get(), rules->get(), store->get(), &system_clock);
  for (const char* page : {"outlet-a.html", "other-move.html"}) {
    REQUIRE(pipeline.Ingest(IngestInput{Page(page), false, "", ""}).ok());
  }
  auto alerts = AlertStore::ForStore(store->get());
  REQUIRE(alerts.ok());
  AlertConfig config;
  config.backoff_base_seconds = 1;
  config.backoff_cap_seconds = 4;
  SinkConfig sink;
  sink.name = "desk";
  sink.url = receiver.url();
  sink.timeout_seconds = 1;
  config.sinks.push_back(sink);
  FakeClock clock;
  AlertStage stage(config, alerts->get(), &clock);
  auto changes = stage.ProcessPending();
  REQUIRE(changes.ok());
  REQUIRE(changes->size() == 2);  // two different moves: two alerts

  int delivered = 0;
  for (int round = 0; round < 20 && delivered < 2; ++round) {
    auto report = stage.DeliverDue();
    REQUIRE(report.ok());
    delivered += report->delivered;
    CHECK(report->failed == 0);
    clock.Advance(4);  // past the backoff cap
  }
  receiver.Release();
  CHECK(delivered == 2);
  std::map<int64_t, std::set<std::string>> keys;  // alert id -> keys seen
  for (const Receiver::Post& p : receiver.posts()) keys[p.body["alert_id"]].insert(p.key);
  REQUIRE(keys.size() == 2);
  for (const auto& [id, seen] : keys) CHECK(seen.size() == 1);
  CHECK(receiver.posts().size() >= 6);
  auto counts = alerts.value()->CountOutbox();
  REQUIRE(counts.ok());
  CHECK(counts->delivered == 2);
  CHECK(counts->pending == 0);
}

TEST_CASE("Backoff doubles from the base up to the cap", "[app][alerts]") {
  AlertConfig config;
  config.backoff_base_seconds = 30;
  config.backoff_cap_seconds = 100;
  FakeClock clock;
  AlertStage stage(config, nullptr, &clock);
  CHECK(stage.Backoff(1) == 30);
  CHECK(stage.Backoff(2) == 60);
  CHECK(stage.Backoff(3) == 100);
  CHECK(stage.Backoff(40) == 100);
}

TEST_CASE("a 4xx other than 408/429 is a permanent failure, shown in the outbox",
          "[app][alerts][e2e]") {
  Receiver receiver([](int) { return 410; });
  const std::string dir = testing::MakeTempDir("alerts-gone");
  const std::string cfg = WriteConfig(dir, receiver.url(), "");
  Write(dir + "/feed.xml", Feed({"outlet-a.html"}));
  std::string out;
  REQUIRE(RunOnce(cfg, &out) == kExitOk);
  INFO(out);
  CHECK(receiver.posts().size() == 1);
  auto store = Store::Open(dir + "/alerts.db");
  REQUIRE(store.ok());
  auto alerts = AlertStore::ForStore(store->get());
  auto failed = alerts.value()->ListOutbox(0);
  REQUIRE(failed.ok());
  REQUIRE(failed->size() == 1);
  CHECK(failed->front().state == "failed");
  CHECK(failed->front().last_error.find("HTTP 410") != std::string::npos);
}

// The real binary as a daemon, killed with SIGKILL while its first delivery
// hangs in the receiver; a restart (run --once) delivers it.
TEST_CASE("SIGKILL between alert created and delivered: delivered after the restart, same key",
          "[app][alerts][e2e]") {
  std::atomic<bool> up{false};
  Receiver receiver([&](int n) { return n == 1 ? 0 : up.load() ? 200 : 503; });
  const std::string dir = testing::MakeTempDir("alerts-kill");
  const std::string cfg = WriteConfig(dir, receiver.url(), "timeout = \"30s\"\n");
  Write(dir + "/feed.xml", Feed({"outlet-b.html"}));
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string exe = std::string(ECWATCH_BINARY_DIR) + "/ecwatch";
    freopen("/dev/null", "w", stderr);
    execl(exe.c_str(), exe.c_str(), "run", "--config", cfg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && receiver.posts().empty(); ++i) std::this_thread::sleep_for(milliseconds(50));
  REQUIRE(receiver.posts().size() == 1);  // the daemon is inside its first delivery
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  const std::string key = receiver.posts()[0].key;
  {
    auto store = Store::Open(dir + "/alerts.db");
    REQUIRE(store.ok());
    auto alerts = AlertStore::ForStore(store->get());
    CHECK(alerts.value()->CountOutbox().value().pending == 1);
  }
  up = true;
  std::string out;
  REQUIRE(RunOnce(cfg, &out) == kExitOk);
  INFO(out);
  receiver.Release();
  std::vector<Receiver::Post> posts = receiver.posts();
  REQUIRE(posts.size() == 2);
  CHECK(posts[1].key == key);
  auto store = Store::Open(dir + "/alerts.db");
  auto alerts = AlertStore::ForStore(store->get());
  CHECK(alerts.value()->CountOutbox().value().delivered == 1);
}

}  // namespace
}  // namespace ecwatch
