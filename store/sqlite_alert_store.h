// SqliteAlertStore: the AlertStore of store/alert_store.h (internal to store/).
//
// Split in two files: alert_store.cc (stories) and outbox.cc (outbox,
// latencies, search). Every public method catches SQLiteCpp's exceptions and
// returns IoError "PATH: cause". Not thread-safe.
#ifndef ECWATCH_STORE_SQLITE_ALERT_STORE_H_
#define ECWATCH_STORE_SQLITE_ALERT_STORE_H_

#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "store/alert_store.h"

namespace ecwatch {

class SqliteAlertStore final : public AlertStore {
 public:
  // Borrows db, which must outlive this object.
  SqliteAlertStore(std::string path, SQLite::Database* db) : path_(std::move(path)), db_(*db) {}

  Result<std::vector<PendingEvent>> PendingEvents(int limit) override;
  Result<std::vector<Story>> StoriesSince(int64_t since) override;
  Result<int64_t> Commit(const StoryDecision& decision) override;
  Result<std::vector<Story>> ListStories(const StoryFilter& filter) override;
  Result<Story> GetStory(int64_t id) override;
  Status AckStory(int64_t id) override;
  Result<std::vector<OutboxEntry>> DueDeliveries(int64_t now, int limit) override;
  Result<std::optional<int64_t>> NextDeliveryAt() override;
  Status MarkDelivered(int64_t outbox_id, int64_t now) override;
  Status MarkAttemptFailed(int64_t outbox_id, const std::string& error, int64_t next_attempt_at,
                           bool permanent) override;
  Result<std::vector<OutboxEntry>> ListOutbox(int64_t story_id) override;
  Result<OutboxCounts> CountOutbox() override;
  Result<std::vector<int64_t>> DeliveryLatencies(int64_t since) override;
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) override;

 private:
  Status Error(const std::exception& e) const { return Status::IoError(path_ + ": " + e.what()); }
  // Helpers that throw on SQL errors (callers catch).
  int64_t InsertStory(const Story& story, int64_t now);
  void UpdateStory(const Story& story, int64_t now);
  void InsertOutbox(int64_t story_id, int revision, const std::string& sink,
                    int64_t source_fetched_at, int64_t now);
  std::vector<StorySource> ReadSources(int64_t story_id);
  std::vector<Story> ReadStories(const std::string& where_sql, const std::vector<std::string>& binds,
                                 int limit);

  std::string path_;
  SQLite::Database& db_;
};

}  // namespace ecwatch

#endif  // ECWATCH_STORE_SQLITE_ALERT_STORE_H_
