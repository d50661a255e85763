// The atom and exec sinks: the feed parses as XML (libxml2, strict) even
// while it is being rewritten; the command gets the alert JSON on stdin,
// with no shell between alert text and argv.
#include <libxml/parser.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "app/alert_sink.h"
#include "app/alert_stage.h"
#include "app/pipeline.h"
#include "crawler/fetcher.h"
#include "rules/rule_set.h"
#include "store/alert_store.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// True when text is well-formed XML (no recovery).
bool WellFormed(const std::string& text) {
  xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "atom.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) return false;
  xmlFreeDoc(doc);
  return true;
}

// A store with the stories of some fixture pages.
struct Fixture {
  std::unique_ptr<Store> store;
  std::unique_ptr<AlertStore> alerts;
  explicit Fixture(const std::vector<std::string>& pages) {
    store = std::move(Store::Open(testing::MakeTempDir("sinks") + "/s.db")).value();
    alerts = std::move(AlertStore::ForStore(store.get())).value();
    auto rules = RuleSet::LoadDir(Source("rules/sets"));
    REQUIRE(rules.ok());
    std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(FetchOptions{});
    SystemClock clock;
    Pipeline pipeline(fetcher.get(), rules->get(), store.get(), &clock);
    for (const std::string& p : pages) {
      REQUIRE(pipeline.Ingest(IngestInput{Source("tests/data/alerts/" + p), false, "", ""}).ok());
    }
    AlertStage stage(AlertConfig{}, alerts.get(), &clock);
    REQUIRE(stage.ProcessPending().ok());
  }
  AlertMessage Message(int64_t id) {
    return AlertMessage{alerts->GetStory(id).value(), "new", 1, "ecwatch-story-1-r1-x"};
  }
};

TEST_CASE("the atom sink writes a well-formed Atom feed of the recent alerts", "[app][sinks]") {
  CurlGlobal curl;
  Fixture f({"outlet-a.html", "other-move.html", "tricky-title.html"});
  SinkConfig config;
  config.name = "feed";
  config.kind = SinkConfig::Kind::kAtom;
  config.path = testing::MakeTempDir("atom") + "/alerts.xml";
  std::unique_ptr<AlertSink> sink = MakeSink(config, f.alerts.get());
  REQUIRE(sink->Deliver(f.Message(1)).ok());
  const std::string xml = Slurp(config.path);
  CHECK(WellFormed(xml));
  CHECK(xml.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">") != std::string::npos);
  CHECK(xml.find("<id>urn:ecwatch:alert:1</id>") != std::string::npos);
  CHECK(xml.find("<id>urn:ecwatch:alert:2</id>") != std::string::npos);
  CHECK(xml.find("&amp;") != std::string::npos);  // the tricky title's "&" and "<" escaped
  // Only the feed is left in the folder: no temp files.
  CHECK(std::distance(fs::directory_iterator(fs::path(config.path).parent_path()),
                      fs::directory_iterator()) == 1);
}

TEST_CASE("a reader never sees the atom file half-written", "[app][sinks]") {
  CurlGlobal curl;
  Fixture f({"outlet-a.html", "other-move.html"});
  SinkConfig config;
  config.name = "feed";
  config.kind = SinkConfig::Kind::kAtom;
  config.path = testing::MakeTempDir("atom-race") + "/alerts.xml";
  std::unique_ptr<AlertSink> sink = MakeSink(config, f.alerts.get());
  REQUIRE(sink->Deliver(f.Message(1)).ok());
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, broken{0};
  std::thread reader([&] {
    while (!done.load()) {
      if (!WellFormed(Slurp(config.path))) ++broken;
      ++reads;
    }
  });
  for (int i = 0; i < 200; ++i) REQUIRE(sink->Deliver(f.Message(1)).ok());
  done = true;
  reader.join();
  CHECK(reads.load() > 0);
  CHECK(broken.load() == 0);
}

TEST_CASE("the exec sink runs argv without a shell and pipes the alert JSON to stdin",
          "[app][sinks]") {
  CurlGlobal curl;
  Fixture f({"tricky-title.html"});
  const std::string dir = testing::MakeTempDir("exec");
  SinkConfig config;
  config.name = "script";
  config.kind = SinkConfig::Kind::kExec;
  config.command = {"tee", dir + "/alert.json"};
  std::unique_ptr<AlertSink> sink = MakeSink(config, f.alerts.get());
  AlertMessage m = f.Message(1);
  m.story.summary = "$(touch " + dir + "/pwned) `touch " + dir + "/pwned2`; rm -rf /nothing";
  REQUIRE(sink->Deliver(m).ok());
  Json got = Json::parse(Slurp(dir + "/alert.json"));
  CHECK(got["summary"] == m.story.summary);
  CHECK(got["idempotency_key"] == "ecwatch-story-1-r1-x");
  CHECK_FALSE(fs::exists(dir + "/pwned"));
  CHECK_FALSE(fs::exists(dir + "/pwned2"));

  SECTION("a failing command is retried, a missing one is not") {
    config.command = {"false"};
    Status failed = MakeSink(config, f.alerts.get())->Deliver(m);
    CHECK_FALSE(failed.ok());
    CHECK_FALSE(IsPermanentFailure(failed));
    config.command = {dir + "/no-such-command"};
    Status missing = MakeSink(config, f.alerts.get())->Deliver(m);
    CHECK(IsPermanentFailure(missing));
  }
  SECTION("a command that hangs is killed after the timeout") {
    config.command = {"sleep", "30"};
    config.timeout_seconds = 1;
    Status hung = MakeSink(config, f.alerts.get())->Deliver(m);
    CHECK_FALSE(hung.ok());
    CHECK(hung.message().find("timed out") != std::string::npos);
  }
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("the slack body escapes markup and links every source", "[app][sinks]") {
  CurlGlobal curl;
  Fixture f({"tricky-title.html"});
  Json body = AlertSlackJson(f.Message(1));
  const std::string text = body["text"];
  CHECK(text.find("Tariffs &amp; &lt;curbs&gt;") != std::string::npos);
  CHECK(text.find("<file://") != std::string::npos);
  CHECK(text.find("tricky-title.html|") != std::string::npos);
  CHECK(text.find("1 source, first seen") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("a failing webhook's error names neither its secret path nor its token",
          "[app][sinks][secrets]") {
  CurlGlobal curl;
  testing::TestHttpServer receiver;
  std::string authorization;
  receiver.server().Post(R"(/services/.*)", [&](const httplib::Request& req, httplib::Response& r) {
    authorization = req.get_header_value("Authorization");
    r.status = 500;
    r.set_content("internal error; you sent " + authorization, "text/plain");
  });
  REQUIRE(receiver.Start());
  Fixture f({"outlet-a.html"});
  setenv("ECWATCH_TEST_HOOK_TOKEN", "tok-7f3a9c", 1);
  SinkConfig config;
  config.name = "hook";
  config.kind = SinkConfig::Kind::kWebhook;
  config.url = receiver.Url("/services/T01/B02/path-secret-51e2");
  config.token_env = "ECWATCH_TEST_HOOK_TOKEN";
  std::unique_ptr<AlertSink> sink = MakeSink(config, f.alerts.get());
  Status s = sink->Deliver(f.Message(1));
  unsetenv("ECWATCH_TEST_HOOK_TOKEN");
  REQUIRE_FALSE(s.ok());
  CHECK(authorization == "Bearer tok-7f3a9c");  // it was sent...
  INFO(s.message());
  CHECK(s.message().find("HTTP 500") != std::string::npos);
  CHECK(s.message().find("path-secret-51e2") == std::string::npos);  // ...but never echoed
  CHECK(s.message().find("tok-7f3a9c") == std::string::npos);
}

}  // namespace
}  // namespace ecwatch
