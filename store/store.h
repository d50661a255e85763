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
#include <string_view>
#include <utility>
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
  int64_t duplicate_of = 0;  // the first document of its near-duplicate cluster, 0 none
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

// What `ecwatch status` shows per source, derived from the fetches table
// (fetches are recorded with a source name) and the documents/alerts whose
// URL such a fetch named.
struct SourceStatus {
  std::string name;
  int64_t fetches = 0;       // attempts recorded
  int64_t errors = 0;        // attempts with an error
  int64_t last_fetch = 0;    // Unix seconds, 0 never
  int64_t last_success = 0;  // 0 never
  int64_t last_error_at = 0; // 0 never
  std::string last_error;    // message of the latest failed attempt, "" none
  int64_t documents = 0;     // distinct stored documents fetched for this source
  int64_t alerts = 0;        // alerts raised on those documents
};

// What PutDocument derives from an article's text before it writes. It needs
// no database, so a caller with threads to spare computes it beside the
// extraction (TextKeysOf is thread-safe) and hands it to PutDocument.
struct TextKeys {
  std::string content_hash;  // SHA-256 of the text, lower-case hex
  uint64_t simhash = 0;      // SimHash(text) of extract/simhash.h
};
TextKeys TextKeysOf(std::string_view text);

struct StoredDocument {
  int64_t id = 0;
  Article article;
  int64_t fetched_at = 0;
};

class Store {
 public:
  // Opens or creates the database at path (":memory:" for tests), sets WAL,
  // busy_timeout, foreign_keys, and migrates the schema. Creates the parent
  // directory if missing; a new file gets mode 0600. IoError "PATH: cause"
  // when unreadable, not a database, or of a newer schema; InvalidArgument
  // for an empty path.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  virtual ~Store() = default;

  // Stores an article with its findings in one transaction. Same url and
  // same content hash (SHA-256 of text) as a stored document: nothing is
  // added, returns that id with inserted=false. An alert row is added when
  // findings.alert is true, unless a document at the same URL (or canonical
  // URL) already has an alert with the same summary (an edited article).
  // Near-duplicates (extract/simhash.h): the document's SimHash is stored,
  // and duplicate_of is set to the earliest (lowest id) document, among
  // the newest limits::kMaxNearDuplicateCandidates (by id) fetched no earlier
  // than fetched_at - limits::kNearDuplicateWindowSeconds, whose text is a
  // near-duplicate -- or, when that one is itself a near-duplicate, to its
  // duplicate_of, so a cluster points at its first document. At most
  // limits::kMaxNearDuplicateChecks texts are compared in full. 0 (NULL in
  // the table) when none, or when the text is too short to fingerprint.
  // Inside a batch (BeginBatch) its writes join the batch's transaction, and
  // a failure undoes only this document's part of it.
  Result<PutOutcome> PutDocument(const Article& article, const Findings& findings,
                                 int64_t fetched_at) {
    return PutDocument(article, findings, fetched_at, TextKeysOf(article.text));
  }
  // The same, with keys == TextKeysOf(article.text) computed by the caller.
  virtual Result<PutOutcome> PutDocument(const Article& article, const Findings& findings,
                                         int64_t fetched_at, const TextKeys& keys) = 0;

  // A batch makes the writes of many calls -- of this Store and of the
  // Frontier that borrows its connection -- one transaction,
  // which costs one commit instead of one per call: a crawl stores each
  // handful of analysed pages with their frontier marks at once. Until
  // EndBatch(true) nothing of it is visible to other connections, and a crash
  // or an EndBatch without commit loses all of it, together. Batches do not
  // nest (InvalidArgument), and code that opens its own transaction on the
  // connection (AlertStore) must run outside one. IoError when the database
  // is busy or unwritable. A Store without batches returns Ok and writes
  // each call on its own.
  virtual Status BeginBatch();
  // Commits the open batch (commit) or rolls it back; Ok when none is open.
  virtual Status EndBatch(bool commit);

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

  // Counters for status and tests: table name -> rows. InvalidArgument for
  // a name that is not one of the schema's tables (documents, fetches,
  // matches, events, alerts, source_state).
  virtual Result<int64_t> CountRows(const std::string& table) = 0;

  // The methods below have defaults returning Unsupported, so that test fakes
  // need not implement them; the SQLite store implements all of them.

  // The newest alerts first, at most limit (for `alerts` listings).
  virtual Result<std::vector<AlertRow>> ListRecentAlerts(int limit);

  // One row per source name seen in fetches or source_state, by name.
  virtual Result<std::vector<SourceStatus>> ListSourceStatus();

  // Stored matches per rule id, most hits first, ties by rule id (`rules stats`).
  virtual Result<std::vector<std::pair<std::string, int64_t>>> RuleHitCounts();

  // The schema version of the open database (PRAGMA user_version).
  virtual Result<int> SchemaVersion();

  // "ok", or what PRAGMA integrity_check found wrong (its lines joined).
  virtual Result<std::string> IntegrityCheck();
};

}  // namespace ecwatch

#endif  // ECWATCH_STORE_STORE_H_
