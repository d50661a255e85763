// Store: the SQLite database of documents, fetches, matches, events, alerts.
//
// Only store/ sees SQLiteCpp; its exceptions are caught here and returned as
// Status. The schema is versioned by PRAGMA user_version and migrated on Open
// inside one transaction (see store/schema.cc and store/SCHEMA.md).
// A Store is not thread-safe: use one per thread (SQLite WAL lets several
// processes and connections share one file).
#ifndef ECWATCH_STORE_STORE_H_
#define ECWATCH_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "extract/article.h"
#include "rules/findings.h"

namespace ecwatch {

// One fetch attempt, successful or not.
struct FetchRecord {
  std::string url;
  std::string source;     // config source name, "" for manual ingestion
  long http_status = 0;   // 0 when no HTTP response (file://, DNS failure, ...)
  std::string error;      // "" on success
  int64_t fetched_at = 0; // Unix seconds
};

struct PutOutcome {
  int64_t document_id = 0;
  bool inserted = false;     // false: same URL and content already stored, nothing added
  int64_t alert_id = 0;      // 0 when no alert was raised (or it already existed)
};

struct AlertRow {
  int64_t id = 0;
  int64_t document_id = 0;
  std::string url;
  std::string title;
  std::string summary;       // one line: "China suspends export controls on rare earths ... (365 days)"
  int64_t created_at = 0;
};

// Conditional-GET validators and bookkeeping per configured source.
struct SourceState {
  std::string name;
  std::string etag;
  std::string last_modified;
  int64_t last_fetch = 0;    // Unix seconds of the last attempt, 0 never
  int64_t last_success = 0;
  std::string last_error;
};

struct StoredDocument {
  int64_t id = 0;
  Article article;
  int64_t fetched_at = 0;
};

class Store {
 public:
  // Opens or creates the database at path (":memory:" for tests), sets WAL,
  // busy_timeout, foreign_keys, and migrates the schema. Creates the parent
  // directory if missing. IoError "PATH: cause" when unreadable/not a database.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  virtual ~Store() = default;

  // Stores an article with its findings in one transaction. Same url and
  // same content hash (SHA-256 of text) as a stored document: nothing is
  // added, returns that id with inserted=false. An alert row is added when
  // findings.alert is true.
  virtual Result<PutOutcome> PutDocument(const Article& article, const Findings& findings,
                                         int64_t fetched_at) = 0;

  // True when a document with this URL (or canonical URL) is stored.
  virtual Result<bool> HasUrl(const std::string& url) = 0;

  virtual Status RecordFetch(const FetchRecord& record) = 0;

  virtual Result<SourceState> GetSourceState(const std::string& name) = 0;  // empty state if unknown
  virtual Status PutSourceState(const SourceState& state) = 0;

  // Alerts with id > after_id, oldest first, at most limit.
  virtual Result<std::vector<AlertRow>> ListAlerts(int64_t after_id, int limit) = 0;

  // Calls fn for each stored document fetched at or after since (Unix
  // seconds), in id order, until fn returns false. For rules backtest.
  virtual Status ForEachDocument(int64_t since,
                                 const std::function<bool(const StoredDocument&)>& fn) = 0;

  // Counters for status and tests: table name -> rows.
  virtual Result<int64_t> CountRows(const std::string& table) = 0;
};

}  // namespace ecwatch

#endif  // ECWATCH_STORE_STORE_H_
