// Daemon: polls the configured sources on their schedules and ingests each
// new article through the Pipeline, matched with its source's rule set;
// reloads rules on SIGHUP or file change.
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
#include "app/rule_sets.h"
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
  // rules: the global set and those of the sources naming their own
  // directory (RuleSets::Load(config.rules_dir, config.sources)); owned.
  Daemon(Config config, std::unique_ptr<RuleSets> rules, Store* store, MultiFetcher* fetcher,
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

  // Reloads every rule directory (the global one and the sources'); a
  // directory whose set fails to load keeps its old set, and the first
  // such error is returned (each is logged). Public for tests.
  Status ReloadRules();
  // The global set (sources without their own `rules`).
  const RuleSet& rules() const { return rules_->default_set(); }
  const RuleSets& rule_sets() const { return *rules_; }

 private:
  // Reloads every directory (all) or those whose files changed.
  Status ReloadRuleSets(bool all);
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
  std::unique_ptr<RuleSets> rules_;  // keeps replaced sets until the pool is idle
  Store* store_;
  MultiFetcher* fetcher_;
  const Clock* clock_;
  DaemonSignals* signals_;
  Pipeline pipeline_;        // extract -> match -> store of fetched documents
  RobotsCache robots_;       // filled by the crawl's own robots.txt fetches
  WarcWriter* warc_ = nullptr;
  int64_t last_rules_check_ = 0;
  AlertStage* alert_stage_ = nullptr;
  AnalyzePool* pool_ = nullptr;  // during Run
  std::unique_ptr<std::vector<SourceConfig>> next_sources_;  // from a SIGHUP, not yet applied
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_DAEMON_H_
