// AlertSink: where an alert goes (webhook, e-mail, Atom file, a command),
// and AlertMessage, what is sent: the story as it stands at delivery time
// plus the outbox row's kind and idempotency key.
#ifndef ECWATCH_APP_ALERT_SINK_H_
#define ECWATCH_APP_ALERT_SINK_H_

#include <memory>
#include <string>

#include "app/alert_config.h"
#include "base/json.h"
#include "base/status.h"
#include "store/alert_store.h"

namespace ecwatch {

struct AlertMessage {
  Story story;                   // with its sources
  std::string kind = "new";      // "new" | "update"
  int revision = 1;
  std::string idempotency_key;   // the same on every retry of one delivery
};

// The documented JSON body (README "Alerts"): type, kind, idempotency_key,
// alert_id, revision, headline, summary, actor, action, items, duration_days,
// severity, first_seen/last_seen (ISO 8601 UTC), source_count, sources[]
// {url, title, fetched_at, sentence, rule}. Sources are capped at
// limits::kMaxSourcesPerAlert.
Json AlertJson(const AlertMessage& message);
// "China suspends export controls on rare earths for 365 days -- 3 sources,
// first seen 2026-11-28 08:12 UTC" (with "UPDATE: " in front for updates).
std::string AlertHeadline(const AlertMessage& message);
// Plain text: headline, then each source with its evidence sentence and rule.
std::string AlertText(const AlertMessage& message);
// Slack/Mattermost incoming-webhook body: {"text": headline + source links}.
Json AlertSlackJson(const AlertMessage& message);

// One delivery target. Deliver returns OK once the receiver acknowledged
// (2xx, SMTP 250, file renamed into place, command exit 0). A failure that
// retrying cannot fix (HTTP 4xx other than 408/429, a command that does not
// exist) is InvalidArgument; any other failure is retried with backoff.
// Implementations are not thread-safe.
class AlertSink {
 public:
  virtual ~AlertSink() = default;
  virtual Status Deliver(const AlertMessage& message) = 0;
};

// The sink for config. store is borrowed by the atom sink (it rewrites the
// feed from the recent stories) and must outlive it.
std::unique_ptr<AlertSink> MakeSink(const SinkConfig& config, AlertStore* store);

// True when a Deliver failure must not be retried.
inline bool IsPermanentFailure(const Status& s) {
  return s.code() == Status::Code::kInvalidArgument;
}

}  // namespace ecwatch

#endif  // ECWATCH_APP_ALERT_SINK_H_
