// Pins Store batches (BeginBatch/EndBatch): the writes of many calls, the
// frontier's included, become one transaction — invisible to other
// connections until committed, all lost together when not — and TextKeys
// handed to PutDocument are what it would have computed.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "store/frontier.h"
#include "store/store.h"
#include "tests/store/store_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using testing::Count;
using testing::OpenOrDie;

Article MakeArticle(const std::string& url, const std::string& text) {
  Article a;
  a.url = url;
  a.title = "T";
  a.text = text;
  return a;
}

// Long enough to fingerprint (more than kSimHashMinShingles shingles).
const std::string kStory =
    "Beijing said on Friday it would suspend for one year the export controls on gallium, "
    "germanium and antimony that it announced last December, the commerce ministry said in a "
    "statement, easing curbs that had rattled chip makers around the world.";

// A crawl's batch: two pages stored and their frontier rows marked done.
void WriteTwoPages(Store& store, Frontier& frontier) {
  for (const char* url : {"https://a.test/1", "https://a.test/2"}) {
    REQUIRE(frontier.Add(url, "wire", 10).ok());
    REQUIRE(store.RecordFetch({url, "wire", 200, "", 10}).ok());
    REQUIRE(store.PutDocument(MakeArticle(url, std::string(url) + " " + kStory), Findings(), 10)
                .ok());
    REQUIRE(frontier.MarkDone(url, 1, 200, 10).ok());
  }
}

TEST_CASE("A committed batch appears to other connections at once, not before",
          "[store][batch]") {
  const std::string path = testing::MakeTempDir("store-batch") + "/batch.db";
  std::unique_ptr<Store> store = OpenOrDie(path);
  std::unique_ptr<Frontier> frontier = std::move(Frontier::ForStore(store.get())).value();
  std::unique_ptr<Store> other = OpenOrDie(path);

  REQUIRE(store->BeginBatch().ok());
  WriteTwoPages(*store, *frontier);
  CHECK(Count(*other, "documents") == 0);
  CHECK(Count(*other, "fetches") == 0);
  REQUIRE(store->EndBatch(true).ok());

  CHECK(Count(*other, "documents") == 2);
  CHECK(Count(*other, "fetches") == 2);
  std::unique_ptr<Frontier> other_frontier = std::move(Frontier::ForStore(other.get())).value();
  Result<FrontierCounts> counts = other_frontier->Counts("");
  REQUIRE(counts.ok());
  CHECK(counts->done == 2);
  CHECK(counts->due == 0);
}

TEST_CASE("A batch ended without commit leaves nothing of it", "[store][batch]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  std::unique_ptr<Frontier> frontier = std::move(Frontier::ForStore(store.get())).value();
  REQUIRE(store->BeginBatch().ok());
  WriteTwoPages(*store, *frontier);
  REQUIRE(store->EndBatch(false).ok());
  CHECK(Count(*store, "documents") == 0);
  CHECK(Count(*store, "fetches") == 0);
  CHECK(frontier->Counts("")->done == 0);
  // The connection works on: the same pages stored outside a batch.
  WriteTwoPages(*store, *frontier);
  CHECK(Count(*store, "documents") == 2);
}

TEST_CASE("Batches do not nest; ending none is Ok", "[store][batch]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  CHECK(store->EndBatch(true).ok());
  REQUIRE(store->BeginBatch().ok());
  Status nested = store->BeginBatch();
  CHECK(nested.code() == Status::Code::kInvalidArgument);
  REQUIRE(store->EndBatch(true).ok());
  CHECK(store->BeginBatch().ok());
  CHECK(store->EndBatch(true).ok());
}

TEST_CASE("Inside a batch, the same page twice is stored once and a copy is a near-duplicate",
          "[store][batch]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  REQUIRE(store->BeginBatch().ok());
  Result<PutOutcome> first = store->PutDocument(MakeArticle("https://a.test/1", kStory), {}, 10);
  Result<PutOutcome> again = store->PutDocument(MakeArticle("https://a.test/1", kStory), {}, 11);
  Result<PutOutcome> copy = store->PutDocument(MakeArticle("https://b.test/9", kStory), {}, 12);
  REQUIRE(store->EndBatch(true).ok());
  REQUIRE(first.ok());
  REQUIRE(again.ok());
  REQUIRE(copy.ok());
  CHECK_FALSE(again->inserted);
  CHECK(again->document_id == first->document_id);
  CHECK(copy->inserted);
  CHECK(copy->duplicate_of == first->document_id);
  CHECK(Count(*store, "documents") == 2);
}

TEST_CASE("PutDocument with TextKeysOf the text stores what it computes itself", "[store]") {
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  const Article article = MakeArticle("https://a.test/1", kStory);
  const TextKeys keys = TextKeysOf(article.text);
  CHECK(keys.content_hash.size() == 64);
  CHECK(keys.simhash != 0);
  Result<PutOutcome> with_keys = store->PutDocument(article, Findings(), 10, keys);
  REQUIRE(with_keys.ok());
  Result<PutOutcome> without = store->PutDocument(article, Findings(), 11);  // computes them
  REQUIRE(without.ok());
  CHECK_FALSE(without->inserted);  // same URL and content hash
  CHECK(without->document_id == with_keys->document_id);
}

TEST_CASE("After a rolled-back batch, near-duplicates of documents stored since are found",
          "[store][batch]") {
  const std::string other =
      "The port authority reported record container volumes for the third quarter, driven by "
      "transshipment cargo and new shipping routes, and said it would expand two terminals over "
      "the next five years to keep pace with demand from carriers in the region.";
  std::unique_ptr<Store> store = OpenOrDie(":memory:");
  REQUIRE(store->BeginBatch().ok());
  REQUIRE(store->PutDocument(MakeArticle("https://a.test/gone", kStory), {}, 10).ok());
  // The second lookup reads the first document's fingerprint, then both go.
  REQUIRE(store->PutDocument(MakeArticle("https://a.test/gone2", "x " + kStory), {}, 10).ok());
  REQUIRE(store->EndBatch(false).ok());  // their ids are free again
  Result<PutOutcome> first = store->PutDocument(MakeArticle("https://b.test/1", other), {}, 11);
  Result<PutOutcome> copy = store->PutDocument(MakeArticle("https://c.test/1", other), {}, 12);
  REQUIRE(first.ok());
  REQUIRE(copy.ok());
  CHECK(copy->duplicate_of == first->document_id);
}

int64_t FullTextHits(const std::string& path, const std::string& query) {
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  SQLite::Statement q(raw, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?");
  q.bind(1, query);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getInt64();
}

TEST_CASE("Documents stored in and out of batches are in the full-text index exactly once",
          "[store][batch][fts]") {
  const std::string path = testing::MakeTempDir("store-batch-fts") + "/fts.db";
  {
    std::unique_ptr<Store> store = OpenOrDie(path);
    REQUIRE(store->BeginBatch().ok());
    REQUIRE(store->PutDocument(MakeArticle("https://a.test/1", "gallium " + kStory), {}, 1).ok());
    REQUIRE(store->PutDocument(MakeArticle("https://a.test/2", "tungsten " + kStory), {}, 2).ok());
    REQUIRE(store->EndBatch(true).ok());
    REQUIRE(store->BeginBatch().ok());  // rolled back: indexed nowhere
    REQUIRE(store->PutDocument(MakeArticle("https://a.test/3", "cobalt " + kStory), {}, 3).ok());
    REQUIRE(store->EndBatch(false).ok());
    REQUIRE(store->PutDocument(MakeArticle("https://a.test/4", "tantalum " + kStory), {}, 4).ok());
  }
  CHECK(FullTextHits(path, "germanium") == 3);  // in every stored text
  CHECK(FullTextHits(path, "tungsten") == 1);
  CHECK(FullTextHits(path, "cobalt") == 0);
  CHECK(FullTextHits(path, "tantalum") == 1);
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK_NOTHROW(raw.exec("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"));
}

}  // namespace
}  // namespace ecwatch
