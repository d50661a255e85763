// The crawl end to end against a real server on 127.0.0.1: a gzip'd sitemap
// index, robots.txt, 500-then-200, 429 with Retry-After, a response slower
// than the timeout, a redirect loop, an oversized body, a gzip-encoded page,
// a 404; then a second pass that makes only conditional requests; and
// politeness (one connection per host, the pause between requests).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "store/frontier.h"
#include "store/store.h"
#include "tests/crawler/test_gzip.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using Clock = std::chrono::steady_clock;
using testing::GzipForTest;

std::string ArticleHtml(const std::string& title, int n) {
  std::string words;
  for (int i = 0; i < 40; ++i) words += "word" + std::to_string(n * 100 + i) + " ";
  return "<html><head><title>" + title + "</title></head><body><article><h1>" + title +
         "</h1><p>Port operators reported steady volumes in week " + std::to_string(n) +
         ", with container traffic " + words + "and bulk cargo in line with forecasts.</p>"
         "<p>Analysts expect little change next month, the report said.</p></article></body></html>";
}

// The site: counts requests per path and when they came.
class Site {
 public:
  // faults: list the failure cases in the sitemap too, not only six articles.
  explicit Site(bool faults = true) : faults_(faults) {
    auto& s = http_.server();
    // Hanging handlers and keep-alive connections each hold a thread.
    s.new_task_queue = [] { return new httplib::ThreadPool(32); };
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lock(mu_);
      hits_[req.path].push_back(Clock::now());
      if (req.has_header("If-None-Match") || req.has_header("If-Modified-Since")) {
        conditional_.push_back(req.path);
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    s.Get("/robots.txt", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
    });
    s.Get("/sitemap_index.xml", [this](const httplib::Request& req, httplib::Response& r) {
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        r.status = 304;
        return;
      }
      r.set_header("ETag", "\"v1\"");
      r.set_content("<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/"
                    "sitemap/0.9'><sitemap><loc>" + http_.Url("/news.xml.gz") +
                        "</loc></sitemap></sitemapindex>",
                    "application/xml");
    });
    s.Get("/news.xml.gz", [this](const httplib::Request&, httplib::Response& r) {
      std::string urls;
      for (const std::string& path : Listed(faults_)) urls += "<url><loc>" + http_.Url(path) + "</loc></url>";
      r.set_content(GzipForTest("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/"
                                "schemas/sitemap/0.9'>" + urls + "</urlset>"),
                    "application/octet-stream");
    });
    s.Get(R"(/a/(\d+)\.html)", [](const httplib::Request& req, httplib::Response& r) {
      r.set_content(ArticleHtml("Article " + req.matches[1].str(), std::stoi(req.matches[1])),
                    "text/html");
    });
    s.Get("/flaky.html", [this](const httplib::Request&, httplib::Response& r) {
      if (Hits("/flaky.html") == 1) {
        r.status = 500;
        return;
      }
      r.set_content(ArticleHtml("Flaky", 90), "text/html");
    });
    s.Get("/busy.html", [this](const httplib::Request&, httplib::Response& r) {
      if (Hits("/busy.html") == 1) {
        r.status = 429;
        r.set_header("Retry-After", "2");
        return;
      }
      r.set_content(ArticleHtml("Busy", 91), "text/html");
    });
    s.Get("/slow.html", [this](const httplib::Request&, httplib::Response& r) {
      for (int i = 0; i < 40 && !http_.stopping(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      r.set_content(ArticleHtml("Slow", 92), "text/html");
    });
    s.Get("/loop.html", [](const httplib::Request&, httplib::Response& r) { r.set_redirect("/loop.html"); });
    s.Get("/big.html", [](const httplib::Request&, httplib::Response& r) {
      // 17 MiB announced by Content-Length, produced only as far as read.
      r.set_content_provider(17 << 20, "text/html",
                             [](size_t, size_t length, httplib::DataSink& sink) {
                               static const std::string chunk(64 << 10, 'x');
                               return sink.write(chunk.data(), std::min(length, chunk.size()));
                             });
    });
    s.Get("/gz.html", [](const httplib::Request&, httplib::Response& r) {
      r.set_header("Content-Encoding", "gzip");
      r.set_content(GzipForTest(ArticleHtml("Compressed", 93)), "text/html");
    });
    s.Get("/private/x.html", [](const httplib::Request&, httplib::Response& r) {
      r.set_content(ArticleHtml("Private", 94), "text/html");
    });
    REQUIRE(http_.Start());
  }
  ~Site() { http_.Stop(); }

  static std::vector<std::string> Listed(bool faults = true) {
    std::vector<std::string> paths;
    for (int i = 1; i <= 6; ++i) paths.push_back("/a/" + std::to_string(i) + ".html");
    if (!faults) return paths;
    for (const char* p : {"/flaky.html", "/busy.html", "/slow.html", "/loop.html", "/big.html",
                          "/gz.html", "/missing.html", "/private/x.html"}) {
      paths.push_back(p);
    }
    return paths;
  }

  int Hits(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(hits_[path].size());
  }
  std::vector<Clock::time_point> Times(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    return hits_[path];
  }
  int TotalHits() {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const auto& [path, times] : hits_) n += static_cast<int>(times.size());
    return n;
  }
  std::vector<std::string> Conditional() {
    std::lock_guard<std::mutex> lock(mu_);
    return conditional_;
  }
  void Reset() {
    std::lock_guard<std::mutex> lock(mu_);
    hits_.clear();
    conditional_.clear();
  }
  std::string Url(const std::string& path) const { return http_.Url(path); }

 private:
  bool faults_;
  testing::TestHttpServer http_;
  std::mutex mu_;
  std::map<std::string, std::vector<Clock::time_point>> hits_;
  std::vector<std::string> conditional_;
};

int RunOnce(const std::string& dir, const Site& site, const std::string& crawler, std::string* out) {
  std::ofstream(dir + "/c.toml") << "[store]\npath = 'd.db'\n[rules]\ndir = '" << ECWATCH_SOURCE_DIR
                                 << "/rules/sets'\n[crawler]\n" << crawler
                                 << "[[source]]\nname = 'wire'\nkind = 'sitemap'\nurl = '"
                                 << site.Url("/sitemap_index.xml") << "'\ninterval = '1h'\n";
  GlobalOptions g;
  g.config = dir + "/c.toml";
  std::istringstream in;
  std::ostringstream o, e;
  int code = RunDaemon(g, true, Streams{in, o, e});
  *out = o.str() + e.str();
  return code;
}

const char* kFast =
    "per_host_delay = '0s'\nper_host_connections = 4\nconcurrency = 8\nretries = 2\n"
    "retry_delay = '1s'\ntimeout = '2s'\n";

FrontierRow Row(Frontier* frontier, const std::string& url) {
  auto row = frontier->Find(url);
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  return row->value();
}

TEST_CASE("a crawl retries what is transient, gives up on what is final, and stores the rest",
          "[app][crawl][e2e]") {
  Site site;
  const std::string dir = testing::MakeTempDir("crawl-e2e");
  std::string out;
  REQUIRE(RunOnce(dir, site, kFast, &out) == kExitOk);
  INFO(out);
  auto store = Store::Open(dir + "/d.db");
  REQUIRE(store.ok());
  auto frontier = std::move(Frontier::ForStore(store->get())).value();

  // Six plain articles, the gzip-encoded one, and the two that failed first.
  for (int i = 1; i <= 6; ++i) {
    const std::string url = site.Url("/a/" + std::to_string(i) + ".html");
    CHECK(store.value()->HasUrl(url).value());
    CHECK(site.Hits("/a/" + std::to_string(i) + ".html") == 1);
  }
  CHECK(store.value()->HasUrl(site.Url("/gz.html")).value());
  CHECK(store.value()->CountRows("documents").value() == 9);

  // 500 then 200: one retry, stored.
  CHECK(site.Hits("/flaky.html") == 2);
  CHECK(store.value()->HasUrl(site.Url("/flaky.html")).value());
  CHECK(Row(frontier.get(), site.Url("/flaky.html")).entry.attempts == 2);

  // 429 with Retry-After: 2 — the second request waited for it.
  auto busy = site.Times("/busy.html");
  REQUIRE(busy.size() == 2);
  CHECK(busy[1] - busy[0] >= std::chrono::milliseconds(1900));
  CHECK(store.value()->HasUrl(site.Url("/busy.html")).value());

  // Slower than the timeout every time: tried 1 + retries times, then failed.
  CHECK(site.Hits("/slow.html") == 3);
  FrontierRow slow = Row(frontier.get(), site.Url("/slow.html"));
  CHECK(slow.state == "failed");
  CHECK(slow.entry.attempts == 3);

  // Final errors are not retried.
  FrontierRow loop = Row(frontier.get(), site.Url("/loop.html"));
  CHECK(loop.state == "failed");
  CHECK(loop.entry.attempts == 1);
  CHECK(loop.last_error.find("redirects") != std::string::npos);
  CHECK(site.Hits("/loop.html") == 6);  // the first request and 5 redirects
  FrontierRow big = Row(frontier.get(), site.Url("/big.html"));
  CHECK(big.state == "failed");
  CHECK(big.entry.attempts == 1);
  CHECK(big.last_error.find("body over") != std::string::npos);
  FrontierRow missing = Row(frontier.get(), site.Url("/missing.html"));
  CHECK(missing.state == "failed");
  CHECK(missing.last_status == 404);
  CHECK(site.Hits("/missing.html") == 1);

  // robots.txt: never requested, recorded as disallowed.
  CHECK(site.Hits("/private/x.html") == 0);
  CHECK(Row(frontier.get(), site.Url("/private/x.html")).last_error == "disallowed by robots.txt");

  // Every listed URL ends in a recorded state; every failed attempt is in fetches.
  FrontierCounts counts = frontier->Counts("wire").value();
  CHECK(counts.due == 0);
  CHECK(counts.done + counts.failed == static_cast<int64_t>(Site::Listed().size()));
  // 2 sitemaps + 9 stored + failed attempts: flaky 1, busy 1, slow 3, loop, big, missing.
  CHECK(store.value()->CountRows("fetches").value() == 2 + 9 + 1 + 1 + 3 + 1 + 1 + 1);
  CHECK(store.value()->IntegrityCheck().value() == "ok");

  SECTION("a second pass over the unchanged source makes only a conditional request") {
    site.Reset();
    std::string again;
    REQUIRE(RunOnce(dir, site, kFast, &again) == kExitOk);
    CHECK(site.TotalHits() == 1);
    CHECK(site.Conditional() == std::vector<std::string>{"/sitemap_index.xml"});
    CHECK(store.value()->CountRows("documents").value() == 9);
  }
}

TEST_CASE("politeness: one connection per host and the pause between requests",
          "[app][crawl][e2e][politeness]") {
  Site site(false);
  const std::string dir = testing::MakeTempDir("crawl-polite");
  std::string out;
  // Default politeness: one connection per host, 1 s between requests.
  REQUIRE(RunOnce(dir, site, "concurrency = 16\n", &out) == kExitOk);
  std::vector<Clock::time_point> starts;
  for (int i = 1; i <= 6; ++i) {
    for (auto t : site.Times("/a/" + std::to_string(i) + ".html")) starts.push_back(t);
  }
  REQUIRE(starts.size() == 6);
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 1; i < starts.size(); ++i) {
    CHECK(starts[i] - starts[i - 1] >= std::chrono::milliseconds(950));
  }
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("a restart reuses the robots.txt kept in the database while it is fresh",
          "[app][crawl][e2e][robots]") {
  Site site(false);
  const std::string dir = testing::MakeTempDir("crawl-robots");
  std::string out;
  REQUIRE(RunOnce(dir, site, kFast, &out) == kExitOk);
  CHECK(site.Hits("/robots.txt") == 1);
  {
    auto store = Store::Open(dir + "/d.db");
    REQUIRE(store.ok());
    auto frontier = std::move(Frontier::ForStore(store->get())).value();
    REQUIRE(frontier->Add(site.Url("/a/7.html"), "wire", 0).value());
    REQUIRE(frontier->Add(site.Url("/private/y.html"), "wire", 0).value());
  }
  site.Reset();
  REQUIRE(RunOnce(dir, site, kFast, &out) == kExitOk);
  CHECK(site.Hits("/robots.txt") == 0);
  CHECK(site.Hits("/a/7.html") == 1);
  CHECK(site.Hits("/private/y.html") == 0);  // the kept policy still applies
}

}  // namespace
}  // namespace ecwatch
