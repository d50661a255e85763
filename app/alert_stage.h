// AlertStage: the last step of the pipeline. Turns stored alerting events
// into stories (one per real-world move) with their outbox rows, and
// delivers due outbox rows to the configured sinks with retries.
//
// Crash safety: an event is assigned to a story, the story written and its
// outbox rows added in one transaction (AlertStore::Commit); events not yet
// assigned are found again by the next ProcessPending, and outbox rows stay
// pending until a sink acknowledges them, so a restart after SIGKILL loses
// nothing (delivery is at-least-once; the idempotency key is stable).
#ifndef ECWATCH_APP_ALERT_STAGE_H_
#define ECWATCH_APP_ALERT_STAGE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/alert_config.h"
#include "app/alert_sink.h"
#include "base/clock.h"
#include "store/alert_store.h"

namespace ecwatch {

// What one event did to the stories.
struct StoryChange {
  int64_t story_id = 0;
  bool created = false;       // a new story (a new alert)
  bool updated = false;       // the facts changed: delivered as an update
  int revision = 1;
  std::string summary;
  std::size_t sources = 0;
  int64_t first_seen = 0;
  std::string url;            // the event's document
};

struct DeliveryReport {
  int delivered = 0;
  int retried = 0;            // failed, will be retried
  int failed = 0;             // failed for good
};

// Not thread-safe. Borrows store and clock.
class AlertStage {
 public:
  // Sinks are built from config (MakeSink); tests may replace one by name.
  AlertStage(AlertConfig config, AlertStore* store, const Clock* clock);

  // Assigns every pending alerting event (at most
  // limits::kMaxPendingEventsPerPass) to a story; returns what changed.
  Result<std::vector<StoryChange>> ProcessPending();

  // Attempts every due outbox row once (at most limits::kMaxDeliveriesPerPass).
  // A failure is recorded with the next attempt at now + backoff (base *
  // 2^(attempts-1), capped); a permanent one, or the max_attempts-th, marks
  // the row 'failed'. Returns IoError only for database errors.
  Result<DeliveryReport> DeliverDue();

  // When the next pending delivery is due (Unix seconds), nullopt if none.
  std::optional<int64_t> NextDeliveryAt();

  // Replaces (or adds) the sink called name. For tests.
  void SetSink(const std::string& name, std::unique_ptr<AlertSink> sink);

  // Retry delay after the given number of failed attempts (>= 1).
  int64_t Backoff(int attempts) const;

 private:
  std::vector<std::string> SinksFor(const Story& story) const;
  // Merges the events of one document into candidates (new stories are
  // appended) and commits one decision per story touched.
  Status ProcessDocument(const std::vector<PendingEvent>& events, std::vector<Story>* candidates,
                         std::vector<StoryChange>* changes);
  Status DeliverOne(const OutboxEntry& entry, DeliveryReport* report);

  AlertConfig config_;
  AlertStore* store_;
  const Clock* clock_;
  std::map<std::string, std::unique_ptr<AlertSink>> sinks_;
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_ALERT_STAGE_H_
