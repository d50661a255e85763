// Pins the read path: alert listings, document iteration, rule hit counts
// and per-source status.
#include <catch2/catch.hpp>

#include "store/store.h"

namespace ecwatch {
namespace {

std::unique_ptr<Store> OpenMemory() {
  Result<std::unique_ptr<Store>> store = Store::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(store).value();
}

Article MakeArticle(const std::string& url, const std::string& title) {
  Article a;
  a.url = url;
  a.title = title;
  a.text = "text of " + url;
  return a;
}

Findings AlertFindings(const std::string& mineral, const std::vector<std::string>& rules) {
  Findings f;
  for (const std::string& rule : rules)
    f.matches.push_back({rule, "mineral", mineral, mineral, 0, 1});
  Event e;
  e.actor = "China";
  e.action = "impose";
  e.items = {mineral};
  f.events.push_back(e);
  f.alert = true;
  return f;
}

TEST_CASE("ListAlerts pages oldest first after an id; ListRecentAlerts newest first",
          "[store][alerts]") {
  std::unique_ptr<Store> store = OpenMemory();
  for (int i = 1; i <= 3; ++i) {
    const std::string url = "https://a.test/" + std::to_string(i);
    REQUIRE(store
                ->PutDocument(MakeArticle(url, "T" + std::to_string(i)),
                              AlertFindings("gallium", {"m/gallium"}), 100 * i)
                .ok());
  }
  Result<std::vector<AlertRow>> all = store->ListAlerts(0, 10);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK(all.value()[0].url == "https://a.test/1");
  CHECK(all.value()[0].title == "T1");
  CHECK(all.value()[0].summary == "China imposes export controls on gallium");
  CHECK(all.value()[0].created_at == 100);
  Result<std::vector<AlertRow>> page = store->ListAlerts(all.value()[0].id, 1);
  REQUIRE(page.ok());
  REQUIRE(page->size() == 1);
  CHECK(page.value()[0].id == all.value()[1].id);
  CHECK(store->ListAlerts(0, 0)->empty());
  Result<std::vector<AlertRow>> recent = store->ListRecentAlerts(2);
  REQUIRE(recent.ok());
  REQUIRE(recent->size() == 2);
  CHECK(recent.value()[0].url == "https://a.test/3");
  CHECK(recent.value()[1].url == "https://a.test/2");
}

TEST_CASE("ForEachDocument visits documents since a time in id order and stops on false",
          "[store]") {
  std::unique_ptr<Store> store = OpenMemory();
  for (int i = 1; i <= 4; ++i) {
    REQUIRE(store
                ->PutDocument(MakeArticle("https://a.test/" + std::to_string(i), "T"), Findings(),
                              i * 10)
                .ok());
  }
  std::vector<std::string> seen;
  REQUIRE(store
              ->ForEachDocument(20,
                                [&seen](const StoredDocument& d) {
                                  seen.push_back(d.article.url);
                                  CHECK(d.article.text == "text of " + d.article.url);
                                  return true;
                                })
              .ok());
  CHECK(seen ==
        std::vector<std::string>{"https://a.test/2", "https://a.test/3", "https://a.test/4"});
  int calls = 0;
  REQUIRE(store->ForEachDocument(0, [&calls](const StoredDocument&) { return ++calls < 2; }).ok());
  CHECK(calls == 2);
}

TEST_CASE("RuleHitCounts counts stored matches per rule, most hits first", "[store][rules]") {
  std::unique_ptr<Store> store = OpenMemory();
  REQUIRE(store
              ->PutDocument(MakeArticle("https://a.test/1", "T"),
                            AlertFindings("gallium", {"m/gallium", "m/gallium", "a/impose"}), 1)
              .ok());
  REQUIRE(store
              ->PutDocument(MakeArticle("https://a.test/2", "T"),
                            AlertFindings("gallium", {"m/gallium", "a/ban"}), 2)
              .ok());
  Result<std::vector<std::pair<std::string, int64_t>>> counts = store->RuleHitCounts();
  REQUIRE(counts.ok());
  using Row = std::pair<std::string, int64_t>;
  CHECK(counts.value() == std::vector<Row>{{"m/gallium", 3}, {"a/ban", 1}, {"a/impose", 1}});
}

TEST_CASE("ListSourceStatus reports fetches, last success/error, documents and alerts per source",
          "[store][status]") {
  std::unique_ptr<Store> store = OpenMemory();
  REQUIRE(store->RecordFetch({"https://feed.test/rss", "wire", 200, "", 100}).ok());
  REQUIRE(store->RecordFetch({"https://feed.test/a", "wire", 200, "", 101}).ok());
  REQUIRE(
      store->RecordFetch({"https://feed.test/b", "wire", 0, "https://feed.test/b: timed out", 102})
          .ok());
  REQUIRE(store->RecordFetch({"https://x.test/", "", 200, "", 103}).ok());  // manual: not a source
  REQUIRE(store
              ->PutDocument(MakeArticle("https://feed.test/a", "A"),
                            AlertFindings("antimony", {"m/antimony"}), 101)
              .ok());
  REQUIRE(store->PutSourceState({"quiet", "", "", 50, 40, ""}).ok());
  Result<std::vector<SourceStatus>> rows = store->ListSourceStatus();
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 2);
  const SourceStatus& quiet = rows.value()[0];
  CHECK(quiet.name == "quiet");
  CHECK(quiet.fetches == 0);
  CHECK(quiet.last_success == 40);
  const SourceStatus& wire = rows.value()[1];
  CHECK(wire.name == "wire");
  CHECK(wire.fetches == 3);
  CHECK(wire.errors == 1);
  CHECK(wire.last_fetch == 102);
  CHECK(wire.last_success == 101);
  CHECK(wire.last_error_at == 102);
  CHECK(wire.last_error == "https://feed.test/b: timed out");
  CHECK(wire.documents == 1);
  CHECK(wire.alerts == 1);
}

}  // namespace
}  // namespace ecwatch
