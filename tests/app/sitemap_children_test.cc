// Pins how a sitemap-index source polls its children: a child whose <lastmod>
// in the index is unchanged since its last successful fetch is not fetched
// again (also across process starts: the lastmods are in the database), a
// changed or absent <lastmod> is, a failed child is tried on the next poll,
// and children the index dropped are forgotten.
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "store/frontier.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

// An index of three children: /fixed.xml (same <lastmod> on every poll),
// /moving.xml (a new <lastmod> on every poll) and /bare.xml (none); each
// child lists one article. /fixed.xml fails with 503 on the first request
// when first_fixed_fails.
class IndexSite {
 public:
  explicit IndexSite(bool first_fixed_fails) : first_fixed_fails_(first_fixed_fails) {
    auto& s = http_.server();
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lock(mu_);
      ++hits_[req.path];
      return httplib::Server::HandlerResponse::Unhandled;
    });
    s.Get("/robots.txt", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("User-agent: *\nAllow: /\n", "text/plain");
    });
    s.Get("/index.xml", [this](const httplib::Request&, httplib::Response& r) {
      const int poll = Hits("/index.xml");
      std::string xml =
          "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
          "<sitemap><loc>" + http_.Url("/fixed.xml") + "</loc><lastmod>2026-11-01</lastmod></sitemap>"
          "<sitemap><loc>" + http_.Url("/moving.xml") + "</loc><lastmod>2026-11-0" +
          std::to_string(poll) + "</lastmod></sitemap>";
      if (poll < 3) xml += "<sitemap><loc>" + http_.Url("/bare.xml") + "</loc></sitemap>";
      r.set_content(xml + "</sitemapindex>", "application/xml");
    });
    for (const char* child : {"/fixed.xml", "/moving.xml", "/bare.xml"}) {
      s.Get(child, [this, child](const httplib::Request&, httplib::Response& r) {
        if (std::string(child) == "/fixed.xml" && first_fixed_fails_ && Hits(child) == 1) {
          r.status = 503;
          return;
        }
        r.set_content("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/"
                      "sitemap/0.9'><url><loc>" + http_.Url(std::string("/a") + child + ".html") +
                          "</loc></url></urlset>",
                      "application/xml");
      });
    }
    s.Get(R"(/a/.*)", [](const httplib::Request& req, httplib::Response& r) {
      r.set_content("<html><body><article><p>Page " + req.path + " with enough words.</p>"
                    "</article></body></html>", "text/html");
    });
    REQUIRE(http_.Start());
  }
  int Hits(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    return hits_[path];
  }
  std::string Url(const std::string& path) const { return http_.Url(path); }

 private:
  bool first_fixed_fails_;
  testing::TestHttpServer http_;
  std::mutex mu_;
  std::map<std::string, int> hits_;
};

// One `run --once` (a new process's worth of state: only the database stays).
int PollOnce(const std::string& dir, const IndexSite& site) {
  std::ofstream(dir + "/c.toml") << "[store]\npath = 'd.db'\n[rules]\ndir = '" << ECWATCH_SOURCE_DIR
                                 << "/rules/sets'\n[crawler]\nper_host_delay = '0s'\n"
                                    "retries = 0\ntimeout = '2s'\n"
                                 << "[[source]]\nname = 'news'\nkind = 'sitemap'\nurl = '"
                                 << site.Url("/index.xml") << "'\ninterval = '1h'\n";
  GlobalOptions g;
  g.config = dir + "/c.toml";
  std::istringstream in;
  std::ostringstream out, err;
  return RunDaemon(g, true, Streams{in, out, err});
}

std::map<std::string, std::string> StoredChildren(const std::string& dir) {
  auto store = Store::Open(dir + "/d.db");
  REQUIRE(store.ok());
  auto frontier = Frontier::ForStore(store->get());
  REQUIRE(frontier.ok());
  auto children = frontier.value()->ChildSitemaps("news");
  REQUIRE(children.ok());
  return children.value();
}

TEST_CASE("a sitemap index's children are fetched again only when their lastmod changed",
          "[app][crawl][sitemap]") {
  const std::string dir = testing::MakeTempDir("sitemap-children");
  IndexSite site(/*first_fixed_fails=*/false);
  REQUIRE(PollOnce(dir, site) == kExitOk);
  CHECK(site.Hits("/fixed.xml") == 1);
  CHECK(site.Hits("/moving.xml") == 1);
  CHECK(site.Hits("/bare.xml") == 1);

  REQUIRE(PollOnce(dir, site) == kExitOk);
  CHECK(site.Hits("/index.xml") == 2);
  CHECK(site.Hits("/fixed.xml") == 1);   // same <lastmod>: not fetched again
  CHECK(site.Hits("/moving.xml") == 2);  // new <lastmod>
  CHECK(site.Hits("/bare.xml") == 2);    // no <lastmod>: every poll
  CHECK(site.Hits("/a/fixed.xml.html") == 1);  // each article once

  REQUIRE(PollOnce(dir, site) == kExitOk);  // the index no longer lists /bare.xml
  CHECK(site.Hits("/bare.xml") == 2);
  const std::map<std::string, std::string> children = StoredChildren(dir);
  CHECK(children.size() == 2);
  CHECK(children.count(site.Url("/fixed.xml")) == 1);
  CHECK(children.count(site.Url("/moving.xml")) == 1);
  CHECK(children.at(site.Url("/moving.xml")) == "2026-11-03");
}

TEST_CASE("a child sitemap that failed is fetched on the next poll despite its lastmod",
          "[app][crawl][sitemap]") {
  const std::string dir = testing::MakeTempDir("sitemap-child-failed");
  IndexSite site(/*first_fixed_fails=*/true);
  REQUIRE(PollOnce(dir, site) == kExitOk);
  CHECK(site.Hits("/fixed.xml") == 1);  // 503, retries = 0
  CHECK(StoredChildren(dir).count(site.Url("/fixed.xml")) == 0);
  REQUIRE(PollOnce(dir, site) == kExitOk);
  CHECK(site.Hits("/fixed.xml") == 2);
  CHECK(site.Hits("/a/fixed.xml.html") == 1);
  CHECK(StoredChildren(dir).count(site.Url("/fixed.xml")) == 1);
}

}  // namespace
}  // namespace ecwatch
