// SqliteStore: the Store of store/store.h over SQLiteCpp (internal to store/).
//
// Split in two files: store.cc (open, writes) and store_queries.cc (reads).
// Every public method catches SQLiteCpp's exceptions and returns IoError
// "PATH: cause". Not thread-safe: one per thread (as the Store contract).
#ifndef ECWATCH_STORE_SQLITE_STORE_H_
#define ECWATCH_STORE_SQLITE_STORE_H_

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/near_duplicates.h"
#include "store/statement_cache.h"
#include "store/store.h"

namespace ecwatch {

class SqliteStore final : public Store {
 public:
  // Takes an open, migrated database; path names it in error messages.
  SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db)
      : path_(std::move(path)), db_(std::move(db)), statements_(db_.get()) {}

  using Store::PutDocument;
  Result<PutOutcome> PutDocument(const Article& article, const Findings& findings,
                                 int64_t fetched_at, const TextKeys& keys) override;
  Status BeginBatch() override;
  Status EndBatch(bool commit) override;
  Result<bool> HasUrl(const std::string& url) override;
  Status RecordFetch(const FetchRecord& record) override;
  Result<SourceState> GetSourceState(const std::string& name) override;
  Status PutSourceState(const SourceState& state) override;
  Result<std::vector<AlertRow>> ListAlerts(int64_t after_id, int limit) override;
  Status ForEachDocument(int64_t since,
                         const std::function<bool(const StoredDocument&)>& fn) override;
  Result<int64_t> CountRows(const std::string& table) override;
  Result<std::vector<AlertRow>> ListRecentAlerts(int limit) override;
  Result<std::vector<SourceStatus>> ListSourceStatus() override;
  Result<std::vector<std::pair<std::string, int64_t>>> RuleHitCounts() override;
  Result<int> SchemaVersion() override;
  Result<std::string> IntegrityCheck() override;

  // The connection, for AlertStore::ForStore (store/alert_store.cc), which
  // borrows it; and the path naming it in messages.
  SQLite::Database& database() { return *db_; }
  const std::string& path() const { return path_; }

 private:
  // IoError "PATH: what".
  Status Error(const std::exception& e) const;
  // PutDocument's writes, within its transaction or savepoint; they throw on
  // SQL errors. duplicate_of 0 is stored as NULL.
  PutOutcome WriteDocument(const Article& article, const Findings& findings, int64_t fetched_at,
                           const TextKeys& keys);
  int64_t InsertDocument(const Article& article, const TextKeys& keys,
                         const std::string& ruleset_version, int64_t fetched_at,
                         int64_t duplicate_of);
  // Adds the documents inserted since the last call to documents_fts, in
  // one statement, just before their transaction commits. FTS5 writes its
  // pending terms out as a new index segment at every savepoint, and every
  // statement that may abort opens one: a row trigger cost a segment (and
  // its merges) per document, a batch now costs one.
  void IndexPending();
  void InsertMatches(int64_t document_id, const Findings& findings);
  void InsertEvents(int64_t document_id, const Findings& findings);
  // True when an alert with this summary exists for a document at the same
  // URL (or canonical URL): a re-extracted or edited article.
  bool HasAlertFor(const Article& article, const std::string& summary);
  int64_t InsertAlert(int64_t document_id, const Article& article, const Findings& findings,
                      int64_t created_at);
  SourceStatus ReadSourceStatus(const std::string& name);

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  store_internal::StatementCache statements_;  // after db_: finalized first
  store_internal::NearDuplicateFinder near_duplicates_;
  bool in_batch_ = false;
  int64_t fts_pending_from_ = 0;  // first document id not yet in documents_fts, 0 none
};

}  // namespace ecwatch

#endif  // ECWATCH_STORE_SQLITE_STORE_H_
