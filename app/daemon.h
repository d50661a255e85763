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
#include "app/crawl.h"
#include "app/config.h"
#include "app/pipeline.h"
#include "crawler/multi_fetcher.h"
#include "crawler/robots_cache.h"
#include "rules/rule_set.h"

namespace ecwatch {

// Process-wide flags set by signal handlers (async-signal-safe).
struct DaemonSignals {
  std::atomic<bool> stop{false};
  std::atomic<bool> reload{false};
};
// Installs SIGTERM/SIGINT (stop) and SIGHUP (reload) handlers writing to signals.
void InstallSignalHandlers(DaemonSignals* signals);

// Not thread-safe; one Daemon per process. Borrows store, fetcher and clock.
// The fetching itself is app/crawl.h's; the daemon adds the schedule loop,
// signals, rule reloads and the alert stage.
class Daemon {
 public:
  Daemon(Config config, std::unique_ptr<RuleSet> rules, Store* store, MultiFetcher* fetcher,
         const Clock* clock, DaemonSignals* signals);

  // once: poll every enabled source once, fetch what they list (waiting for
  // retries due within a minute), then return. Otherwise loop until
  // signals->stop, then abort transfers in flight (recorded; fetched again
  // on the next start) and return within a second. Returns the first store
  // error that makes going on pointless (database unwritable); fetch and
  // page errors are logged, recorded and survived.
  Status Run(bool once, PassStats* stats);

  // The alert stage run after each stored document and for deliveries
  // (borrowed; may be null: no stories, no delivery).
  void set_alert_stage(AlertStage* stage) { alert_stage_ = stage; }

  // Keeps every fetch as fetched in WARC files (borrowed; null: none).
  void set_capture(WarcWriter* warc);

  // Reloads rules from the config's directory; on failure the old set stays
  // and the error is returned (and logged). Public for tests.
  Status ReloadRules();
  const RuleSet& rules() const { return *rules_; }

 private:
  std::string RulesFingerprint() const;
  void MaybeReload();
  // SIGHUP: reads the config file again; its sources replace the running
  // ones at the next turn (a bad file is refused, logged, and changes
  // nothing). Other settings (store, crawler, alerts) need a restart.
  void ReloadSources();
  // Stories from pending events; deliveries due now. Store errors returned.
  Status RunAlertStage(PassStats* stats);
  Status Deliver(PassStats* stats);
  Status Loop(Crawl* crawl, bool once, PassStats* stats);
  // Frees replaced rule sets once no page is being matched with them.
  void FreeRetiredRules(const AnalyzePool& pool);

  Config config_;
  std::unique_ptr<RuleSet> rules_;
  // Replaced by a reload while the analysis pool may still use them.
  std::vector<std::unique_ptr<RuleSet>> retired_rules_;
  Store* store_;
  MultiFetcher* fetcher_;
  const Clock* clock_;
  DaemonSignals* signals_;
  Pipeline pipeline_;        // extract -> match -> store of fetched documents
  RobotsCache robots_;       // filled by the crawl's own robots.txt fetches
  WarcWriter* warc_ = nullptr;
  std::string rules_fingerprint_;
  int64_t last_rules_check_ = 0;
  AlertStage* alert_stage_ = nullptr;
  AnalyzePool* pool_ = nullptr;  // during Run
  std::unique_ptr<std::vector<SourceConfig>> next_sources_;  // from a SIGHUP, not yet applied
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_DAEMON_H_
