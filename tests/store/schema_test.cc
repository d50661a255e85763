// Pins schema versioning: migration of an empty file, idempotent reopen,
// refusal of a newer schema, and the connection PRAGMAs.
#include "store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include "store/store.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

int Pragma(SQLite::Database& db, const char* name) {
  SQLite::Statement q(db, std::string("PRAGMA ") + name);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getInt();
}

TEST_CASE("Open migrates an empty file to the latest user_version", "[store][schema]") {
  const std::string path = testing::MakeTempDir("schema-empty") + "/empty.db";
  { SQLite::Database create(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); }
  {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    REQUIRE(Pragma(raw, "user_version") == 0);
  }
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  REQUIRE(store.ok());
  CHECK(store.value()->SchemaVersion().value() == store_internal::LatestSchemaVersion());
  store.value().reset();
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(Pragma(raw, "user_version") == store_internal::LatestSchemaVersion());
  SQLite::Statement mode(raw, "PRAGMA journal_mode");
  REQUIRE(mode.executeStep());
  CHECK(mode.getColumn(0).getString() == "wal");
}

TEST_CASE("MigrateSchema is idempotent on a migrated database", "[store][schema]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  store_internal::MigrateSchema(db);
  store_internal::MigrateSchema(db);  // would fail on CREATE TABLE if re-applied
  CHECK(Pragma(db, "user_version") == store_internal::LatestSchemaVersion());
}

TEST_CASE("Open refuses a database from a newer binary", "[store][schema]") {
  const std::string path = testing::MakeTempDir("schema-newer") + "/newer.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 999");
  }
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Status::Code::kIoError);
  CHECK(store.status().message().find("newer than this binary") != std::string::npos);
}

TEST_CASE("The schema declares matches.document_id a foreign key of documents", "[store][schema]") {
  const std::string path = testing::MakeTempDir("schema-fk") + "/fk.db";
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  REQUIRE(store.ok());
  // Through the public API a match always has its document; check the
  // declared constraint itself on a raw connection with foreign_keys on.
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  raw.exec("PRAGMA foreign_keys = ON");
  CHECK_THROWS(
      raw.exec("INSERT INTO matches (document_id, rule, category, text, value, start, "
               "\"end\") VALUES (12345, 'r', 'c', 't', 'v', 0, 1)"));
}

}  // namespace
}  // namespace ecwatch
