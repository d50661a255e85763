// Store::Open and the write path of SqliteStore (documents, fetches, state).
//
// Open prepares the file (parent directory, mode 0600), sets the connection
// PRAGMAs and migrates the schema (store/schema.cc). PutDocument writes a
// document with its near-duplicate link, matches, events and alert in one
// transaction. Reads are
// in store_queries.cc. Tested by tests/store/store_test.cc.
#include "store/store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

#include "base/json.h"
#include "base/limits.h"
#include "base/sha256.h"
#include "extract/simhash.h"
#include "store/alert_summary.h"
#include "store/schema.h"
#include "store/sqlite_store.h"

namespace ecwatch {

namespace {

// How long a writer waits for another connection's lock before SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 5000;

// Switches the database to WAL. On a new file this needs an exclusive lock,
// and SQLite answers SQLITE_BUSY at once, without its busy handler, while
// another connection holds the file (two processes opening one new
// database): retried every 10 ms for up to kBusyTimeoutMs. Other errors
// (a file that is no database) are thrown as they come.
void UseWal(SQLite::Database& db) {
  constexpr int kStepMs = 10;
  for (int waited = 0;; waited += kStepMs) {
    try {
      db.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() != SQLITE_BUSY || waited >= kBusyTimeoutMs) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kStepMs));
  }
}

bool IsPlainFile(const std::string& path) {
  return !path.empty() && path != ":memory:" && path.rfind("file:", 0) != 0;
}

// Creates the parent directory and, if missing, an empty file with mode
// 0600 (SQLite then keeps it, and gives -wal/-shm the same mode).
Status PrepareFile(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec)
      return Status::IoError(path + ": cannot create " + parent.string() + ": " + ec.message());
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return Status::Ok();
  }
  if (errno == EEXIST) return Status::Ok();
  return Status::IoError(Status::FromErrno(path, errno).message());
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  if (path.empty()) return Status::InvalidArgument("database path is empty");
  if (IsPlainFile(path)) {
    if (Status s = PrepareFile(path); !s.ok()) return s;
  }
  try {
    auto db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_URI, kBusyTimeoutMs);
    UseWal(*db);  // first read: fails here on a non-database file
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA foreign_keys = ON");
    store_internal::MigrateSchema(*db);
    return std::unique_ptr<Store>(new SqliteStore(path, std::move(db)));
  } catch (const std::exception& e) {
    return Status::IoError(path + ": " + e.what());
  }
}

Result<std::vector<AlertRow>> Store::ListRecentAlerts(int) {
  return Status::Unsupported("ListRecentAlerts: not implemented by this store");
}
Result<std::vector<SourceStatus>> Store::ListSourceStatus() {
  return Status::Unsupported("ListSourceStatus: not implemented by this store");
}
Result<std::vector<std::pair<std::string, int64_t>>> Store::RuleHitCounts() {
  return Status::Unsupported("RuleHitCounts: not implemented by this store");
}
Result<int> Store::SchemaVersion() {
  return Status::Unsupported("SchemaVersion: not implemented by this store");
}

Result<std::string> Store::IntegrityCheck() {
  return Status::Unsupported("IntegrityCheck: not implemented by this store");
}

Status SqliteStore::Error(const std::exception& e) const {
  return Status::IoError(path_ + ": " + e.what());
}

TextKeys TextKeysOf(std::string_view text) { return TextKeys{Sha256Hex(text), SimHash(text)}; }

Status Store::BeginBatch() { return Status::Ok(); }
Status Store::EndBatch(bool) { return Status::Ok(); }

Status SqliteStore::BeginBatch() {
  if (in_batch_) return Status::InvalidArgument(path_ + ": a batch is already open");
  try {
    db_->exec("BEGIN IMMEDIATE");
    in_batch_ = true;
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteStore::EndBatch(bool commit) {
  if (!in_batch_) return Status::Ok();
  in_batch_ = false;
  try {
    if (commit) {
      IndexPending();
      db_->exec("COMMIT");
    } else {
      fts_pending_from_ = 0;
      near_duplicates_.Reset();
      db_->exec("ROLLBACK");
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    fts_pending_from_ = 0;
    near_duplicates_.Reset();
    // A failed COMMIT leaves the transaction open: undo it, so the
    // connection is usable and the batch is lost as a whole.
    try {
      db_->exec("ROLLBACK");
    } catch (const std::exception&) {
      // none was open: the COMMIT itself ended it
    }
    return Error(e);
  }
}

Result<PutOutcome> SqliteStore::PutDocument(const Article& article, const Findings& findings,
                                            int64_t fetched_at, const TextKeys& keys) {
  try {
    if (in_batch_) {
      // A savepoint: a failure undoes this document only, the batch goes on.
      db_->exec("SAVEPOINT put_document");
      try {
        PutOutcome outcome = WriteDocument(article, findings, fetched_at, keys);
        db_->exec("RELEASE put_document");
        return outcome;
      } catch (const std::exception&) {
        near_duplicates_.Reset();
        db_->exec("ROLLBACK TO put_document");
        db_->exec("RELEASE put_document");
        throw;
      }
    }
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    PutOutcome outcome = WriteDocument(article, findings, fetched_at, keys);
    IndexPending();
    transaction.commit();
    return outcome;
  } catch (const std::exception& e) {
    if (!in_batch_) {  // the transaction was rolled back
      fts_pending_from_ = 0;
      near_duplicates_.Reset();
    }
    return Error(e);
  }
}

void SqliteStore::IndexPending() {
  if (fts_pending_from_ == 0) return;
  // Every row from fts_pending_from_ on was inserted by this transaction,
  // which holds the write lock.
  auto index = statements_.Get(
      "INSERT INTO documents_fts (rowid, title, text) "
      "SELECT id, title, text FROM documents WHERE id >= ?");
  index->bind(1, fts_pending_from_);
  index->exec();
  fts_pending_from_ = 0;
}

PutOutcome SqliteStore::WriteDocument(const Article& article, const Findings& findings,
                                      int64_t fetched_at, const TextKeys& keys) {
  {
    auto find = statements_.Get(
        "SELECT id, ifnull(duplicate_of, 0) FROM documents WHERE url = ? AND content_hash = ?");
    find->bind(1, article.url);
    find->bind(2, keys.content_hash);
    if (find->executeStep()) {
      return PutOutcome{find->getColumn(0).getInt64(), false, 0, find->getColumn(1).getInt64()};
    }
  }
  PutOutcome outcome;
  outcome.inserted = true;
  outcome.duplicate_of = near_duplicates_.Find(statements_, article.text, keys, fetched_at);
  outcome.document_id =
      InsertDocument(article, keys, findings.ruleset_version, fetched_at, outcome.duplicate_of);
  if (fts_pending_from_ == 0) fts_pending_from_ = outcome.document_id;
  InsertMatches(outcome.document_id, findings);
  InsertEvents(outcome.document_id, findings);
  if (findings.alert) {
    outcome.alert_id = InsertAlert(outcome.document_id, article, findings, fetched_at);
  }
  return outcome;
}

int64_t SqliteStore::InsertDocument(const Article& article, const TextKeys& keys,
                                    const std::string& ruleset_version, int64_t fetched_at,
                                    int64_t duplicate_of) {
  auto insert = statements_.Get(
      "INSERT INTO documents (url, canonical_url, title, published, author, site_name, language, "
      "text, content_hash, fetched_at, ruleset_version, simhash, duplicate_of) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, article.url);
  insert->bind(2, article.canonical_url);
  insert->bind(3, article.title);
  insert->bind(4, article.published);
  insert->bind(5, article.author);
  insert->bind(6, article.site_name);
  insert->bind(7, article.language);
  insert->bind(8, article.text);
  insert->bind(9, keys.content_hash);
  insert->bind(10, fetched_at);
  insert->bind(11, ruleset_version);
  insert->bind(12, static_cast<int64_t>(keys.simhash));  // SQLite integers are signed: same bits
  if (duplicate_of != 0) {
    insert->bind(13, duplicate_of);
  } else {
    insert->bind(13);  // NULL: not a near-duplicate
  }
  insert->exec();
  return db_->getLastInsertRowid();
}

void SqliteStore::InsertMatches(int64_t document_id, const Findings& findings) {
  auto insert = statements_.Get(
      "INSERT INTO matches (document_id, rule, category, text, value, start, "
      "\"end\", ruleset_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  std::size_t count = 0;
  for (const Match& m : findings.matches) {
    if (++count > limits::kMaxMatchesPerDocument) break;
    insert->bind(1, document_id);
    insert->bind(2, m.rule);
    insert->bind(3, m.category);
    insert->bind(4, m.text);
    insert->bind(5, m.value);
    insert->bind(6, static_cast<int64_t>(m.start));
    insert->bind(7, static_cast<int64_t>(m.end));
    insert->bind(8, findings.ruleset_version);
    insert->exec();
    insert->reset();
  }
}

void SqliteStore::InsertEvents(int64_t document_id, const Findings& findings) {
  auto insert = statements_.Get(
      "INSERT INTO events (document_id, actor, action, items, duration_days, "
      "duration_text, sentence, rule, ruleset_version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::size_t count = 0;
  for (const Event& e : findings.events) {
    if (++count > limits::kMaxEventsPerDocument) break;
    insert->bind(1, document_id);
    insert->bind(2, e.actor);
    insert->bind(3, e.action);
    insert->bind(4, Json(e.items).dump());
    if (e.duration_days.has_value()) {
      insert->bind(5, static_cast<int64_t>(*e.duration_days));
    } else {
      insert->bind(5);  // NULL: no duration stated
    }
    insert->bind(6, e.duration_text);
    insert->bind(7, e.sentence);
    insert->bind(8, e.rule);
    insert->bind(9, findings.ruleset_version);
    insert->exec();
    insert->reset();
  }
}

bool SqliteStore::HasAlertFor(const Article& article, const std::string& summary) {
  auto query = statements_.Get(
      "SELECT 1 FROM alerts a JOIN documents d ON d.id = a.document_id "
      "WHERE a.summary = ? AND (d.url = ? OR (d.canonical_url <> '' AND "
      "d.canonical_url = ?)) LIMIT 1");
  query->bind(1, summary);
  query->bind(2, article.url);
  query->bind(3, article.canonical_url);
  return query->executeStep();
}

int64_t SqliteStore::InsertAlert(int64_t document_id, const Article& article,
                                 const Findings& findings, int64_t created_at) {
  const std::string summary = AlertSummary(article, findings);
  if (HasAlertFor(article, summary)) return 0;  // an edit of an article already alerted on
  auto insert = statements_.Get(
      "INSERT OR IGNORE INTO alerts (document_id, summary, created_at) "
      "VALUES (?, ?, ?)");
  insert->bind(1, document_id);
  insert->bind(2, summary);
  insert->bind(3, created_at);
  return insert->exec() == 1 ? db_->getLastInsertRowid() : 0;
}

Result<bool> SqliteStore::HasUrl(const std::string& url) {
  try {
    auto query =
        statements_.Get("SELECT 1 FROM documents WHERE url = ? OR canonical_url = ? LIMIT 1");
    query->bind(1, url);
    query->bind(2, url);
    return query->executeStep();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteStore::RecordFetch(const FetchRecord& record) {
  try {
    auto insert = statements_.Get(
        "INSERT INTO fetches (url, source, http_status, error, fetched_at) "
        "VALUES (?, ?, ?, ?, ?)");
    insert->bind(1, record.url);
    insert->bind(2, record.source);
    insert->bind(3, static_cast<int64_t>(record.http_status));
    insert->bind(4, record.error);
    insert->bind(5, record.fetched_at);
    insert->exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<SourceState> SqliteStore::GetSourceState(const std::string& name) {
  try {
    auto query = statements_.Get(
        "SELECT etag, last_modified, last_fetch, last_success, last_error "
        "FROM source_state WHERE name = ?");
    query->bind(1, name);
    SourceState state;
    state.name = name;
    if (!query->executeStep()) return state;
    state.etag = query->getColumn(0).getString();
    state.last_modified = query->getColumn(1).getString();
    state.last_fetch = query->getColumn(2).getInt64();
    state.last_success = query->getColumn(3).getInt64();
    state.last_error = query->getColumn(4).getString();
    return state;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteStore::PutSourceState(const SourceState& state) {
  try {
    auto upsert = statements_.Get(
        "INSERT INTO source_state (name, etag, last_modified, last_fetch, last_success, "
        "last_error) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
        "etag = excluded.etag, last_modified = excluded.last_modified, "
        "last_fetch = excluded.last_fetch, last_success = excluded.last_success, "
        "last_error = excluded.last_error");
    upsert->bind(1, state.name);
    upsert->bind(2, state.etag);
    upsert->bind(3, state.last_modified);
    upsert->bind(4, state.last_fetch);
    upsert->bind(5, state.last_success);
    upsert->bind(6, state.last_error);
    upsert->exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

}  // namespace ecwatch
