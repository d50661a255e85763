// Pins StatementCache: one prepared statement per SQL text, ready to bind on
// every use, and no read snapshot or bound value left behind by a use.
#include "store/statement_cache.h"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/test_support.h"

namespace ecwatch::store_internal {
namespace {

int64_t CountRows(StatementCache& cache) {
  auto count = cache.Get("SELECT count(*) FROM t");
  count->executeStep();
  return count->getColumn(0).getInt64();
}

TEST_CASE("A cached statement is prepared once and reused with fresh bindings",
          "[store][statement_cache]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE t (v TEXT)");
  StatementCache cache(&db);
  const std::string insert = "INSERT INTO t (v) VALUES (?)";
  SQLite::Statement* first = nullptr;
  {
    auto q = cache.Get(insert);
    first = &*q;
    q->bind(1, "a");
    q->exec();
  }
  {
    auto q = cache.Get(insert);
    CHECK(&*q == first);
    q->exec();  // bindings were cleared: inserts NULL, not "a" again
  }
  auto nulls = cache.Get("SELECT count(*) FROM t WHERE v IS NULL");
  REQUIRE(nulls->executeStep());
  CHECK(nulls->getColumn(0).getInt64() == 1);
}

TEST_CASE("A cached SELECT keeps no read snapshot open between uses",
          "[store][statement_cache]") {
  const std::string path = testing::MakeTempDir("statement-cache") + "/snapshot.db";
  SQLite::Database reader(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  reader.exec("PRAGMA journal_mode = WAL");
  reader.exec("CREATE TABLE t (v INTEGER)");
  reader.exec("INSERT INTO t VALUES (1), (2)");
  StatementCache cache(&reader);
  {
    auto first_row = cache.Get("SELECT v FROM t ORDER BY v");
    REQUIRE(first_row->executeStep());  // one row read, the statement not finished
  }
  SQLite::Database writer(path, SQLite::OPEN_READWRITE);
  writer.exec("INSERT INTO t VALUES (3)");
  // Had the SELECT stayed active, this connection would still read the old
  // snapshot (2 rows).
  CHECK(CountRows(cache) == 3);
}

TEST_CASE("A statement that failed is usable again on its next use", "[store][statement_cache]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE t (v INTEGER UNIQUE)");
  StatementCache cache(&db);
  const std::string insert = "INSERT INTO t (v) VALUES (?)";
  {
    auto q = cache.Get(insert);
    q->bind(1, 1);
    q->exec();
  }
  {
    auto q = cache.Get(insert);
    q->bind(1, 1);
    CHECK_THROWS(q->exec());  // UNIQUE violated
  }
  {
    auto q = cache.Get(insert);
    q->bind(1, 2);
    CHECK(q->exec() == 1);
  }
  CHECK(CountRows(cache) == 2);
}

TEST_CASE("An SQL text that does not compile throws at Get", "[store][statement_cache]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  StatementCache cache(&db);
  CHECK_THROWS(cache.Get("SELECT FROM nowhere"));
}

}  // namespace
}  // namespace ecwatch::store_internal
