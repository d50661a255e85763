// AnalyzePool: every submitted page comes back once, analysed exactly as on
// the calling thread, whatever the number of workers.
#include "app/analyze_pool.h"

#include <algorithm>
#include <map>

#include <catch2/catch.hpp>

#include "app/pipeline.h"
#include "rules/rule_set.h"

namespace ecwatch {
namespace {

FetchResult Page(int i) {
  FetchResult page;
  page.final_url = "http://news.example/" + std::to_string(i) + ".html";
  page.http_status = 200;
  page.content_type = i % 5 == 4 ? "image/png" : "text/html";
  page.body = "<html><head><title>Story " + std::to_string(i) +
              "</title></head><body><article><h1>Story " + std::to_string(i) +
              "</h1><p>China's commerce ministry said on Friday it would suspend export controls on "
              "gallium and germanium for one year, in item " + std::to_string(i) +
              " of a long list of trade measures announced this week.</p></article></body></html>";
  return page;
}

TEST_CASE("every page comes back once, as analysed inline, with 0 or 3 workers",
          "[app][analyze_pool]") {
  auto rules = RuleSet::LoadDir(std::string(ECWATCH_SOURCE_DIR) + "/rules/sets");
  REQUIRE(rules.ok());
  for (int threads : {0, 3}) {
    AnalyzePool pool(threads);
    for (int i = 0; i < 20; ++i) pool.Submit(static_cast<uint64_t>(i), Page(i), rules->get());
    pool.WaitIdle();
    std::vector<Analyzed> done = pool.Collect();
    CHECK(pool.outstanding() == 0);
    REQUIRE(done.size() == 20);
    std::map<uint64_t, Analyzed*> by_tag;
    for (Analyzed& a : done) by_tag[a.tag] = &a;
    REQUIRE(by_tag.size() == 20);
    for (int i = 0; i < 20; ++i) {
      const Analyzed& a = *by_tag[static_cast<uint64_t>(i)];
      CHECK(a.fetched.body.empty());  // released once analysed
      CHECK(a.fetched.final_url == Page(i).final_url);
      Result<Article> inline_article = Pipeline::ExtractFetched(Page(i));
      REQUIRE(a.article.ok() == inline_article.ok());
      if (!a.article.ok()) {
        CHECK(a.article.status().code() == Status::Code::kUnsupported);
        continue;
      }
      CHECK(a.article->text == inline_article->text);
      const Findings expected = rules.value()->Match(inline_article.value());
      CHECK(a.findings.matches.size() == expected.matches.size());
      CHECK(a.findings.alert == expected.alert);
      CHECK_FALSE(a.findings.matches.empty());  // minerals at least
    }
  }
}

}  // namespace
}  // namespace ecwatch
