// The daemon end to end: one pass over the bundled offline demo, a second
// pass that adds nothing, and a SIGHUP with a broken rule file that keeps the
// running process on its old rule set.
#include "app/daemon.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "base/clock.h"
#include "crawler/multi_fetcher.h"
#include "store/store.h"
#include "tests/app/daemon_process.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }


int RunDemoOnce(const std::string& db, std::string* out) {
  GlobalOptions g;
  g.db = db;
  g.config = Source("examples/demo.toml");
  std::istringstream in;
  std::ostringstream o, e;
  int code = RunDaemon(g, true, Streams{in, o, e});
  *out = o.str();
  return code;
}

TEST_CASE("run --once over the demo raises one alert, for the founding article only",
          "[app][daemon][e2e]") {
  std::string db = testing::MakeTempDir("daemon-demo") + "/demo.db";
  std::string out;
  REQUIRE(RunDemoOnce(db, &out) == kExitOk);
  INFO(out);
  CHECK(out.find("ALERT 1:") != std::string::npos);
  CHECK(out.find("seed-article.html") != std::string::npos);
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  CHECK(store.value()->CountRows("documents").value() == 4);  // seed + three unrelated pages
  CHECK(store.value()->CountRows("alerts").value() == 1);

  SECTION("a second pass finds nothing new") {
    std::string again;
    REQUIRE(RunDemoOnce(db, &again) == kExitOk);
    CHECK(again.find("ALERT") == std::string::npos);
    CHECK(store.value()->CountRows("documents").value() == 4);
  }
}

// Copies rules/sets into a fresh directory the test may break.
std::string CopyRules(const std::string& tag) {
  std::string dir = testing::MakeTempDir(tag) + "/rules";
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(Source("rules/sets"))) {
    if (entry.path().extension() == ".toml") fs::copy(entry.path(), dir);
  }
  return dir;
}

TEST_CASE("ReloadRules refuses a broken set and keeps the old one", "[app][daemon]") {
  std::string rules_dir = CopyRules("daemon-reload");
  std::string db = fs::path(rules_dir).parent_path().string() + "/d.db";
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  auto rules = RuleSet::LoadDir(rules_dir);
  REQUIRE(rules.ok());
  std::string version = rules.value()->version();
  Config config;
  config.rules_dir = rules_dir;
  SystemClock clock;
  MultiFetcher fetcher(FetchOptions{}, FetchOptions{}, 4);
  Daemon daemon(config, std::make_unique<RuleSets>(rules_dir, std::move(rules).value()),
                store.value().get(), &fetcher, &clock, nullptr);
  std::ofstream(rules_dir + "/zz-broken.toml") << "this is = = not toml\n";
  Status s = daemon.ReloadRules();
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("zz-broken.toml:1:") != std::string::npos);
  CHECK(daemon.rules().version() == version);
  fs::remove(rules_dir + "/zz-broken.toml");
  CHECK(daemon.ReloadRules().ok());
}

using testing::Slurp;
using testing::WaitFor;

TEST_CASE("SIGHUP with a broken rule file keeps the daemon running on the old set",
          "[app][daemon][e2e][signals]") {
  std::string rules_dir = CopyRules("daemon-sighup");
  std::string dir = fs::path(rules_dir).parent_path().string();
  std::ofstream(dir + "/c.toml") << "[store]\npath = 'd.db'\n[rules]\ndir = 'rules'\n"
                                    "[[source]]\nname = 'demo'\nkind = 'feed'\nurl = '"
                                 << Source("examples/feeds/industry-news.xml")
                                 << "'\ninterval = '1h'\n";
  std::string log = dir + "/log.txt";
  pid_t pid = testing::StartDaemon(dir + "/c.toml", log);
  REQUIRE(pid > 0);
  REQUIRE(WaitFor(log, "ecwatch started", 20));
  REQUIRE(WaitFor(log, "ALERT", 20));  // the first pass ran
  std::ofstream(rules_dir + "/zz-broken.toml") << "[[rule]]\nid = 'x'\npattern = '(unclosed'\n";
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(WaitFor(log, "rules reload refused", 20));
  CHECK(kill(pid, 0) == 0);  // still running
  CHECK(Slurp(log).find("zz-broken.toml:") != std::string::npos);
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  auto start = std::chrono::steady_clock::now();
  while (waitpid(pid, &status, WNOHANG) == 0) {
    REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Slurp(log).find("ecwatch stopping") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("SIGHUP reloads the config's sources; a broken config is refused and the old kept",
          "[app][daemon][e2e][signals]") {
  std::string dir = testing::MakeTempDir("daemon-config-hup");
  const std::string feed = "[[source]]\nname = 'feed'\nkind = 'feed'\nurl = '" +
                           Source("examples/feeds/industry-news.xml") + "'\ninterval = '1h'\n";
  const std::string page = "[[source]]\nname = 'page'\nkind = 'page'\nurl = '" +
                           Source("examples/pages/index.html") +
                           "'\ninterval = '1h'\nfollow = '/pages/[a-z]+-[a-z-]+\\.html$'\n";
  const std::string head = "[store]\npath = 'd.db'\n[rules]\ndir = '" + Source("rules/sets") + "'\n";
  std::ofstream(dir + "/c.toml") << head << feed;
  std::string log = dir + "/log.txt";
  pid_t pid = testing::StartDaemon(dir + "/c.toml", log);
  REQUIRE(pid > 0);
  REQUIRE(WaitFor(log, "ecwatch started: 1 sources", 20));
  std::ofstream(dir + "/c.toml") << head << feed << page;
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(WaitFor(log, "config reloaded: 2 sources", 20));
  CHECK(WaitFor(log, "ALERT", 20));  // the page source's founding article
  std::ofstream(dir + "/c.toml") << head << feed << "[[source]]\nname = 'x'\nkind = 'rss'\n";
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(WaitFor(log, "config reload refused, keeping 2 sources", 20));
  CHECK(kill(pid, 0) == 0);  // still running
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace ecwatch
