// StatementCache: the prepared statements of one SQLite connection, kept per
// SQL text so that the crawl's hot writes are compiled once, not per call
// (internal to store/). Preparing an INSERT into `documents` also compiles
// its full-text-index trigger: that was about a sixth of the crawl thread's
// time per page.
//
// Not thread-safe (as the connection it borrows).
#ifndef ECWATCH_STORE_STATEMENT_CACHE_H_
#define ECWATCH_STORE_STATEMENT_CACHE_H_

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace ecwatch::store_internal {

class StatementCache {
 public:
  // One use of a cached statement. When it ends (normally or by an
  // exception) the statement is reset and its bindings cleared, so that no
  // read snapshot stays open and no bound text stays copied between calls.
  class Use {
   public:
    explicit Use(SQLite::Statement* statement) : statement_(statement) {}
    ~Use();
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    SQLite::Statement& operator*() const { return *statement_; }
    SQLite::Statement* operator->() const { return statement_; }

   private:
    SQLite::Statement* statement_;
  };

  // Borrows db, which must outlive the cache.
  explicit StatementCache(SQLite::Database* db) : db_(*db) {}

  // The statement for sql, prepared on first use (throws SQLite::Exception
  // when it does not compile), ready to bind. One Use of a given sql at a
  // time.
  Use Get(const std::string& sql);

 private:
  SQLite::Database& db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace ecwatch::store_internal

#endif  // ECWATCH_STORE_STATEMENT_CACHE_H_
