// The append-only list of schema migrations and the code that applies them.
//
// Never edit a migration that has shipped: append a new one. Tested by
// tests/store/schema_test.cc.
#include "store/schema.h"

#include <stdexcept>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace ecwatch::store_internal {

namespace {

// Migration i takes the schema from version i to i + 1.
constexpr const char* kMigrations[] = {
    // 1: initial schema.
    R"sql(
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  url             TEXT NOT NULL,
  canonical_url   TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL DEFAULT '',
  published       TEXT NOT NULL DEFAULT '',
  author          TEXT NOT NULL DEFAULT '',
  site_name       TEXT NOT NULL DEFAULT '',
  language        TEXT NOT NULL DEFAULT '',
  text            TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  fetched_at      INTEGER NOT NULL,
  ruleset_version TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX documents_url_hash ON documents(url, content_hash);
CREATE INDEX documents_canonical_url ON documents(canonical_url);
CREATE INDEX documents_fetched_at ON documents(fetched_at);

CREATE TABLE fetches (
  id          INTEGER PRIMARY KEY,
  url         TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',
  http_status INTEGER NOT NULL DEFAULT 0,
  error       TEXT NOT NULL DEFAULT '',
  fetched_at  INTEGER NOT NULL
);
CREATE INDEX fetches_source ON fetches(source, fetched_at);
CREATE INDEX fetches_url ON fetches(url);

CREATE TABLE matches (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  rule            TEXT NOT NULL,
  category        TEXT NOT NULL,
  text            TEXT NOT NULL,
  value           TEXT NOT NULL,
  start           INTEGER NOT NULL,
  "end"           INTEGER NOT NULL,
  ruleset_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matches_document ON matches(document_id);
CREATE INDEX matches_rule ON matches(rule);

CREATE TABLE events (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  actor           TEXT NOT NULL DEFAULT '',
  action          TEXT NOT NULL,
  items           TEXT NOT NULL DEFAULT '[]',
  duration_days   INTEGER,
  duration_text   TEXT NOT NULL DEFAULT '',
  sentence        TEXT NOT NULL DEFAULT '',
  rule            TEXT NOT NULL DEFAULT '',
  ruleset_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_document ON events(document_id);

CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  summary     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'new'
);

CREATE TABLE source_state (
  name          TEXT PRIMARY KEY,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_fetch    INTEGER NOT NULL DEFAULT 0,
  last_success  INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT ''
);
)sql",
    // 2: stories (one alert per real-world event), their sources, the
    // delivery outbox, and full-text search over documents (issue 6).
    R"sql(
CREATE TABLE stories (
  id            INTEGER PRIMARY KEY,
  actor         TEXT NOT NULL DEFAULT '',
  action        TEXT NOT NULL,
  items         TEXT NOT NULL DEFAULT '[]',
  duration_days INTEGER,
  severity      TEXT NOT NULL DEFAULT 'low',
  summary       TEXT NOT NULL,
  first_seen    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  revision      INTEGER NOT NULL DEFAULT 1,
  state         TEXT NOT NULL DEFAULT 'new',
  updated_at    INTEGER NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);

CREATE TABLE story_events (
  event_id    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  story_id    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL
);
CREATE INDEX story_events_story ON story_events(story_id);

CREATE TABLE outbox (
  id                INTEGER PRIMARY KEY,
  story_id          INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  revision          INTEGER NOT NULL,
  sink              TEXT NOT NULL,
  kind              TEXT NOT NULL,
  idempotency_key   TEXT NOT NULL UNIQUE,
  state             TEXT NOT NULL DEFAULT 'pending',
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  last_error        TEXT NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  source_fetched_at INTEGER NOT NULL,
  delivered_at      INTEGER,
  UNIQUE (story_id, revision, sink)
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
INSERT INTO documents_fts(rowid, title, text) SELECT id, title, text FROM documents;
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
  VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
  VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
)sql",
    // 3: the crawl frontier (issue 5: a restart resumes where it stopped) and
    // near-duplicate bookkeeping on documents (SimHash of the text; the first
    // stored document it is a near-copy of).
    R"sql(
CREATE TABLE frontier (
  url         TEXT PRIMARY KEY,
  source      TEXT NOT NULL DEFAULT '',
  state       TEXT NOT NULL DEFAULT 'due',
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT NOT NULL DEFAULT '',
  added_at    INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX frontier_due ON frontier(state, next_at);

ALTER TABLE documents ADD COLUMN simhash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN duplicate_of INTEGER REFERENCES documents(id) ON DELETE SET NULL;
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
)sql",
    // 4: robots.txt per origin as last fetched, so a restart need not fetch
    // it again while it is fresh (RFC 9309 2.4: cached up to 24 hours).
    R"sql(
CREATE TABLE robots (
  origin      TEXT PRIMARY KEY,
  http_status INTEGER NOT NULL DEFAULT 0,
  fetched_ok  INTEGER NOT NULL DEFAULT 0,
  body        TEXT NOT NULL DEFAULT '',
  fetched_at  INTEGER NOT NULL
);
)sql",
    // 5: new documents enter documents_fts from the store, one statement per
    // transaction (SqliteStore::IndexPending), not by a trigger per row.
    R"sql(
DROP TRIGGER documents_fts_insert;
)sql",
    // 6: the child sitemaps of sitemap-index sources, with the <lastmod>
    // they had when last fetched (a poll fetches only the changed ones).
    R"sql(
CREATE TABLE sitemap_children (
  source     TEXT NOT NULL,
  url        TEXT NOT NULL,
  lastmod    TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (source, url)
);
)sql",
};

constexpr int kMigrationCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

int UserVersion(SQLite::Database& db) {
  SQLite::Statement query(db, "PRAGMA user_version");
  query.executeStep();
  return query.getColumn(0).getInt();
}

// Applies migration `version` if the database is still at that version.
// IMMEDIATE takes the write lock first, so two processes opening one new
// file do not both migrate: the second re-reads the version and skips.
void ApplyOne(SQLite::Database& db, int version) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (UserVersion(db) != version) return;
  db.exec(kMigrations[version]);
  // PRAGMA takes no bound parameters; the value is our own integer.
  db.exec("PRAGMA user_version = " + std::to_string(version + 1));
  transaction.commit();
}

}  // namespace

int LatestSchemaVersion() { return kMigrationCount; }

void MigrateSchema(SQLite::Database& db) {
  const int version = UserVersion(db);
  if (version > kMigrationCount) {
    throw std::runtime_error("schema version " + std::to_string(version) +
                             " is newer than this binary (" + std::to_string(kMigrationCount) +
                             ")");
  }
  for (int v = version; v < kMigrationCount; ++v) ApplyOne(db, v);
}

}  // namespace ecwatch::store_internal
