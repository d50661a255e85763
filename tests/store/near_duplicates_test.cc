// Tests for store/near_duplicates.h used directly: the comparisons it
// remembers (kMaxNearDuplicatePairsCached) and that a remembered outcome is
// the one a fresh comparison gives. PutDocument's linking is pinned by
// store_near_duplicate_test.cc.
#include "store/near_duplicates.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <string>

#include "base/limits.h"
#include "extract/simhash.h"
#include "store/schema.h"
#include "store/statement_cache.h"
#include "store/store.h"

namespace ecwatch::store_internal {
namespace {

// n words of one invented vocabulary, distinct per seed.
std::string Words(int seed, int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "w" + std::to_string(seed) + "x" + std::to_string(i) + " ";
  return text;
}

struct Db {
  SQLite::Database db{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
  StatementCache statements{&db};
  Db() { MigrateSchema(db); }

  // A stored document with `text` whose SimHash is stored as `simhash`.
  void Add(const std::string& text, uint64_t simhash) {
    SQLite::Statement insert(db,
                             "INSERT INTO documents (url, text, content_hash, fetched_at, simhash) "
                             "VALUES (?, ?, ?, 100, ?)");
    const TextKeys keys = TextKeysOf(text);
    insert.bind(1, "https://example.test/" + keys.content_hash);
    insert.bind(2, text);
    insert.bind(3, keys.content_hash);
    insert.bind(4, static_cast<int64_t>(simhash));
    insert.exec();
  }
};

TEST_CASE("NearDuplicateFinder remembers at most max_pairs comparisons (kMaxNearDuplicatePairsCached)",
          "[store][neardup][limits]") {
  const std::string text = Words(0, 80);
  const TextKeys keys = TextKeysOf(text);
  REQUIRE(keys.simhash != 0);
  Db d;
  // Three unrelated texts that SimHash proposes (same fingerprint stored).
  for (int seed = 1; seed <= 3; ++seed) d.Add(Words(seed, 80), keys.simhash);

  NearDuplicateFinder capped(/*max_pairs=*/2);
  CHECK(capped.Find(d.statements, text, keys, 200) == 0);
  CHECK(capped.cached_pairs() <= 2);
  CHECK(capped.cached_pairs() >= 1);

  NearDuplicateFinder finder;
  CHECK(finder.Find(d.statements, text, keys, 200) == 0);
  CHECK(finder.cached_pairs() == 3);
  CHECK(finder.Find(d.statements, text, keys, 200) == 0);  // from memory
  CHECK(finder.cached_pairs() == 3);
  CHECK(limits::kMaxNearDuplicatePairsCached >= 3);
}

TEST_CASE("NearDuplicateFinder gives a remembered comparison's outcome again", "[store][neardup]") {
  const std::string first = Words(7, 80);
  const std::string copy = "Home News " + Words(7, 80) + "Related stories";
  const TextKeys keys = TextKeysOf(copy);
  REQUIRE(SimHashClose(SimHash(first), keys.simhash));
  Db d;
  d.Add(Words(8, 80), keys.simhash);  // proposed, not confirmed
  d.Add(first, SimHash(first));       // id 2: confirmed by its text
  NearDuplicateFinder uncached(/*max_pairs=*/0);
  CHECK(uncached.Find(d.statements, copy, keys, 200) == 2);
  CHECK(uncached.cached_pairs() == 0);
  NearDuplicateFinder finder;
  CHECK(finder.Find(d.statements, copy, keys, 200) == 2);
  CHECK(finder.cached_pairs() == 2);
  CHECK(finder.Find(d.statements, copy, keys, 200) == 2);  // both outcomes from memory
  CHECK(finder.cached_pairs() == 2);
  // The same text is confirmed by its hash, never cached.
  const TextKeys first_keys = TextKeysOf(first);
  CHECK(finder.Find(d.statements, first, first_keys, 200) == 2);
}

}  // namespace
}  // namespace ecwatch::store_internal
