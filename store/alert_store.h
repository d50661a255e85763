// AlertStore: stories (one alert per real-world event), their sources, the
// delivery outbox, and full-text search, in the ecwatch database.
//
// An AlertStore borrows the connection of a SQLite Store (ForStore), so it
// shares its transactions' file and works on ":memory:" too. Deciding which
// story an event belongs to is app/'s job (app/alert_stories.h); this class
// only reads candidates and writes a decision in one transaction. Not
// thread-safe (as the Store it borrows). Tables: store/SCHEMA.md.
#ifndef ECWATCH_STORE_ALERT_STORE_H_
#define ECWATCH_STORE_ALERT_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "rules/findings.h"
#include "store/store.h"

namespace ecwatch {

// An alerting event (one naming a mineral) with the document it came from.
struct PendingEvent {
  int64_t event_id = 0;
  int64_t document_id = 0;
  std::string url;
  std::string title;
  int64_t fetched_at = 0;
  int64_t duplicate_of = 0;  // the document's documents.duplicate_of, 0 none
  Event event;  // start/end are not stored and stay 0
};

// One source of a story: a document (distinct URL), with its evidence.
struct StorySource {
  int64_t document_id = 0;
  std::string url;
  std::string title;
  int64_t fetched_at = 0;
  int revision = 1;          // the story revision this source arrived in
  std::string sentence;      // evidence sentence of its (first) event
  std::string rule;          // the action rule that fired
  int64_t duplicate_of = 0;  // the document's documents.duplicate_of, 0 none
};

struct Story {
  int64_t id = 0;
  std::string actor;
  std::string action;
  std::vector<std::string> items;      // union of its events' minerals, sorted
  std::optional<int> duration_days;
  std::string severity = "low";        // "low" | "medium" | "high"
  std::string summary;
  int64_t first_seen = 0;              // earliest source fetch (Unix seconds)
  int64_t last_seen = 0;               // latest source fetch
  int revision = 1;                    // bumped when the facts change
  std::string state = "new";           // "new" | "acked"
  int64_t updated_at = 0;
  std::vector<StorySource> sources;    // oldest first; filled by GetStory/Candidates
};

// What the alert stage decided for one pending event; written atomically.
struct StoryDecision {
  std::vector<int64_t> event_ids;      // events of one document joining this story
  int64_t document_id = 0;
  int64_t fetched_at = 0;              // of the event's document
  Story story;                         // id 0: create; else the merged state to write
  bool new_revision = false;           // enqueue deliveries (true on create too)
  std::vector<std::string> sinks;      // sinks whose filter accepts the story
  int64_t now = 0;
};

struct OutboxEntry {
  int64_t id = 0;
  int64_t story_id = 0;
  int revision = 1;
  std::string sink;
  std::string kind;                    // "new" | "update"
  std::string idempotency_key;         // stable across retries
  std::string state;                   // "pending" | "delivered" | "failed"
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string last_error;
  int64_t created_at = 0;
  int64_t source_fetched_at = 0;       // fetch time of the source that caused it
  int64_t delivered_at = 0;            // 0 until delivered
};

struct StoryFilter {
  int64_t since = 0;                   // last_seen >= since
  std::string actor;                   // "" any; else exact, case-insensitive
  std::string mineral;                 // "" any; else one of items
  std::string state;                   // "" any; "new" | "acked"
  int limit = 50;
};

struct SearchQuery {
  std::string text;                    // words, all required (AND); quoted as FTS5 strings
  int64_t since = 0;                   // documents fetched at or after (Unix seconds)
  int64_t until = 0;                   // 0: no upper bound; else fetched before
  std::string source;                  // "" any; else a config source name (fetches.source)
  int limit = 20;
};

struct SearchHit {
  int64_t document_id = 0;
  std::string url;
  std::string title;
  int64_t fetched_at = 0;
  std::string snippet;                 // "... [rare] [earth] exports ..."
  double rank = 0;                     // bm25, lower is better
};

struct OutboxCounts {
  int64_t pending = 0;
  int64_t delivered = 0;
  int64_t failed = 0;
};

// The one-line summary of a story, worded as the per-document alert
// summaries: "China suspends export controls on gallium for 365 days".
// Pure function, thread-safe.
std::string StorySummaryLine(const Story& story);

class AlertStore {
 public:
  // Borrows store's connection; store must outlive the AlertStore.
  // Unsupported when store is not the SQLite store of Store::Open.
  static Result<std::unique_ptr<AlertStore>> ForStore(Store* store);
  virtual ~AlertStore() = default;

  // Alerting events (items not empty) not yet assigned to a story, in event
  // id order, at most limit. After a crash these are simply found again.
  virtual Result<std::vector<PendingEvent>> PendingEvents(int limit) = 0;

  // Stories with last_seen >= since, with their sources: merge candidates.
  virtual Result<std::vector<Story>> StoriesSince(int64_t since) = 0;

  // In one transaction: creates the story (decision.story.id == 0) or
  // writes its merged state, assigns the events, and when new_revision adds
  // one outbox row per sink (kind "new" for revision 1, else "update";
  // idempotency key "ecwatch-story-ID-rREV-SINK"). Returns the story id.
  virtual Result<int64_t> Commit(const StoryDecision& decision) = 0;

  virtual Result<std::vector<Story>> ListStories(const StoryFilter& filter) = 0;  // newest first
  // The story with its sources; NotFound "alert ID: no such alert".
  virtual Result<Story> GetStory(int64_t id) = 0;
  // Sets state 'acked'; NotFound as GetStory.
  virtual Status AckStory(int64_t id) = 0;

  // Pending outbox rows with next_attempt_at <= now, oldest first.
  virtual Result<std::vector<OutboxEntry>> DueDeliveries(int64_t now, int limit) = 0;
  // Earliest next_attempt_at of a pending row; nullopt when none.
  virtual Result<std::optional<int64_t>> NextDeliveryAt() = 0;
  virtual Status MarkDelivered(int64_t outbox_id, int64_t now) = 0;
  // Counts an attempt; permanent: state 'failed' (never retried).
  virtual Status MarkAttemptFailed(int64_t outbox_id, const std::string& error,
                                   int64_t next_attempt_at, bool permanent) = 0;
  // Outbox rows of one story (story_id > 0) or all failed rows (story_id 0).
  virtual Result<std::vector<OutboxEntry>> ListOutbox(int64_t story_id) = 0;
  virtual Result<OutboxCounts> CountOutbox() = 0;
  // delivered_at - source_fetched_at of rows delivered at or after since,
  // ascending (seconds).
  virtual Result<std::vector<int64_t>> DeliveryLatencies(int64_t since) = 0;

  // FTS5 search over document titles and texts, best (bm25) first.
  virtual Result<std::vector<SearchHit>> Search(const SearchQuery& query) = 0;
};

}  // namespace ecwatch

#endif  // ECWATCH_STORE_ALERT_STORE_H_
