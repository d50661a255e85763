// Per-source rule sets in the running daemon (issue 5), with the real binary
// against a loopback server: a broken file in a source's directory is
// refused for that directory alone and the daemon keeps going; SIGHUP with a
// config adding a source whose directory does not load is refused (the
// running sources kept); once it loads, the new source's pages are matched
// with its own set.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "store/store.h"
#include "tests/app/daemon_process.h"
#include "tests/support/http_server.h"
#include "tests/app/source_rules_site.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

using testing::Slurp;
using testing::WaitFor;

using testing::AddSourceSite;
using testing::FeedSource;
using testing::WriteWordRules;

TEST_CASE("the daemon reloads each source's rules apart and refuses a source set that does not load",
          "[app][daemon][e2e][signals][rule_sets]") {
  testing::TestHttpServer server;
  AddSourceSite(&server, "alpha", "widgets and gadgets");
  AddSourceSite(&server, "beta", "widgets and gadgets");
  REQUIRE(server.Start());
  const std::string dir = testing::MakeTempDir("source-rules-signals");
  WriteWordRules(dir + "/rules/g", "g", {"widget"});
  WriteWordRules(dir + "/rules/a", "a", {"widget"});
  WriteWordRules(dir + "/rules/b", "b", {"gadget"});
  const std::string head = "[store]\npath = 'd.db'\n[rules]\ndir = 'rules/g'\n";
  const std::string alpha = FeedSource(server, "alpha", "rules/a");
  std::ofstream(dir + "/c.toml") << head << alpha;
  const std::string log = dir + "/log.txt";
  const pid_t pid = testing::StartDaemon(dir + "/c.toml", log);
  REQUIRE(pid > 0);
  REQUIRE(WaitFor(log, "ecwatch started: 1 sources", 20));
  INFO(Slurp(log));

  // A rule-file change in the source's directory: refused there, the rest runs.
  std::ofstream(dir + "/rules/a/zz.toml") << "[[rule]]\nid = 'x'\npatterns = ['(unclosed']\n";
  CHECK(WaitFor(log, "rules reload refused for " + dir + "/rules/a, keeping version", 20));
  CHECK(Slurp(log).find("zz.toml:") != std::string::npos);
  CHECK(kill(pid, 0) == 0);
  fs::remove(dir + "/rules/a/zz.toml");
  CHECK(WaitFor(log, "rules reloaded from " + dir + "/rules/a:", 20));

  // SIGHUP with a new source whose directory does not load: refused.
  std::ofstream(dir + "/rules/b/zz.toml") << "this is = = not toml\n";
  std::ofstream(dir + "/c.toml") << head << alpha << FeedSource(server, "beta", "rules/b");
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(WaitFor(log, "config reload refused, keeping 1 sources", 20));
  CHECK(kill(pid, 0) == 0);

  // Fixed: the new source runs with its own set.
  fs::remove(dir + "/rules/b/zz.toml");
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(WaitFor(log, "config reloaded: 2 sources", 20));
  bool stored = false;
  for (int i = 0; i < 200 && !stored; ++i) {
    auto store = Store::Open(dir + "/d.db");
    REQUIRE(store.ok());
    stored = store.value()->CountRows("documents").value() == 2;
    if (!stored) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(stored);
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  auto store = Store::Open(dir + "/d.db");
  REQUIRE(store.ok());
  auto counts = store.value()->RuleHitCounts();
  REQUIRE(counts.ok());
  std::map<std::string, int64_t> hits(counts->begin(), counts->end());
  // alpha's page with set a (widgets only), beta's with set b (gadgets only).
  CHECK(hits == std::map<std::string, int64_t>{{"a/widget", 1}, {"b/gadget", 1}});
}

}  // namespace
}  // namespace ecwatch
