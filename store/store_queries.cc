// The read path of SqliteStore: alerts, documents, counters, source status.
//
// Every query binds its parameters; the one table name spliced into SQL
// (CountRows) comes from a fixed whitelist. Tested by
// tests/store/store_queries_test.cc.
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string_view>

#include "store/sqlite_store.h"

namespace ecwatch {

namespace {

// The tables CountRows may name (all tables of the schema).
constexpr std::string_view kCountableTables[] = {"documents", "fetches", "matches",
                                                 "events",    "alerts",  "source_state"};

// Reads the columns of kAlertColumns, in order.
AlertRow ReadAlert(SQLite::Statement& query) {
  AlertRow row;
  row.id = query.getColumn(0).getInt64();
  row.document_id = query.getColumn(1).getInt64();
  row.url = query.getColumn(2).getString();
  row.title = query.getColumn(3).getString();
  row.summary = query.getColumn(4).getString();
  row.created_at = query.getColumn(5).getInt64();
  return row;
}

constexpr const char* kAlertColumns =
    "SELECT a.id, a.document_id, d.url, d.title, a.summary, a.created_at "
    "FROM alerts a JOIN documents d ON d.id = a.document_id ";

std::vector<AlertRow> ReadAlerts(SQLite::Statement& query) {
  std::vector<AlertRow> rows;
  while (query.executeStep()) rows.push_back(ReadAlert(query));
  return rows;
}

StoredDocument ReadDocument(SQLite::Statement& query) {
  StoredDocument doc;
  doc.id = query.getColumn(0).getInt64();
  doc.article.url = query.getColumn(1).getString();
  doc.article.canonical_url = query.getColumn(2).getString();
  doc.article.title = query.getColumn(3).getString();
  doc.article.published = query.getColumn(4).getString();
  doc.article.author = query.getColumn(5).getString();
  doc.article.site_name = query.getColumn(6).getString();
  doc.article.language = query.getColumn(7).getString();
  doc.article.text = query.getColumn(8).getString();
  doc.fetched_at = query.getColumn(9).getInt64();
  return doc;
}

int64_t QueryCount(SQLite::Database& db, const char* sql, const std::string& name) {
  SQLite::Statement query(db, sql);
  query.bind(1, name);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

// source_state (kept by the pipeline) fills in what fetches do not show.
void MergeSourceState(const SourceState& state, SourceStatus* status) {
  status->last_fetch = std::max(status->last_fetch, state.last_fetch);
  status->last_success = std::max(status->last_success, state.last_success);
  if (status->last_error.empty()) status->last_error = state.last_error;
}

}  // namespace

Result<std::vector<AlertRow>> SqliteStore::ListAlerts(int64_t after_id, int limit) {
  try {
    SQLite::Statement query(*db_,
                            std::string(kAlertColumns) + "WHERE a.id > ? ORDER BY a.id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, std::max(limit, 0));
    return ReadAlerts(query);
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::vector<AlertRow>> SqliteStore::ListRecentAlerts(int limit) {
  try {
    SQLite::Statement query(*db_, std::string(kAlertColumns) + "ORDER BY a.id DESC LIMIT ?");
    query.bind(1, std::max(limit, 0));
    return ReadAlerts(query);
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteStore::ForEachDocument(int64_t since,
                                    const std::function<bool(const StoredDocument&)>& fn) {
  try {
    SQLite::Statement query(*db_,
                            "SELECT id, url, canonical_url, title, published, author, site_name, "
                            "language, text, fetched_at FROM documents WHERE fetched_at >= ? "
                            "ORDER BY id");
    query.bind(1, since);
    while (query.executeStep()) {
      if (!fn(ReadDocument(query))) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<int64_t> SqliteStore::CountRows(const std::string& table) {
  const auto* end = std::end(kCountableTables);
  if (std::find(std::begin(kCountableTables), end, table) == end) {
    return Status::InvalidArgument("CountRows: unknown table \"" + table.substr(0, 64) + "\"");
  }
  try {
    SQLite::Statement query(*db_, "SELECT count(*) FROM " + table);  // whitelisted above
    query.executeStep();
    return query.getColumn(0).getInt64();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::vector<std::pair<std::string, int64_t>>> SqliteStore::RuleHitCounts() {
  try {
    SQLite::Statement query(
        *db_, "SELECT rule, count(*) AS hits FROM matches GROUP BY rule ORDER BY hits DESC, rule");
    std::vector<std::pair<std::string, int64_t>> counts;
    while (query.executeStep()) {
      counts.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    }
    return counts;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<int> SqliteStore::SchemaVersion() {
  try {
    SQLite::Statement query(*db_, "PRAGMA user_version");
    query.executeStep();
    return query.getColumn(0).getInt();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::string> SqliteStore::IntegrityCheck() {
  try {
    SQLite::Statement query(*db_, "PRAGMA integrity_check");
    std::string out;
    while (query.executeStep()) {
      if (!out.empty()) out += "; ";
      out += query.getColumn(0).getString();
    }
    return out;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

SourceStatus SqliteStore::ReadSourceStatus(const std::string& name) {
  SourceStatus status;
  status.name = name;
  SQLite::Statement totals(*db_,
                           "SELECT count(*), sum(error <> ''), max(fetched_at), "
                           "max(CASE WHEN error = '' THEN fetched_at END), "
                           "max(CASE WHEN error <> '' THEN fetched_at END) "
                           "FROM fetches WHERE source = ?");
  totals.bind(1, name);
  if (totals.executeStep()) {
    status.fetches = totals.getColumn(0).getInt64();
    status.errors = totals.getColumn(1).getInt64();
    status.last_fetch = totals.getColumn(2).getInt64();
    status.last_success = totals.getColumn(3).getInt64();
    status.last_error_at = totals.getColumn(4).getInt64();
  }
  SQLite::Statement last_error(*db_,
                               "SELECT error FROM fetches WHERE source = ? AND error <> '' "
                               "ORDER BY fetched_at DESC, id DESC LIMIT 1");
  last_error.bind(1, name);
  if (last_error.executeStep()) status.last_error = last_error.getColumn(0).getString();
  status.documents = QueryCount(
      *db_,
      "SELECT count(*) FROM documents WHERE url IN (SELECT url FROM fetches WHERE source = ?)",
      name);
  status.alerts =
      QueryCount(*db_,
                 "SELECT count(*) FROM alerts a JOIN documents d ON d.id = a.document_id "
                 "WHERE d.url IN (SELECT url FROM fetches WHERE source = ?)",
                 name);
  return status;
}

Result<std::vector<SourceStatus>> SqliteStore::ListSourceStatus() {
  try {
    SQLite::Statement names(*db_,
                            "SELECT source FROM fetches WHERE source <> '' "
                            "UNION SELECT name FROM source_state ORDER BY 1");
    std::vector<std::string> all;
    while (names.executeStep()) all.push_back(names.getColumn(0).getString());
    std::vector<SourceStatus> rows;
    for (const std::string& name : all) {
      rows.push_back(ReadSourceStatus(name));
      Result<SourceState> state = GetSourceState(name);
      if (!state.ok()) return state.status();
      MergeSourceState(state.value(), &rows.back());
    }
    return rows;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

}  // namespace ecwatch
