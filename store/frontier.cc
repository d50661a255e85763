// Frontier over SQLite: the `frontier` table, one (cached) statement per call.
//
// Tested by tests/store/frontier_test.cc.
#include "store/frontier.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "base/json.h"
#include "base/limits.h"
#include "store/sqlite_store.h"
#include "store/statement_cache.h"

namespace ecwatch {

namespace {

class SqliteFrontier final : public Frontier {
 public:
  SqliteFrontier(std::string path, SQLite::Database* db)
      : path_(std::move(path)), statements_(db) {}

  Result<bool> Add(const std::string& url, const std::string& source, int64_t due_at) override {
    try {
      auto q = statements_.Get(
          "INSERT OR IGNORE INTO frontier (url, source, next_at, added_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?)");
      q->bind(1, url);
      q->bind(2, source);
      q->bind(3, static_cast<int64_t>(due_at));
      q->bind(4, static_cast<int64_t>(due_at));
      q->bind(5, static_cast<int64_t>(due_at));
      return q->exec() > 0;
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Result<std::vector<FrontierEntry>> Due(int64_t now, int limit) override {
    try {
      const int64_t n =
          std::clamp<int64_t>(limit, 0, static_cast<int64_t>(limits::kMaxFrontierBatch));
      auto q = statements_.Get(
          "SELECT url, source, attempts, next_at FROM frontier "
          "WHERE state = 'due' AND next_at <= ? ORDER BY next_at, rowid LIMIT ?");
      q->bind(1, static_cast<int64_t>(now));
      q->bind(2, n);
      std::vector<FrontierEntry> out;
      while (q->executeStep()) {
        out.push_back(FrontierEntry{q->getColumn(0).getString(), q->getColumn(1).getString(),
                                    q->getColumn(2).getInt(), q->getColumn(3).getInt64()});
      }
      return out;
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Result<std::optional<int64_t>> NextDue() override {
    try {
      auto q = statements_.Get("SELECT min(next_at) FROM frontier WHERE state = 'due'");
      q->executeStep();
      if (q->getColumn(0).isNull()) return std::optional<int64_t>();
      return std::optional<int64_t>(q->getColumn(0).getInt64());
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Status MarkDone(const std::string& url, int attempts, long http_status, int64_t now) override {
    return Update(url, "done", attempts, http_status, "", now, now);
  }

  Status MarkRetry(const std::string& url, int attempts, long http_status, const std::string& error,
                   int64_t next_at, int64_t now) override {
    return Update(url, "due", attempts, http_status, error, next_at, now);
  }

  Status MarkFailed(const std::string& url, int attempts, long http_status,
                    const std::string& error, int64_t now) override {
    return Update(url, "failed", attempts, http_status, error, now, now);
  }

  Result<std::optional<FrontierRow>> Find(const std::string& url) override {
    try {
      auto q = statements_.Get(
          "SELECT url, source, attempts, next_at, state, last_status, last_error "
          "FROM frontier WHERE url = ?");
      q->bind(1, url);
      if (!q->executeStep()) return std::optional<FrontierRow>();
      FrontierRow row{FrontierEntry{q->getColumn(0).getString(), q->getColumn(1).getString(),
                                    q->getColumn(2).getInt(), q->getColumn(3).getInt64()},
                      q->getColumn(4).getString(), static_cast<long>(q->getColumn(5).getInt64()),
                      q->getColumn(6).getString()};
      return std::optional<FrontierRow>(std::move(row));
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Result<FrontierCounts> Counts(const std::string& source) override {
    try {
      auto q = statements_.Get(
          "SELECT state, count(*) FROM frontier WHERE ? = '' OR source = ? "
          "GROUP BY state");
      q->bind(1, source);
      q->bind(2, source);
      FrontierCounts counts;
      while (q->executeStep()) {
        const std::string state = q->getColumn(0).getString();
        const int64_t n = q->getColumn(1).getInt64();
        if (state == "due") counts.due = n;
        if (state == "done") counts.done = n;
        if (state == "failed") counts.failed = n;
      }
      return counts;
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Status PutRobots(const std::string& origin, const Robots& robots) override {
    try {
      auto q = statements_.Get(
          "INSERT OR REPLACE INTO robots (origin, http_status, fetched_ok, body, "
          "fetched_at) VALUES (?, ?, ?, ?, ?)");
      q->bind(1, origin);
      q->bind(2, static_cast<int64_t>(robots.http_status));
      q->bind(3, robots.fetched_ok ? 1 : 0);
      q->bind(4, robots.body.substr(0, limits::kMaxRobotsBytes));
      q->bind(5, static_cast<int64_t>(robots.fetched_at));
      q->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Result<std::map<std::string, std::string>> ChildSitemaps(const std::string& source) override {
    try {
      auto q = statements_.Get("SELECT url, lastmod FROM sitemap_children WHERE source = ?");
      q->bind(1, source);
      std::map<std::string, std::string> children;
      while (q->executeStep()) children[q->getColumn(0).getString()] = q->getColumn(1).getString();
      return children;
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Status PutChildSitemap(const std::string& source, const std::string& url,
                         const std::string& lastmod, int64_t now) override {
    try {
      auto q = statements_.Get(
          "INSERT OR REPLACE INTO sitemap_children (source, url, lastmod, fetched_at) "
          "VALUES (?, ?, ?, ?)");
      q->bind(1, source);
      q->bind(2, url);
      q->bind(3, lastmod);
      q->bind(4, static_cast<int64_t>(now));
      q->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Status KeepChildSitemaps(const std::string& source,
                           const std::vector<std::string>& listed) override {
    try {
      auto q = statements_.Get(
          "DELETE FROM sitemap_children WHERE source = ? "
          "AND url NOT IN (SELECT value FROM json_each(?))");
      q->bind(1, source);
      q->bind(2, Json(listed).dump());
      q->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Result<std::optional<Robots>> GetRobots(const std::string& origin) override {
    try {
      auto q = statements_.Get(
          "SELECT http_status, fetched_ok, body, fetched_at FROM robots "
          "WHERE origin = ?");
      q->bind(1, origin);
      if (!q->executeStep()) return std::optional<Robots>();
      Robots robots{static_cast<long>(q->getColumn(0).getInt64()), q->getColumn(1).getInt() != 0,
                    q->getColumn(2).getString(), q->getColumn(3).getInt64()};
      return std::optional<Robots>(std::move(robots));
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

 private:
  Status Update(const std::string& url, const char* state, int attempts, long http_status,
                const std::string& error, int64_t next_at, int64_t now) {
    try {
      auto q = statements_.Get(
          "UPDATE frontier SET state = ?, attempts = ?, last_status = ?, "
          "last_error = ?, next_at = ?, updated_at = ? WHERE url = ?");
      q->bind(1, state);
      q->bind(2, attempts);
      q->bind(3, static_cast<int64_t>(http_status));
      q->bind(4, error);
      q->bind(5, static_cast<int64_t>(next_at));
      q->bind(6, static_cast<int64_t>(now));
      q->bind(7, url);
      q->exec();
      return Status::Ok();
    } catch (const std::exception& e) {
      return Error(e);
    }
  }

  Status Error(const std::exception& e) const { return Status::IoError(path_ + ": " + e.what()); }

  std::string path_;
  store_internal::StatementCache statements_;
};

}  // namespace

Result<std::unique_ptr<Frontier>> Frontier::ForStore(Store* store) {
  auto* sqlite = dynamic_cast<SqliteStore*>(store);
  if (sqlite == nullptr) return Status::Unsupported("the frontier needs the SQLite store");
  return std::unique_ptr<Frontier>(new SqliteFrontier(sqlite->path(), &sqlite->database()));
}

}  // namespace ecwatch
