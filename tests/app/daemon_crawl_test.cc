// The daemon's link policy end to end: robots.txt is honoured, and a link to
// another origin on a private address is refused (SSRF guard) unless
// [crawler] allow_private lists it. Real servers on 127.0.0.1 and 127.0.0.2.
#include <atomic>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

const char* kArticle =
    "<html><head><title>Mining news</title></head><body><article><h1>Mining news</h1>"
    "<p>Output of copper concentrate rose in the third quarter, the company said on Tuesday, "
    "citing higher grades at its main mine and fewer stoppages than a year earlier.</p>"
    "<p>Shipments to smelters in Asia made up most of the increase.</p></article></body></html>";

struct Site {
  testing::TestHttpServer source;   // 127.0.0.1: the configured source's origin
  testing::TestHttpServer other;    // 127.0.0.2: another origin, a private address
  std::atomic<int> private_hits{0};

  Site() {
    other.server().Get("/c.html", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(kArticle, "text/html");
    });
    other.Start("127.0.0.2");
    source.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
    });
    source.server().Get("/a.html", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(kArticle, "text/html");
    });
    source.server().Get("/private/b.html", [this](const httplib::Request&, httplib::Response& r) {
      ++private_hits;
      r.set_content(kArticle, "text/html");
    });
    source.server().Get("/feed.xml", [this](const httplib::Request&, httplib::Response& r) {
      r.set_content("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                    "<item><link>" + source.Url("/a.html") + "</link></item>"
                    "<item><link>" + source.Url("/private/b.html") + "</link></item>"
                    "<item><link>" + other.Url("/c.html") + "</link></item>"
                    "</channel></rss>",
                    "application/rss+xml");
    });
    source.Start();
  }
};

int RunOnce(const std::string& dir, const std::string& crawler_table, const Site& site) {
  std::ofstream(dir + "/c.toml") << "[store]\npath = 'd.db'\n[rules]\ndir = '"
                                 << ECWATCH_SOURCE_DIR << "/rules/sets'\n"
                                 << crawler_table << "[[source]]\nname = 's'\nkind = 'feed'\nurl = '"
                                 << site.source.Url("/feed.xml") << "'\ninterval = '1h'\n";
  GlobalOptions g;
  g.config = dir + "/c.toml";
  std::istringstream in;
  std::ostringstream out, err;
  return RunDaemon(g, true, Streams{in, out, err});
}

bool Stored(const std::string& db, const std::string& url) {
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  return store.value()->HasUrl(url).value();
}

TEST_CASE("the daemon honours robots.txt and refuses private links of other origins",
          "[app][daemon][e2e][ssrf]") {
  Site site;
  std::string dir = testing::MakeTempDir("daemon-crawl");
  REQUIRE(RunOnce(dir, "", site) == kExitOk);
  CHECK(Stored(dir + "/d.db", site.source.Url("/a.html")));        // same origin as the source
  CHECK_FALSE(Stored(dir + "/d.db", site.source.Url("/private/b.html")));
  CHECK(site.private_hits == 0);                                    // never requested
  CHECK_FALSE(Stored(dir + "/d.db", site.other.Url("/c.html")));   // SSRF guard

  SECTION("allow_private lets the other origin through") {
    std::string dir2 = testing::MakeTempDir("daemon-crawl-allow");
    REQUIRE(RunOnce(dir2, "[crawler]\nallow_private = ['127.0.0.2/32']\n", site) == kExitOk);
    CHECK(Stored(dir2 + "/d.db", site.other.Url("/c.html")));
    CHECK(site.private_hits == 0);
  }
}

}  // namespace
}  // namespace ecwatch
