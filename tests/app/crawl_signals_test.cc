// The real binary under signals, against a loopback server: SIGKILL in the
// middle of a crawl and a restart store every page exactly once with the
// database intact; SIGTERM stops within 10 s while transfers hang, records
// them as aborted and leaves them due for the next start.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "store/frontier.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/app/daemon_process.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Page(int n) {
  std::string words;
  for (int i = 0; i < 30; ++i) words += "term" + std::to_string(n * 1000 + i) + " ";
  return "<html><head><title>Report " + std::to_string(n) + "</title></head><body><article>"
         "<h1>Report " + std::to_string(n) + "</h1><p>Freight rates on the route moved in week " +
         std::to_string(n) + " as " + words + "shippers adjusted schedules.</p>"
         "<p>Brokers said the market stayed balanced.</p></article></body></html>";
}

// A feed of `pages` slow pages (/p/N.html, 150 ms each) or hanging ones (/stall/N.html).
class SlowSite {
 public:
  SlowSite(int pages, bool stall) : pages_(pages), stall_(stall) {
    auto& s = http_.server();
    s.Get("/feed.xml", [this](const httplib::Request&, httplib::Response& r) {
      std::string items;
      for (int i = 1; i <= pages_; ++i) items += "<item><link>" + http_.Url(Path(i)) + "</link></item>";
      r.set_content("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>" + items +
                        "</channel></rss>",
                    "application/rss+xml");
    });
    s.Get(R"(/p/(\d+)\.html)", [](const httplib::Request& req, httplib::Response& r) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      r.set_content(Page(std::stoi(req.matches[1])), "text/html");
    });
    s.Get(R"(/stall/(\d+)\.html)", [this](const httplib::Request&, httplib::Response& r) {
      ++stalled_;
      for (int i = 0; i < 300 && !http_.stopping(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      r.set_content(Page(0), "text/html");
    });
    REQUIRE(http_.Start());
  }
  ~SlowSite() { http_.Stop(); }

  std::string Path(int i) const {
    return (stall_ ? "/stall/" : "/p/") + std::to_string(i) + ".html";
  }
  std::string Url(const std::string& path) const { return http_.Url(path); }
  int stalled() const { return stalled_.load(); }

 private:
  int pages_;
  bool stall_;
  std::atomic<int> stalled_{0};
  testing::TestHttpServer http_;
};

std::string WriteConfig(const std::string& dir, const SlowSite& site, int connections) {
  const std::string path = dir + "/c.toml";
  std::ofstream(path) << "[store]\npath = 'd.db'\n[rules]\ndir = '" << ECWATCH_SOURCE_DIR
                      << "/rules/sets'\n[crawler]\nper_host_delay = '0s'\nper_host_connections = "
                      << connections << "\nconcurrency = " << connections
                      << "\ntimeout = '60s'\n[[source]]\nname = 'wire'\nkind = 'feed'\nurl = '"
                      << site.Url("/feed.xml") << "'\ninterval = '1h'\n";
  return path;
}

int64_t Documents(const std::string& db) {
  auto store = Store::Open(db);
  if (!store.ok()) return 0;
  auto n = store.value()->CountRows("documents");
  return n.ok() ? n.value() : 0;
}

TEST_CASE("SIGKILL in the middle of a crawl, then a restart: every page stored once",
          "[app][crawl][e2e][signals]") {
  constexpr int kPages = 40;
  SlowSite site(kPages, false);
  const std::string dir = testing::MakeTempDir("crawl-kill");
  const std::string config = WriteConfig(dir, site, 2);
  pid_t pid = testing::StartDaemon(config, dir + "/log.txt");
  REQUIRE(pid > 0);
  for (int i = 0; i < 300 && Documents(dir + "/d.db") < 8; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(kill(pid, SIGKILL) == 0);
  int status = 0;
  waitpid(pid, &status, 0);
  const int64_t before = Documents(dir + "/d.db");
  CHECK(before >= 8);
  CHECK(before < kPages);  // killed in the middle

  GlobalOptions g;
  g.config = config;
  std::istringstream in;
  std::ostringstream out, err;
  REQUIRE(RunDaemon(g, true, Streams{in, out, err}) == kExitOk);
  auto store = Store::Open(dir + "/d.db");
  REQUIRE(store.ok());
  CHECK(store.value()->IntegrityCheck().value() == "ok");
  CHECK(store.value()->CountRows("documents").value() == kPages);
  for (int i = 1; i <= kPages; ++i) CHECK(store.value()->HasUrl(site.Url(site.Path(i))).value());
}

TEST_CASE("SIGTERM stops within 10 s with transfers hanging, which stay due",
          "[app][crawl][e2e][signals]") {
  SlowSite site(3, true);
  const std::string dir = testing::MakeTempDir("crawl-term");
  pid_t pid = testing::StartDaemon(WriteConfig(dir, site, 4), dir + "/log.txt");
  REQUIRE(pid > 0);
  for (int i = 0; i < 400 && site.stalled() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(site.stalled() == 3);
  REQUIRE(kill(pid, SIGTERM) == 0);
  const auto start = std::chrono::steady_clock::now();
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  auto store = Store::Open(dir + "/d.db");
  REQUIRE(store.ok());
  CHECK(store.value()->CountRows("fetches").value() == 1 + 3);  // the feed, 3 aborted
  auto frontier = std::move(Frontier::ForStore(store->get())).value();
  for (int i = 1; i <= 3; ++i) {
    auto row = frontier->Find(site.Url(site.Path(i)));
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    CHECK(row->value().state == "due");
    CHECK(row->value().entry.attempts == 0);
  }
}

}  // namespace
}  // namespace ecwatch
