// Pins PutDocument's near-duplicate link (store/store.h): documents.simhash
// stored, duplicate_of set to the cluster's first document within the window,
// unrelated and too-short texts left alone.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <catch2/catch.hpp>
#include <string>

#include "base/limits.h"
#include "extract/simhash.h"
#include "store/store.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

// An invented wire story, written for this test.
constexpr const char* kStory =
    "The commerce ministry said on Tuesday it would add dysprosium and terbium processing "
    "equipment to its export control list from next month, citing national security.\n\n"
    "Exporters will need a licence for each shipment of the listed furnaces and separation "
    "columns, and applications will be reviewed within forty-five working days, the notice said.\n\n"
    "The ministry said the measure was not aimed at any country and that compliant trade would "
    "continue, while foreign buyers said the review period could delay projects by months.\n\n"
    "Industry groups in Japan and Germany said they were studying the notice and would ask "
    "their governments to seek clarification on which machines are covered.";

constexpr const char* kUnrelated =
    "Copper prices climbed to a two-month high on Wednesday as warehouse stocks in Shanghai fell "
    "for a fourth week and a strike at a Chilean mine entered its second day.\n\n"
    "Traders said demand from grid operators remained firm, while a weaker dollar made metals "
    "priced in the currency cheaper for holders of other currencies.\n\n"
    "Aluminium also rose, but nickel slipped after Indonesia said it would raise mining quotas "
    "for next year, analysts at a London brokerage wrote in a note to clients.";

// The three copies of kStory three sites serve: their own navigation, footer
// and related links, and one site trims a clause of the first sentence.
std::string SiteA() { return "Home | Markets | Commodities\n\n" + std::string(kStory); }
std::string SiteB() {
  return std::string(kStory) +
         "\n\nRelated: Lithium prices slide\n\nRelated: Port strike ends\n\n(c) 2026 Site B";
}
std::string SiteC() {
  std::string text = kStory;
  const std::string clause = ", citing national security";
  text.erase(text.find(clause), clause.size());
  return "Latest news\n\n" + text + "\n\nShare this article: Facebook Twitter Email";
}

Article MakeArticle(const std::string& url, const std::string& text) {
  Article a;
  a.url = url;
  a.title = "Ministry adds rare-earth equipment to export control list";
  a.text = text;
  return a;
}

struct Fixture {
  std::string path = testing::MakeTempDir("store-neardup") + "/ecwatch.db";
  std::unique_ptr<Store> store = std::move(Store::Open(path)).value();

  PutOutcome Put(const std::string& url, const std::string& text, int64_t fetched_at) {
    Result<PutOutcome> put = store->PutDocument(MakeArticle(url, text), Findings{}, fetched_at);
    INFO(put.status().ToString());
    REQUIRE(put.ok());
    return put.value();
  }

  // Adds n unrelated documents fetched at fetched_at straight into the
  // table (one transaction), with the given SimHash.
  void AddFillers(int n, uint64_t simhash, int64_t fetched_at) {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(raw);
    SQLite::Statement insert(raw,
                             "INSERT INTO documents (url, text, content_hash, fetched_at, simhash) "
                             "VALUES (?, 'filler', ?, ?, ?)");
    for (int i = 0; i < n; ++i) {
      insert.reset();
      insert.bind(1, "https://filler.test/" + std::to_string(i));
      insert.bind(2, std::to_string(i));
      insert.bind(3, fetched_at);
      insert.bind(4, static_cast<int64_t>(simhash));
      insert.exec();
    }
    transaction.commit();
  }

  // documents.duplicate_of of id, 0 for NULL; simhash into *simhash.
  int64_t StoredDuplicateOf(int64_t id, uint64_t* simhash = nullptr) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, "SELECT simhash, ifnull(duplicate_of, 0) FROM documents WHERE id = ?");
    q.bind(1, id);
    REQUIRE(q.executeStep());
    if (simhash != nullptr) *simhash = static_cast<uint64_t>(q.getColumn(0).getInt64());
    return q.getColumn(1).getInt64();
  }
};

constexpr int64_t kDay = 86400;

TEST_CASE("PutDocument links copies of one article with different boilerplate to the first",
          "[store][neardup]") {
  Fixture f;
  const PutOutcome a = f.Put("https://a.test/story", SiteA(), 1000);
  const PutOutcome b = f.Put("https://b.test/news/1", SiteB(), 1100);
  const PutOutcome c = f.Put("https://c.test/x?id=9", SiteC(), 1200);
  const PutOutcome other = f.Put("https://a.test/copper", kUnrelated, 1300);
  CHECK(a.duplicate_of == 0);
  CHECK(b.duplicate_of == a.document_id);
  CHECK(c.duplicate_of == a.document_id);
  CHECK(other.duplicate_of == 0);
  uint64_t simhash = 0;
  CHECK(f.StoredDuplicateOf(a.document_id, &simhash) == 0);
  CHECK(simhash == SimHash(SiteA()));
  CHECK(f.StoredDuplicateOf(b.document_id) == a.document_id);
  CHECK(f.StoredDuplicateOf(c.document_id) == a.document_id);
  CHECK(f.StoredDuplicateOf(other.document_id, &simhash) == 0);
  CHECK(simhash != 0);
}

TEST_CASE("PutDocument of an already stored URL and text returns its duplicate_of",
          "[store][neardup]") {
  Fixture f;
  const PutOutcome a = f.Put("https://a.test/story", SiteA(), 1000);
  const PutOutcome b = f.Put("https://b.test/story", SiteB(), 1100);
  const PutOutcome again = f.Put("https://b.test/story", SiteB(), 1200);
  CHECK_FALSE(again.inserted);
  CHECK(again.document_id == b.document_id);
  CHECK(again.duplicate_of == a.document_id);
}

TEST_CASE("PutDocument compares only documents within kNearDuplicateWindowSeconds",
          "[store][neardup][limits]") {
  Fixture f;
  const int64_t window = limits::kNearDuplicateWindowSeconds;
  f.Put("https://a.test/story", SiteA(), 0);
  CHECK(f.Put("https://b.test/story", SiteB(), window + 1).duplicate_of == 0);
}

TEST_CASE("PutDocument compares only the newest kMaxNearDuplicateCandidates documents",
          "[store][neardup][limits]") {
  const uint64_t far = ~SimHash(SiteA());  // 64 bits from the copies: never a candidate
  Fixture within;
  const PutOutcome first = within.Put("https://a.test/story", SiteA(), 1000);
  within.AddFillers(limits::kMaxNearDuplicateCandidates - 1, far, 1001);
  CHECK(within.Put("https://b.test/story", SiteB(), 2000).duplicate_of == first.document_id);
  Fixture beyond;
  beyond.Put("https://a.test/story", SiteA(), 1000);
  beyond.AddFillers(limits::kMaxNearDuplicateCandidates, far, 1001);
  CHECK(beyond.Put("https://b.test/story", SiteB(), 2000).duplicate_of == 0);
}

TEST_CASE("PutDocument points a copy at its cluster's first document, even out of the window",
          "[store][neardup]") {
  Fixture f;
  const int64_t window = limits::kNearDuplicateWindowSeconds;
  const PutOutcome first = f.Put("https://a.test/story", SiteA(), 0);
  const PutOutcome second = f.Put("https://c.test/story", SiteC(), 2 * kDay);
  REQUIRE(second.duplicate_of == first.document_id);
  // Only the second copy is within reach of the third: it joins the first.
  const PutOutcome third = f.Put("https://d.test/story", kStory, 2 * kDay + window);
  CHECK(third.duplicate_of == first.document_id);
}

TEST_CASE("PutDocument leaves texts too short to fingerprint unlinked", "[store][neardup]") {
  Fixture f;
  const PutOutcome a = f.Put("https://a.test/brief", "China adds equipment to export list.", 1);
  const PutOutcome b = f.Put("https://b.test/brief", "China adds equipment to export list.", 2);
  CHECK(b.duplicate_of == 0);
  uint64_t simhash = 1;
  CHECK(f.StoredDuplicateOf(a.document_id, &simhash) == 0);
  CHECK(simhash == 0);
}

}  // namespace
}  // namespace ecwatch
