// Per-source rule sets end to end (issue 5): `run --once` over three feed
// sources on a real loopback server — two with their own `rules` directory,
// one on the global [rules] dir — stores each page with the matches of its
// own source's set only.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/app/source_rules_site.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

using testing::AddSourceSite;
using testing::FeedSource;
using testing::WriteWordRules;

TEST_CASE("each source's pages are matched with its own rule directory, others with the global one",
          "[app][daemon][e2e][rule_sets]") {
  testing::TestHttpServer server;
  AddSourceSite(&server, "alpha", "widgets");
  AddSourceSite(&server, "beta", "widgets and gadgets");
  AddSourceSite(&server, "gamma", "widgets and gadgets");
  REQUIRE(server.Start());
  std::string dir = testing::MakeTempDir("source-rules-crawl");
  WriteWordRules(dir + "/rules/global", "g", {"widget"});
  WriteWordRules(dir + "/rules/a", "a", {"widget"});
  WriteWordRules(dir + "/rules/b", "b", {"widget", "gadget"});
  std::ofstream(dir + "/c.toml") << "[store]\npath = 'd.db'\n[rules]\ndir = 'rules/global'\n"
                                 << FeedSource(server, "alpha", "rules/a")
                                 << FeedSource(server, "beta", "rules/b")
                                 << FeedSource(server, "gamma", "");
  GlobalOptions g;
  g.config = dir + "/c.toml";
  std::istringstream in;
  std::ostringstream out, err;
  REQUIRE(RunDaemon(g, true, Streams{in, out, err}) == kExitOk);
  INFO(out.str() + err.str());

  auto store = Store::Open(dir + "/d.db");
  REQUIRE(store.ok());
  CHECK(store.value()->CountRows("documents").value() == 3);
  auto counts = store.value()->RuleHitCounts();
  REQUIRE(counts.ok());
  std::map<std::string, int64_t> hits(counts->begin(), counts->end());
  // alpha (set a): widgets; beta (set b): widgets, gadgets; gamma (global): widgets
  // only, although its page names gadgets too.
  CHECK(hits == std::map<std::string, int64_t>{
                    {"a/widget", 1}, {"b/widget", 1}, {"b/gadget", 1}, {"g/widget", 1}});
}

TEST_CASE("run refuses to start when a source's rule directory does not load",
          "[app][daemon][rule_sets]") {
  testing::TestHttpServer server;
  std::string dir = testing::MakeTempDir("source-rules-broken");
  WriteWordRules(dir + "/rules/global", "g", {"widget"});
  WriteWordRules(dir + "/rules/b", "b", {"widget"});
  std::ofstream(dir + "/rules/b/zz.toml") << "[[rule]]\nid = 'x'\npatterns = ['(unclosed']\n";
  std::ofstream(dir + "/c.toml") << "[store]\npath = 'd.db'\n[rules]\ndir = 'rules/global'\n"
                                 << FeedSource(server, "beta", "rules/b");
  GlobalOptions g;
  g.config = dir + "/c.toml";
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(RunDaemon(g, true, Streams{in, out, err}) == kExitUsage);
  CHECK(err.str().find("zz.toml:") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch
