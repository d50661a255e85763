// AlertStore::ForStore and the story half of SqliteAlertStore: pending
// events, merge candidates, the one-transaction Commit, listing and ack.
//
// The outbox, latencies and search are in outbox.cc. Tested by
// tests/store/alert_store_test.cc.
#include "store/alert_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/json.h"
#include "extract/article.h"
#include "store/alert_summary.h"
#include "store/sqlite_alert_store.h"
#include "store/sqlite_store.h"

namespace ecwatch {

namespace {

constexpr const char* kStoryColumns =
    "SELECT id, actor, action, items, duration_days, severity, summary, first_seen, last_seen, "
    "revision, state, updated_at FROM stories ";

std::vector<std::string> ParseItems(const std::string& json) {
  std::vector<std::string> items;
  Json parsed = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return items;
  for (const Json& item : parsed) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

std::string ItemsJson(const std::vector<std::string>& items) { return Json(items).dump(); }

Story ReadStory(SQLite::Statement& q) {
  Story s;
  s.id = q.getColumn(0).getInt64();
  s.actor = q.getColumn(1).getString();
  s.action = q.getColumn(2).getString();
  s.items = ParseItems(q.getColumn(3).getString());
  if (!q.getColumn(4).isNull()) s.duration_days = q.getColumn(4).getInt();
  s.severity = q.getColumn(5).getString();
  s.summary = q.getColumn(6).getString();
  s.first_seen = q.getColumn(7).getInt64();
  s.last_seen = q.getColumn(8).getInt64();
  s.revision = q.getColumn(9).getInt();
  s.state = q.getColumn(10).getString();
  s.updated_at = q.getColumn(11).getInt64();
  return s;
}

PendingEvent ReadPending(SQLite::Statement& q) {
  PendingEvent p;
  p.event_id = q.getColumn(0).getInt64();
  p.document_id = q.getColumn(1).getInt64();
  p.url = q.getColumn(2).getString();
  p.title = q.getColumn(3).getString();
  p.fetched_at = q.getColumn(4).getInt64();
  p.event.actor = q.getColumn(5).getString();
  p.event.action = q.getColumn(6).getString();
  p.event.items = ParseItems(q.getColumn(7).getString());
  if (!q.getColumn(8).isNull()) p.event.duration_days = q.getColumn(8).getInt();
  p.event.duration_text = q.getColumn(9).getString();
  p.event.sentence = q.getColumn(10).getString();
  p.event.rule = q.getColumn(11).getString();
  p.duplicate_of = q.getColumn(12).getInt64();
  return p;
}

void BindDuration(SQLite::Statement& q, int index, const std::optional<int>& days) {
  if (days.has_value()) {
    q.bind(index, *days);
  } else {
    q.bind(index);  // NULL
  }
}

}  // namespace

std::string StorySummaryLine(const Story& story) {
  Findings findings;
  Event event;
  event.actor = story.actor;
  event.action = story.action;
  event.items = story.items;
  event.duration_days = story.duration_days;
  findings.events.push_back(std::move(event));
  return AlertSummary(Article{}, findings);
}

Result<std::unique_ptr<AlertStore>> AlertStore::ForStore(Store* store) {
  auto* sqlite = dynamic_cast<SqliteStore*>(store);
  if (sqlite == nullptr) return Status::Unsupported("alerts need the SQLite store");
  return std::unique_ptr<AlertStore>(new SqliteAlertStore(sqlite->path(), &sqlite->database()));
}

Result<std::vector<PendingEvent>> SqliteAlertStore::PendingEvents(int limit) {
  try {
    SQLite::Statement q(db_,
                        "SELECT e.id, e.document_id, d.url, d.title, d.fetched_at, e.actor, "
                        "e.action, e.items, e.duration_days, e.duration_text, e.sentence, e.rule, "
                        "ifnull(d.duplicate_of, 0) FROM events e JOIN documents d ON d.id = e.document_id "
                        "WHERE e.items != '[]' AND NOT EXISTS "
                        "(SELECT 1 FROM story_events s WHERE s.event_id = e.id) "
                        "ORDER BY e.id LIMIT ?");
    q.bind(1, limit);
    std::vector<PendingEvent> out;
    while (q.executeStep()) out.push_back(ReadPending(q));
    return out;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

std::vector<StorySource> SqliteAlertStore::ReadSources(int64_t story_id) {
  // One row per distinct URL: the earliest document fetched at it (SQLite
  // takes the bare columns from the row holding the MIN).
  SQLite::Statement q(db_,
                      "SELECT d.id, d.url, d.title, MIN(d.fetched_at), se.revision, e.sentence, "
                      "e.rule, ifnull(d.duplicate_of, 0) FROM story_events se JOIN documents d ON d.id = se.document_id "
                      "JOIN events e ON e.id = se.event_id WHERE se.story_id = ? "
                      "GROUP BY d.url ORDER BY MIN(d.fetched_at), d.id");
  q.bind(1, story_id);
  std::vector<StorySource> out;
  while (q.executeStep()) {
    StorySource s;
    s.document_id = q.getColumn(0).getInt64();
    s.url = q.getColumn(1).getString();
    s.title = q.getColumn(2).getString();
    s.fetched_at = q.getColumn(3).getInt64();
    s.revision = q.getColumn(4).getInt();
    s.sentence = q.getColumn(5).getString();
    s.rule = q.getColumn(6).getString();
    s.duplicate_of = q.getColumn(7).getInt64();
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Story>> SqliteAlertStore::StoriesSince(int64_t since) {
  try {
    SQLite::Statement q(db_, std::string(kStoryColumns) + "WHERE last_seen >= ? ORDER BY id");
    q.bind(1, since);
    std::vector<Story> out;
    while (q.executeStep()) out.push_back(ReadStory(q));
    for (Story& s : out) s.sources = ReadSources(s.id);
    return out;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

int64_t SqliteAlertStore::InsertStory(const Story& s, int64_t now) {
  SQLite::Statement q(db_,
                      "INSERT INTO stories (actor, action, items, duration_days, severity, "
                      "summary, first_seen, last_seen, revision, state, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'new', ?)");
  q.bind(1, s.actor);
  q.bind(2, s.action);
  q.bind(3, ItemsJson(s.items));
  BindDuration(q, 4, s.duration_days);
  q.bind(5, s.severity);
  q.bind(6, s.summary);
  q.bind(7, s.first_seen);
  q.bind(8, s.last_seen);
  q.bind(9, now);
  q.exec();
  return db_.getLastInsertRowid();
}

void SqliteAlertStore::UpdateStory(const Story& s, int64_t now) {
  SQLite::Statement q(db_,
                      "UPDATE stories SET actor = ?, items = ?, duration_days = ?, severity = ?, "
                      "summary = ?, first_seen = ?, last_seen = ?, revision = ?, updated_at = ? "
                      "WHERE id = ?");
  q.bind(1, s.actor);
  q.bind(2, ItemsJson(s.items));
  BindDuration(q, 3, s.duration_days);
  q.bind(4, s.severity);
  q.bind(5, s.summary);
  q.bind(6, s.first_seen);
  q.bind(7, s.last_seen);
  q.bind(8, s.revision);
  q.bind(9, now);
  q.bind(10, s.id);
  if (q.exec() != 1) throw std::runtime_error("story " + std::to_string(s.id) + " vanished");
}

Result<int64_t> SqliteAlertStore::Commit(const StoryDecision& d) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement seen(db_, "SELECT story_id FROM story_events WHERE event_id = ?");
    for (int64_t event_id : d.event_ids) {
      seen.reset();
      seen.bind(1, event_id);
      // Another process assigned it since we read it: keep its decision.
      if (seen.executeStep()) return seen.getColumn(0).getInt64();
    }
    int64_t story_id = d.story.id;
    int revision = d.story.revision;
    if (story_id == 0) {
      story_id = InsertStory(d.story, d.now);
      revision = 1;
    } else {
      UpdateStory(d.story, d.now);
    }
    SQLite::Statement assign(db_,
                             "INSERT INTO story_events (event_id, story_id, document_id, revision) "
                             "VALUES (?, ?, ?, ?)");
    for (int64_t event_id : d.event_ids) {
      assign.reset();
      assign.bind(1, event_id);
      assign.bind(2, story_id);
      assign.bind(3, d.document_id);
      assign.bind(4, revision);
      assign.exec();
    }
    if (d.new_revision) {
      for (const std::string& sink : d.sinks) {
        InsertOutbox(story_id, revision, sink, d.fetched_at, d.now);
      }
    }
    transaction.commit();
    return story_id;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<std::vector<Story>> SqliteAlertStore::ListStories(const StoryFilter& f) {
  try {
    std::string sql = std::string(kStoryColumns) + "WHERE last_seen >= ?1";
    if (!f.actor.empty()) sql += " AND lower(actor) = lower(?2)";
    if (!f.mineral.empty()) {
      sql += " AND EXISTS (SELECT 1 FROM json_each(stories.items) WHERE lower(value) = lower(?3))";
    }
    if (!f.state.empty()) sql += " AND state = ?4";
    sql += " ORDER BY last_seen DESC, id DESC LIMIT ?5";
    SQLite::Statement q(db_, sql);
    q.bind(1, f.since);
    if (!f.actor.empty()) q.bind(2, f.actor);
    if (!f.mineral.empty()) q.bind(3, f.mineral);
    if (!f.state.empty()) q.bind(4, f.state);
    q.bind(5, f.limit);
    std::vector<Story> out;
    while (q.executeStep()) out.push_back(ReadStory(q));
    for (Story& s : out) s.sources = ReadSources(s.id);
    return out;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Result<Story> SqliteAlertStore::GetStory(int64_t id) {
  try {
    SQLite::Statement q(db_, std::string(kStoryColumns) + "WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Status::NotFound("alert " + std::to_string(id) + ": no such alert");
    Story story = ReadStory(q);
    story.sources = ReadSources(id);
    return story;
  } catch (const std::exception& e) {
    return Error(e);
  }
}

Status SqliteAlertStore::AckStory(int64_t id) {
  try {
    SQLite::Statement q(db_, "UPDATE stories SET state = 'acked' WHERE id = ?");
    q.bind(1, id);
    if (q.exec() == 0) return Status::NotFound("alert " + std::to_string(id) + ": no such alert");
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error(e);
  }
}

}  // namespace ecwatch
