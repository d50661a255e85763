// The outbox half of SqliteAlertStore: delivery rows, their attempts and
// latencies, and FTS5 search over documents.
//
// Tested by tests/store/outbox_test.cc.
#include <SQLiteCpp/Statement.h>

#include <sstream>

#include "store/sqlite_alert_store.h"

namespace ecwatch {

namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, story_id, revision, sink, kind, idempotency_key, state, attempts, "
    "next_attempt_at, last_error, created_at, source_fetched_at, "
    "COALESCE(delivered_at, 0) FROM outbox ";

OutboxEntry ReadEntry(SQLite::Statement& q) {
  OutboxEntry e;
  e.id = q.getColumn(0).getInt64();
  e.story_id = q.getColumn(1).getInt64();
  e.revision = q.getColumn(2).getInt();
  e.sink = q.getColumn(3).getString();
  e.kind = q.getColumn(4).getString();
  e.idempotency_key = q.getColumn(5).getString();
  e.state = q.getColumn(6).getString();
  e.attempts = q.getColumn(7).getInt();
  e.next_attempt_at = q.getColumn(8).getInt64();
  e.last_error = q.getColumn(9).getString();
  e.created_at = q.getColumn(10).getInt64();
  e.source_fetched_at = q.getColumn(11).getInt64();
  e.delivered_at = q.getColumn(12).getInt64();
  return e;
}

std::vector<OutboxEntry> ReadEntries(SQLite::Statement& q) {
  std::vector<OutboxEntry> out;
  while (q.executeStep()) out.push_back(ReadEntry(q));
  return out;
}

// Each whitespace-separated word becomes an FTS5 string ("rare" "earth"):
// the user's text is never parsed as FTS5 query syntax. Words are ANDed.
std::string FtsQuery(const std::string& text) {
  std::istringstream words(text);
  std::string word, out;
  while (words >> word) {
    std::string quoted = "\"";
    for (char c : word) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    if (!out.empty()) out += ' ';
    out += quoted + '"';
  }
  return out;
}

// The whole text as one FTS5 phrase: "rare earth".
std::string FtsPhrase(const std::string& text) {
  std::istringstream words(text);
  std::string word, out;
  while (words >> word) {
    for (char c : word) {
      if (c == '"') out += '"';
      out += c;
    }
    out += ' ';
  }
  if (!out.empty()) out.pop_back();
  return "\"" + out + "\"";
}

}  // namespace

void SqliteAlertStore::InsertOutbox(int64_t story_id, int revision, const std::string& sink,
                                    int64_t source_fetched_at, int64_t now) {
  SQLite::Statement q(db_,
                      "INSERT OR IGNORE INTO outbox (story_id, revision, sink, kind, "
                      "idempotency_key, next_attempt_at, created_at, source_fetched_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, story_id);
  q.bind(2, revision);
  q.bind(3, sink);
  q.bind(4, revision == 1 ? "new" : "update");
  q.bind(5, "ecwatch-story-" + std::to_string(story_id) + "-r" + std::to_string(revision) + "-" +
                sink);
  q.bind(6, now);
  q.bind(7, now);
  q.bind(8, source_fetched_at);
  q.exec();
}

Result<std::vector<OutboxEntry>> SqliteAlertStore::DueDeliveries(int64_t now, int limit) {
  try {
    SQLite::Statement q(db_, std::string(kOutboxColumns) +
                                 "WHERE state = 'pending' AND next_attempt_at <= ? "
                                 "ORDER BY next_attempt_at, id LIMIT ?");
    q.bind(1, now);
    q.bind(2, limit);
    return ReadEntries(q);
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::optional<int64_t>> SqliteAlertStore::NextDeliveryAt() {
  try {
    SQLite::Statement q(db_, "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'");
    q.executeStep();
    if (q.getColumn(0).isNull()) return std::optional<int64_t>();
    return std::optional<int64_t>(q.getColumn(0).getInt64());
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteAlertStore::MarkDelivered(int64_t outbox_id, int64_t now) {
  try {
    SQLite::Statement q(db_,
                        "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, "
                        "delivered_at = ?, last_error = '' WHERE id = ?");
    q.bind(1, now);
    q.bind(2, outbox_id);
    q.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteAlertStore::MarkAttemptFailed(int64_t outbox_id, const std::string& error,
                                           int64_t next_attempt_at, bool permanent) {
  try {
    SQLite::Statement q(db_,
                        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                        "next_attempt_at = ?, state = ? WHERE id = ?");
    q.bind(1, error);
    q.bind(2, next_attempt_at);
    q.bind(3, permanent ? "failed" : "pending");
    q.bind(4, outbox_id);
    q.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::vector<OutboxEntry>> SqliteAlertStore::ListOutbox(int64_t story_id) {
  try {
    SQLite::Statement q(db_, std::string(kOutboxColumns) +
                                 (story_id > 0 ? "WHERE story_id = ? ORDER BY id"
                                               : "WHERE state = 'failed' ORDER BY id"));
    if (story_id > 0) q.bind(1, story_id);
    return ReadEntries(q);
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<OutboxCounts> SqliteAlertStore::CountOutbox() {
  try {
    SQLite::Statement q(db_,
                        "SELECT COALESCE(SUM(state = 'pending'), 0), "
                        "COALESCE(SUM(state = 'delivered'), 0), "
                        "COALESCE(SUM(state = 'failed'), 0) FROM outbox");
    q.executeStep();
    return OutboxCounts{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                        q.getColumn(2).getInt64()};
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::vector<int64_t>> SqliteAlertStore::DeliveryLatencies(int64_t since) {
  try {
    SQLite::Statement q(db_,
                        "SELECT delivered_at - source_fetched_at AS latency FROM outbox "
                        "WHERE state = 'delivered' AND delivered_at >= ? ORDER BY latency");
    q.bind(1, since);
    std::vector<int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

// Two steps: rank every match without snippets (cheap), then build the
// snippet of the few rows kept. Documents holding the words as a phrase
// rank before those that merely hold them all; bm25 weighs titles 5x.
Result<std::vector<SearchHit>> SqliteAlertStore::Search(const SearchQuery& query) {
  const std::string match = FtsQuery(query.text);
  if (match.empty()) return Status::InvalidArgument("search: empty query");
  const std::string phrase = FtsPhrase(query.text);
  try {
    std::string sql =
        "SELECT d.id, d.url, d.title, d.fetched_at, bm25(documents_fts, 5.0, 1.0) AS r "
        "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
        "WHERE documents_fts MATCH ?1 AND d.fetched_at >= ?2";
    if (query.until > 0) sql += " AND d.fetched_at < ?3";
    if (!query.source.empty()) {
      sql += " AND EXISTS (SELECT 1 FROM fetches f WHERE f.url = d.url AND f.source = ?4)";
    }
    sql += " ORDER BY d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?6) DESC,"
           " r LIMIT ?5";
    SQLite::Statement q(db_, sql);
    q.bind(1, match);
    q.bind(2, query.since);
    if (query.until > 0) q.bind(3, query.until);
    if (!query.source.empty()) q.bind(4, query.source);
    q.bind(5, query.limit);
    q.bind(6, phrase);
    std::vector<SearchHit> out;
    while (q.executeStep()) {
      out.push_back(SearchHit{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                              q.getColumn(2).getString(), q.getColumn(3).getInt64(), "",
                              q.getColumn(4).getDouble()});
    }
    SQLite::Statement snippet(db_,
                              "SELECT snippet(documents_fts, 1, '[', ']', '...', 12) "
                              "FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?");
    for (SearchHit& hit : out) {
      snippet.reset();
      snippet.bind(1, match);
      snippet.bind(2, hit.document_id);
      if (snippet.executeStep()) hit.snippet = snippet.getColumn(0).getString();
    }
    return out;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

}  // namespace ecwatch
