// Daemon: polls the configured sources on their schedules and ingests each
// new article through the Pipeline; reloads rules on SIGHUP or file change.
#ifndef ECWATCH_APP_DAEMON_H_
#define ECWATCH_APP_DAEMON_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "app/alert_stage.h"
#include "app/config.h"
#include "app/pipeline.h"
#include "crawler/robots_cache.h"
#include "rules/pattern.h"
#include "rules/rule_set.h"

namespace ecwatch {

// Process-wide flags set by signal handlers (async-signal-safe).
struct DaemonSignals {
  std::atomic<bool> stop{false};
  std::atomic<bool> reload{false};
};
// Installs SIGTERM/SIGINT (stop) and SIGHUP (reload) handlers writing to signals.
void InstallSignalHandlers(DaemonSignals* signals);

struct PassStats {
  int sources_polled = 0;
  int sources_failed = 0;
  int links_seen = 0;
  int documents_new = 0;
  int documents_failed = 0;
  int robots_disallowed = 0;     // links robots.txt disallows, not fetched
  std::vector<AlertRow> alerts;  // per-document alert rows raised during the pass
  std::vector<StoryChange> stories;  // stories created or changed during the pass
  DeliveryReport deliveries;         // outbox attempts during the run
};

// Not thread-safe; one Daemon per process. Borrows store, fetcher and clock.
class Daemon {
 public:
  Daemon(Config config, std::unique_ptr<RuleSet> rules, Store* store, Fetcher* fetcher,
         const Clock* clock, DaemonSignals* signals);

  // once: poll every enabled source once, then return. Otherwise loop until
  // signals->stop. Returns the first store error that makes going on
  // pointless (database unwritable); fetch and page errors are logged, recorded
  // and survived.
  Status Run(bool once, PassStats* stats);

  // The alert stage run after each stored document and for deliveries
  // (borrowed; may be null: no stories, no delivery).
  void set_alert_stage(AlertStage* stage) { alert_stage_ = stage; }

  // Links found in feeds and pages are fetched with link_fetcher (borrowed),
  // which refuses private addresses (crawler/address_policy.h), unless they
  // share the origin of a configured source. Default: the source fetcher.
  void set_link_fetcher(Fetcher* link_fetcher);

  // Keeps every fetch as fetched in WARC files (borrowed; null: none).
  void set_capture(WarcWriter* warc);

  // Reloads rules from the config's directory; on failure the old set stays
  // and the error is returned (and logged). Public for tests.
  Status ReloadRules();
  const RuleSet& rules() const { return *rules_; }

 private:
  Status PollSource(const SourceConfig& source, PassStats* stats);
  Result<std::vector<std::string>> DiscoverLinks(const SourceConfig& source,
                                                 const FetchResult& fetched);
  void IngestLink(const SourceConfig& source, const std::string& url, PassStats* stats);
  std::string RulesFingerprint() const;
  void MaybeReload();
  void SleepUntil(int64_t when);
  // Stories from pending events; deliveries due now. Store errors returned.
  Status RunAlertStage(PassStats* stats);
  Status Deliver(PassStats* stats);

  Config config_;
  std::unique_ptr<RuleSet> rules_;
  Store* store_;
  Fetcher* fetcher_;
  const Clock* clock_;
  DaemonSignals* signals_;
  Pipeline pipeline_;        // sources and links on a source's origin
  Pipeline link_pipeline_;   // other links: through the guarded link fetcher
  std::set<std::string> source_origins_;  // RobotsTxtUrl of each source: same-origin key
  RobotsCache robots_;
  std::map<std::string, std::unique_ptr<Pattern>> follow_;  // page sources: name -> compiled follow
  WarcWriter* warc_ = nullptr;
  std::map<std::string, int64_t> next_due_;  // source name -> Unix seconds
  std::string rules_fingerprint_;
  int64_t last_rules_check_ = 0;
  AlertStage* alert_stage_ = nullptr;
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_DAEMON_H_
