// Daemon::Run: the schedule loop, source polling, signals and rule reloads.
#include "app/daemon.h"

#include <signal.h>
#include <time.h>

#include "app/service_notify.h"
#include "base/log.h"

namespace ecwatch {
namespace {

DaemonSignals* g_signals = nullptr;

void OnStop(int) { if (g_signals) g_signals->stop.store(true); }
void OnReload(int) { if (g_signals) g_signals->reload.store(true); }

constexpr int64_t kRulesCheckSeconds = 2;
// Longest wait of one crawl step: bounds how late a signal is noticed.
constexpr int kStepMs = 200;

}  // namespace

void InstallSignalHandlers(DaemonSignals* signals) {
  g_signals = signals;
  struct sigaction stop {};
  stop.sa_handler = OnStop;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGTERM, &stop, nullptr);
  sigaction(SIGINT, &stop, nullptr);
  struct sigaction reload {};
  reload.sa_handler = OnReload;
  sigemptyset(&reload.sa_mask);
  sigaction(SIGHUP, &reload, nullptr);
}

Daemon::Daemon(Config config, std::unique_ptr<RuleSets> rules, Store* store,
               MultiFetcher* fetcher, const Clock* clock, DaemonSignals* signals)
    : config_(std::move(config)),
      rules_(std::move(rules)),
      store_(store),
      fetcher_(fetcher),
      clock_(clock),
      signals_(signals),
      // Only ever given fetched bytes (StoreAnalyzed): no fetcher.
      pipeline_(nullptr, &rules_->default_set(), store, clock),
      robots_(clock, config_.user_agent) {}

void Daemon::set_capture(WarcWriter* warc) {
  warc_ = warc;
  pipeline_.set_capture(warc);
}

Status Daemon::ReloadRules() { return ReloadRuleSets(true); }

Status Daemon::ReloadRuleSets(bool all) {
  Status status = rules_->Reload(all);
  pipeline_.set_rules(&rules_->default_set());
  if (!status.ok()) {
    NotifyReady("rules reload refused: " + status.message());
  } else {
    NotifyReady("rules version " + rules_->default_set().version().substr(0, 12));
  }
  return status;
}

void Daemon::MaybeReload() {
  bool requested = signals_ && signals_->reload.exchange(false);
  int64_t now = clock_->NowSeconds();
  if (!requested && now - last_rules_check_ < kRulesCheckSeconds) return;
  last_rules_check_ = now;
  if (!requested && !rules_->Changed()) return;
  NotifyReloading();
  LogInfo(requested ? "SIGHUP: reloading rules from " + std::to_string(rules_->dirs().size()) +
                          " directories, and the config's sources"
                    : std::string("rule files changed: reloading"));
  ReloadRuleSets(requested);
  if (requested) ReloadSources();
}

void Daemon::ReloadSources() {
  if (config_.path.empty()) return;
  Result<Config> loaded = LoadConfig(config_.path);
  if (!loaded.ok()) {
    LogError("config reload refused, keeping " + std::to_string(config_.sources.size()) +
             " sources: " + loaded.status().message());
    return;
  }
  // The new sources' rule directories load now, beside the running ones
  // (which the crawl keeps using until it restarts on the new sources).
  std::vector<SourceConfig> both = config_.sources;
  both.insert(both.end(), loaded->sources.begin(), loaded->sources.end());
  if (Status s = rules_->UseSources(both); !s.ok()) {
    LogError("config reload refused, keeping " + std::to_string(config_.sources.size()) +
             " sources: " + s.message());
    return;
  }
  next_sources_ = std::make_unique<std::vector<SourceConfig>>(std::move(loaded->sources));
}

Status Daemon::RunAlertStage(PassStats* stats) {
  if (!alert_stage_) return Status::Ok();
  Result<std::vector<StoryChange>> changes = alert_stage_->ProcessPending();
  if (!changes.ok()) return changes.status();
  for (StoryChange& change : changes.value()) {
    if (change.created || change.updated) {
      LogWarn(std::string(change.created ? "ALERT " : "UPDATE ") + std::to_string(change.story_id) +
              ": " + change.summary + " (" + std::to_string(change.sources) + " sources) <" +
              change.url + ">");
    } else {
      LogInfo("alert " + std::to_string(change.story_id) + ": another source <" + change.url + ">");
    }
    stats->stories.push_back(std::move(change));
  }
  return Status::Ok();
}

Status Daemon::Deliver(PassStats* stats) {
  if (!alert_stage_) return Status::Ok();
  Result<DeliveryReport> report = alert_stage_->DeliverDue();
  if (!report.ok()) return report.status();
  stats->deliveries.delivered += report->delivered;
  stats->deliveries.retried += report->retried;
  stats->deliveries.failed += report->failed;
  return Status::Ok();
}

void Daemon::FreeRetiredRules(const AnalyzePool& pool) {
  if (rules_->retired_count() > 0 && pool.outstanding() == 0) rules_->FreeRetired();
}

Status Daemon::Loop(Crawl* crawl, bool once, PassStats* stats) {
  while (!(signals_ && signals_->stop.load())) {
    NotifyWatchdog();
    MaybeReload();
    if (Status s = Deliver(stats); !s.ok()) return s;
    if (Status s = crawl->Step(kStepMs, stats); !s.ok()) return s;
    FreeRetiredRules(*pool_);
    if (once && crawl->Finished()) return Deliver(stats);
    if (next_sources_) return Status::Ok();  // Run restarts the crawl on them
  }
  return Status::Ok();
}

Status Daemon::Run(bool once, PassStats* stats) {
  const RuleSet& rules = rules_->default_set();
  LogInfo("ecwatch started: " + std::to_string(config_.sources.size()) + " sources, " +
          std::to_string(rules.rule_count()) + " rules (version " + rules.version().substr(0, 12) +
          "), " + std::to_string(rules_->dirs().size()) + " rule directories, " +
          std::to_string(config_.concurrency) + " transfers at once");
  Result<std::unique_ptr<Frontier>> frontier = Frontier::ForStore(store_);
  if (!frontier.ok()) return frontier.status();
  AnalyzePool pool(config_.extract_threads);
  pool_ = &pool;
  // Events stored before a crash but not yet in a story are picked up here.
  if (Status s = RunAlertStage(stats); !s.ok()) return s;
  NotifyReady("watching " + std::to_string(config_.sources.size()) + " sources");
  Status status = Status::Ok();
  while (status.ok()) {
    Crawl crawl(&config_, once, store_, frontier->get(), fetcher_, &robots_, &pipeline_, &pool,
                clock_);
    crawl.set_on_new_document([this](PassStats* s) {
      if (Status st = RunAlertStage(s); !st.ok()) LogError("alert stage: " + st.message());
    });
    crawl.set_rules_for([this](const SourceConfig* source) { return rules_->For(source); });
    status = Loop(&crawl, once, stats);
    // Transfers in flight are aborted and stay due: the next crawl (or the
    // next start) fetches them.
    if (Status s = crawl.Abort(); !s.ok() && status.ok()) status = s;
    if (!next_sources_ || (signals_ && signals_->stop.load())) break;
    config_.sources = std::move(*next_sources_);
    next_sources_.reset();
    rules_->UseSources(config_.sources);  // retires what no source names; loads nothing new
    LogInfo("config reloaded: " + std::to_string(config_.sources.size()) +
            " sources (other settings apply after a restart)");
    NotifyReady("watching " + std::to_string(config_.sources.size()) + " sources");
  }
  NotifyStopping();
  pool_ = nullptr;
  LogInfo("ecwatch stopping");
  return status;
}

}  // namespace ecwatch
