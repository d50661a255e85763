// Pins Store::Open and the write path: PRAGMAs and file mode, dedup by URL
// and content hash, findings rows, alerts, fetches and source state.
#include "store/store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "base/limits.h"
#include "tests/store/store_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

Article MakeArticle(const std::string& url, const std::string& text) {
  Article a;
  a.url = url;
  a.canonical_url = url + "?canonical";
  a.title = "China suspends rare-earth export controls";
  a.published = "2025-11-07";
  a.language = "en";
  a.text = text;
  return a;
}

Findings MakeFindings() {
  Findings f;
  f.ruleset_version = "rs1";
  f.matches.push_back({"minerals/dysprosium", "mineral", "dysprosium", "dysprosium", 10, 20});
  f.matches.push_back({"actions/suspend", "action", "suspends", "suspend", 30, 38});
  Event e;
  e.actor = "China";
  e.action = "suspend";
  e.items = {"dysprosium", "rare earths"};
  e.duration_days = 365;
  e.duration_text = "for one year";
  e.sentence = "China suspends export controls on dysprosium for one year.";
  e.rule = "actions/suspend";
  f.events.push_back(e);
  f.minerals = {"dysprosium", "rare earths"};
  f.alert = true;
  return f;
}

using testing::Count;
using testing::OpenOrDie;

TEST_CASE("PutDocument stores the document, its matches, events and one alert", "[store]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  Result<PutOutcome> put =
      store->PutDocument(MakeArticle("https://a.test/1", "text one"), MakeFindings(), 1000);
  REQUIRE(put.ok());
  CHECK(put->inserted);
  CHECK(put->document_id > 0);
  CHECK(put->alert_id > 0);
  CHECK(Count(*store, "documents") == 1);
  CHECK(Count(*store, "matches") == 2);
  CHECK(Count(*store, "events") == 1);
  CHECK(Count(*store, "alerts") == 1);
}

TEST_CASE("PutDocument of the same URL and content adds nothing and returns the first id",
          "[store][dedup]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  Result<PutOutcome> first =
      store->PutDocument(MakeArticle("https://a.test/1", "same"), MakeFindings(), 1000);
  Result<PutOutcome> second =
      store->PutDocument(MakeArticle("https://a.test/1", "same"), MakeFindings(), 2000);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK_FALSE(second->inserted);
  CHECK(second->document_id == first->document_id);
  CHECK(second->alert_id == 0);
  for (const char* table : {"documents", "matches", "events", "alerts"}) {
    INFO(table);
    CHECK(Count(*store, table) == (std::string(table) == "matches" ? 2 : 1));
  }
}

TEST_CASE("PutDocument keeps history: same URL with changed text is a new row", "[store][dedup]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  Findings none;
  Result<PutOutcome> v1 = store->PutDocument(MakeArticle("https://a.test/1", "v1"), none, 1000);
  Result<PutOutcome> v2 = store->PutDocument(MakeArticle("https://a.test/1", "v2"), none, 2000);
  Result<PutOutcome> other = store->PutDocument(MakeArticle("https://a.test/2", "v1"), none, 2000);
  REQUIRE((v1.ok() && v2.ok() && other.ok()));
  CHECK(v2->inserted);
  CHECK(v2->document_id != v1->document_id);
  CHECK(other->inserted);
  CHECK(Count(*store, "documents") == 3);
  CHECK(Count(*store, "alerts") == 0);
}

TEST_CASE("An edited article with the same alert summary raises no second alert",
          "[store][alerts]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  Result<PutOutcome> v1 =
      store->PutDocument(MakeArticle("https://a.test/1", "v1"), MakeFindings(), 1);
  Result<PutOutcome> v2 =
      store->PutDocument(MakeArticle("https://a.test/1", "v2"), MakeFindings(), 2);
  REQUIRE((v1.ok() && v2.ok()));
  CHECK(v1->alert_id > 0);
  CHECK(v2->inserted);
  CHECK(v2->alert_id == 0);
  Findings changed = MakeFindings();
  changed.events[0].duration_days = 30;  // a different claim: a new alert
  Result<PutOutcome> v3 = store->PutDocument(MakeArticle("https://a.test/1", "v3"), changed, 3);
  REQUIRE(v3.ok());
  CHECK(v3->alert_id > 0);
  Result<PutOutcome> other =
      store->PutDocument(MakeArticle("https://b.test/1", "v1"), MakeFindings(), 4);
  REQUIRE(other.ok());
  CHECK(other->alert_id > 0);  // another URL is another report
  CHECK(Count(*store, "alerts") == 3);
}

TEST_CASE("HasUrl finds documents by URL or canonical URL", "[store]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  REQUIRE(store->PutDocument(MakeArticle("https://a.test/1", "t"), Findings(), 1).ok());
  CHECK(store->HasUrl("https://a.test/1").value());
  CHECK(store->HasUrl("https://a.test/1?canonical").value());
  CHECK_FALSE(store->HasUrl("https://a.test/2").value());
  CHECK_FALSE(store->HasUrl("").value());
}

TEST_CASE("Source state round-trips and is empty for an unknown source", "[store]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  Result<SourceState> unknown = store->GetSourceState("nobody");
  REQUIRE(unknown.ok());
  CHECK(unknown->name == "nobody");
  CHECK(unknown->etag.empty());
  CHECK(unknown->last_fetch == 0);
  SourceState s{"mofcom", "\"e1\"", "Sat, 28 Nov 2026 10:00:00 GMT", 100, 90, "boom"};
  REQUIRE(store->PutSourceState(s).ok());
  s.etag = "\"e2\"";
  REQUIRE(store->PutSourceState(s).ok());  // upsert, not a second row
  Result<SourceState> back = store->GetSourceState("mofcom");
  REQUIRE(back.ok());
  CHECK(back->etag == "\"e2\"");
  CHECK(back->last_modified == s.last_modified);
  CHECK(back->last_fetch == 100);
  CHECK(back->last_success == 90);
  CHECK(back->last_error == "boom");
  CHECK(Count(*store, "source_state") == 1);
}

TEST_CASE("CountRows accepts only schema tables", "[store]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  REQUIRE(store->RecordFetch({"https://a.test/", "src", 200, "", 5}).ok());
  CHECK(Count(*store, "fetches") == 1);
  for (const char* bad : {"sqlite_master", "fetches; DROP TABLE fetches", "", "Documents"}) {
    INFO(bad);
    Result<int64_t> r = store->CountRows(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("A file database is created 0600 in a new directory and reads back after reopen",
          "[store][file]") {
  const std::string path = testing::MakeTempDir("store-file") + "/sub/dir/ecwatch.db";
  int64_t id = 0;
  {
    std::unique_ptr<Store> store = OpenOrDie(path);
    Result<PutOutcome> put =
        store->PutDocument(MakeArticle("https://a.test/1", "persisted"), MakeFindings(), 1000);
    REQUIRE(put.ok());
    id = put->document_id;
  }
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::unique_ptr<Store> again = OpenOrDie(path);
  CHECK(Count(*again, "documents") == 1);
  Result<PutOutcome> dup =
      again->PutDocument(MakeArticle("https://a.test/1", "persisted"), MakeFindings(), 2000);
  REQUIRE(dup.ok());
  CHECK_FALSE(dup->inserted);
  CHECK(dup->document_id == id);
  CHECK(Count(*again, "alerts") == 1);
}

TEST_CASE("Two connections on one file write concurrently without SQLITE_BUSY errors",
          "[store][file][concurrency]") {
  const std::string path = testing::MakeTempDir("store-concurrent") + "/shared.db";
  constexpr int kPerThread = 100;
  std::vector<std::string> errors[2];
  auto writer = [&path, &errors](int t) {
    Result<std::unique_ptr<Store>> store = Store::Open(path);  // both may migrate: one does
    if (!store.ok()) {
      errors[t].push_back(store.status().ToString());
      return;
    }
    for (int i = 0; i < kPerThread; ++i) {
      const std::string url = "https://t" + std::to_string(t) + ".test/" + std::to_string(i);
      Result<PutOutcome> put = store.value()->PutDocument(MakeArticle(url, url), MakeFindings(), i);
      if (!put.ok()) errors[t].push_back(put.status().ToString());
      Status fetch = store.value()->RecordFetch({url, "src", 200, "", i});
      if (!fetch.ok()) errors[t].push_back(fetch.ToString());
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  CHECK(errors[0].empty());
  CHECK(errors[1].empty());
  std::unique_ptr<Store> store = OpenOrDie(path);
  CHECK(Count(*store, "documents") == 2 * kPerThread);
  CHECK(Count(*store, "fetches") == 2 * kPerThread);
}

TEST_CASE("PutDocument stores at most kMaxMatchesPerDocument matches", "[store][limits]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  Findings many;
  for (std::size_t i = 0; i < limits::kMaxMatchesPerDocument + 7; ++i) {
    many.matches.push_back({"r", "mineral", "x", "x", i, i + 1});
  }
  REQUIRE(store->PutDocument(MakeArticle("https://a.test/1", "t"), many, 1).ok());
  CHECK(Count(*store, "matches") == static_cast<int64_t>(limits::kMaxMatchesPerDocument));
}

TEST_CASE("Open of a file of garbage bytes is IoError \"PATH: cause\"", "[store][file]") {
  const std::string path = testing::MakeTempDir("store-garbage") + "/garbage.db";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 7919) & 0xff));
  }
  Result<std::unique_ptr<Store>> r = Store::Open(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kIoError);
  CHECK(r.status().message().rfind(path + ": ", 0) == 0);
  CHECK(r.status().message().find("not a database") != std::string::npos);
}

TEST_CASE("Open of an empty path is InvalidArgument", "[store]") {
  CHECK(Store::Open("").status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("Open of a path whose parent is a file is IoError naming the path", "[store][file]") {
  const std::string dir = testing::MakeTempDir("store-badparent");
  std::ofstream(dir + "/file") << "x";
  Result<std::unique_ptr<Store>> r = Store::Open(dir + "/file/ecwatch.db");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kIoError);
  CHECK(r.status().message().rfind(dir + "/file/ecwatch.db: ", 0) == 0);
}

}  // namespace
}  // namespace ecwatch
