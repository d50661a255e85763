// `ecwatch reprocess` rebuilds documents and findings from WARC captures
// alone: pages fetched from a server on 127.0.0.1 (captured), the server
// stopped, then a fresh database filled from the captures.
#include <sstream>

#include <catch2/catch.hpp>

#include "app/pipeline.h"
#include "app/reprocess.h"
#include "base/json.h"
#include "crawler/warc.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

int64_t Count(const std::string& db, const char* table) {
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  return store.value()->CountRows(table).value();
}

TEST_CASE("reprocess re-creates the same documents and findings from WARC captures alone",
          "[app][reprocess][e2e]") {
  std::string dir = testing::MakeTempDir("reprocess");
  std::string warc_dir = dir + "/warc", crawled = dir + "/crawled.db", rebuilt = dir + "/rebuilt.db";
  const char* pages[] = {"seed-article.html", "ev-motors.html", "cobot-safety.html"};
  {
    testing::TestHttpServer http;
    for (const char* page : pages) {
      std::string body = testing::ReadFileOrDie(Source(std::string("examples/pages/") + page));
      http.server().Get(std::string("/news/") + page,
                        [body](const httplib::Request&, httplib::Response& res) {
                          res.set_content(body, "text/html; charset=utf-8");
                        });
    }
    http.Start();
    CurlGlobal curl;
    SystemClock clock;
    auto rules = RuleSet::LoadDir(Source("rules/sets"));
    REQUIRE(rules.ok());
    auto store = Store::Open(crawled);
    REQUIRE(store.ok());
    auto warc = WarcWriter::Open(warc_dir, &clock);
    REQUIRE(warc.ok());
    auto fetcher = NewCurlFetcher(FetchOptions{});
    Pipeline pipeline(fetcher.get(), rules.value().get(), store.value().get(), &clock);
    pipeline.set_capture(warc.value().get());
    for (const char* page : pages) {
      auto r = pipeline.Ingest(IngestInput{http.Url(std::string("/news/") + page), false, "t", ""});
      INFO(page);
      REQUIRE(r.ok());
    }
  }  // the server is gone: reprocess can only use the captures

  GlobalOptions g;
  g.db = rebuilt;
  g.rules = Source("rules/sets");
  g.json = true;
  std::istringstream in;
  std::ostringstream out, err;
  REQUIRE(RunReprocess(g, warc_dir, "", Streams{in, out, err}) == kExitOk);
  INFO(err.str());
  Json summary = Json::parse(out.str());
  CHECK(summary["records"] == 3);
  CHECK(summary["new_documents"] == 3);
  CHECK(summary["skipped"] == 0);
  for (const char* table : {"documents", "matches", "events", "alerts"}) {
    INFO(table);
    CHECK(Count(rebuilt, table) == Count(crawled, table));
  }
  CHECK(Count(rebuilt, "alerts") >= 1);

  SECTION("a second reprocess into the same store adds nothing") {
    std::ostringstream again;
    REQUIRE(RunReprocess(g, warc_dir, "", Streams{in, again, err}) == kExitOk);
    CHECK(Json::parse(again.str())["new_documents"] == 0);
    CHECK(Count(rebuilt, "documents") == 3);
  }
}

}  // namespace
}  // namespace ecwatch
