// Daemon::Run: the schedule loop, source polling, signals and rule reloads.
#include "app/daemon.h"

#include <signal.h>
#include <time.h>

#include <algorithm>
#include <filesystem>

#include "app/service_notify.h"
#include "base/log.h"
#include "crawler/feed.h"
#include "crawler/url.h"
#include "extract/extractor.h"
#include "rules/pattern.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

DaemonSignals* g_signals = nullptr;

void OnStop(int) { if (g_signals) g_signals->stop.store(true); }
void OnReload(int) { if (g_signals) g_signals->reload.store(true); }

constexpr int64_t kRulesCheckSeconds = 2;

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

Daemon::Daemon(Config config, std::unique_ptr<RuleSet> rules, Store* store, Fetcher* fetcher,
               const Clock* clock, DaemonSignals* signals)
    : config_(std::move(config)),
      rules_(std::move(rules)),
      store_(store),
      fetcher_(fetcher),
      clock_(clock),
      signals_(signals),
      pipeline_(fetcher, rules_.get(), store, clock),
      link_pipeline_(fetcher, rules_.get(), store, clock),
      robots_(fetcher, clock, config_.user_agent) {
  rules_fingerprint_ = RulesFingerprint();
  for (const SourceConfig& source : config_.sources) {
    if (auto origin = RobotsTxtUrl(source.url); origin.ok()) source_origins_.insert(origin.value());
    if (source.follow.empty()) continue;
    // LoadConfig already compiled every pattern once to validate it.
    if (auto follow = Pattern::Compile(source.follow); follow.ok()) {
      follow_[source.name] = std::move(follow).value();
    }
  }
}

void Daemon::set_link_fetcher(Fetcher* link_fetcher) {
  link_pipeline_ = Pipeline(link_fetcher, rules_.get(), store_, clock_);
  link_pipeline_.set_capture(warc_);
}

void Daemon::set_capture(WarcWriter* warc) {
  warc_ = warc;
  pipeline_.set_capture(warc);
  link_pipeline_.set_capture(warc);
}

std::string Daemon::RulesFingerprint() const {
  std::error_code ec;
  std::vector<std::string> parts;
  for (const auto& entry : fs::directory_iterator(config_.rules_dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    auto mtime = fs::last_write_time(entry.path(), ec).time_since_epoch().count();
    parts.push_back(entry.path().filename().string() + ":" + std::to_string(mtime) + ":" +
                    std::to_string(entry.file_size(ec)));
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += p + ";";
  return out;
}

Status Daemon::ReloadRules() {
  Result<std::unique_ptr<RuleSet>> loaded = RuleSet::LoadDir(config_.rules_dir);
  if (!loaded.ok()) {
    LogError("rules reload refused, keeping version " + rules_->version().substr(0, 12) + ": " +
             loaded.status().message());
    NotifyReady("rules reload refused: " + loaded.status().message());
    return loaded.status();
  }
  rules_ = std::move(loaded).value();
  pipeline_.set_rules(rules_.get());
  link_pipeline_.set_rules(rules_.get());
  NotifyReady("rules version " + rules_->version().substr(0, 12));
  LogInfo("rules reloaded: " + std::to_string(rules_->rule_count()) + " rules, version " +
          rules_->version().substr(0, 12));
  return Status::Ok();
}

void Daemon::MaybeReload() {
  bool requested = signals_ && signals_->reload.exchange(false);
  int64_t now = clock_->NowSeconds();
  if (!requested && now - last_rules_check_ < kRulesCheckSeconds) return;
  last_rules_check_ = now;
  std::string fingerprint = RulesFingerprint();
  if (!requested && fingerprint == rules_fingerprint_) return;
  rules_fingerprint_ = fingerprint;
  NotifyReloading();
  LogInfo(requested ? "SIGHUP: reloading rules from " + config_.rules_dir
                    : "rule files changed: reloading from " + config_.rules_dir);
  ReloadRules();
}

Result<std::vector<std::string>> Daemon::DiscoverLinks(const SourceConfig& source,
                                                       const FetchResult& fetched) {
  std::vector<std::string> links;
  if (source.kind == SourceConfig::Kind::kFeed) {
    Result<std::vector<FeedItem>> items = ParseFeed(fetched.final_url, fetched.body);
    if (!items.ok()) return items.status();
    for (const FeedItem& item : items.value()) links.push_back(item.url);
    return links;
  }
  auto follow = follow_.find(source.name);
  if (follow == follow_.end()) return Status::InvalidArgument("source '" + source.name + "': no follow pattern");
  for (std::string& link : ExtractLinks(fetched.final_url, fetched.content_type, fetched.body)) {
    if (follow->second->PartialMatch(link)) links.push_back(std::move(link));
  }
  return links;
}

void Daemon::IngestLink(const SourceConfig& source, const std::string& link, PassStats* stats) {
  NotifyWatchdog();
  Result<std::string> canonical = CanonicalizeUrl(link);
  const std::string& url = canonical.ok() ? canonical.value() : link;
  Result<bool> known = store_->HasUrl(url);
  if (known.ok() && known.value()) return;
  if (!robots_.IsAllowed(url)) {
    ++stats->robots_disallowed;
    LogInfo("source " + source.name + ": robots.txt disallows " + url);
    return;
  }
  Result<std::string> origin = RobotsTxtUrl(url);
  const bool own_origin = !origin.ok() || source_origins_.count(origin.value()) > 0;
  Pipeline& pipeline = own_origin ? pipeline_ : link_pipeline_;
  Result<IngestReport> report = pipeline.Ingest(IngestInput{url, false, source.name, ""});
  if (!report.ok()) {
    ++stats->documents_failed;
    LogWarn("source " + source.name + ": " + report.status().message());
    return;
  }
  if (report->stored.inserted) {
    ++stats->documents_new;
    if (Status s = RunAlertStage(stats); !s.ok()) LogError("alert stage: " + s.message());
  }
  if (report->stored.alert_id != 0) {
    Result<std::vector<AlertRow>> rows = store_->ListAlerts(report->stored.alert_id - 1, 1);
    // Logged per story by RunAlertStage ("ALERT n" / "UPDATE n").
    if (rows.ok() && !rows->empty()) stats->alerts.push_back(rows->front());
  }
}

Status Daemon::PollSource(const SourceConfig& source, PassStats* stats) {
  ++stats->sources_polled;
  Result<SourceState> state = store_->GetSourceState(source.name);
  if (!state.ok()) return state.status();
  SourceState st = state.value();
  st.name = source.name;
  st.last_fetch = clock_->NowSeconds();
  long http_status = 0;
  Result<FetchResult> fetched =
      fetcher_->Fetch(FetchRequest{source.url, st.etag, st.last_modified}, &http_status);
  FetchRecord record{source.url, source.name, http_status, "", st.last_fetch};
  Result<std::vector<std::string>> links = Status::Ok();
  if (!fetched.ok()) {
    record.error = fetched.status().message();
  } else if (!fetched->not_modified()) {
    links = DiscoverLinks(source, fetched.value());
    if (!links.ok()) record.error = links.status().message();
  }
  if (Status s = store_->RecordFetch(record); !s.ok()) return s;
  if (!record.error.empty()) {
    ++stats->sources_failed;
    st.last_error = record.error;
    LogWarn("source " + source.name + ": " + record.error);
    return store_->PutSourceState(st);
  }
  st.last_success = st.last_fetch;
  st.last_error.clear();
  if (fetched->not_modified()) return store_->PutSourceState(st);
  st.etag = fetched->etag;
  st.last_modified = fetched->last_modified;
  stats->links_seen += static_cast<int>(links->size());
  for (const std::string& url : links.value()) {
    if (signals_ && signals_->stop.load()) break;
    IngestLink(source, url, stats);
  }
  return store_->PutSourceState(st);
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

void Daemon::SleepUntil(int64_t when) {
  while (!(signals_ && (signals_->stop.load() || signals_->reload.load()))) {
    if (clock_->NowSeconds() >= when) return;
    NotifyWatchdog();
    struct timespec tick {0, 200 * 1000 * 1000};
    nanosleep(&tick, nullptr);
    if (clock_->NowSeconds() - last_rules_check_ >= kRulesCheckSeconds) return;
  }
}

Status Daemon::Run(bool once, PassStats* stats) {
  LogInfo("ecwatch started: " + std::to_string(config_.sources.size()) + " sources, " +
          std::to_string(rules_->rule_count()) + " rules (version " +
          rules_->version().substr(0, 12) + ")");
  NotifyReady("watching " + std::to_string(config_.sources.size()) + " sources");
  // Events stored before a crash but not yet in a story are picked up here.
  if (Status s = RunAlertStage(stats); !s.ok()) return s;
  while (!(signals_ && signals_->stop.load())) {
    MaybeReload();
    if (Status s = Deliver(stats); !s.ok()) return s;
    int64_t now = clock_->NowSeconds();
    int64_t next = now + 3600;
    if (alert_stage_) {
      if (std::optional<int64_t> due = alert_stage_->NextDeliveryAt()) next = std::max(now, *due);
    }
    for (const SourceConfig& source : config_.sources) {
      if (!source.enabled) continue;
      if (signals_ && signals_->stop.load()) break;
      int64_t& due = next_due_[source.name];
      if (due <= now) {
        if (Status s = PollSource(source, stats); !s.ok()) return s;
        due = clock_->NowSeconds() + source.interval_seconds;
      }
      next = std::min(next, due);
    }
    if (once) {
      if (Status s = Deliver(stats); !s.ok()) return s;
      break;
    }
    if (Status s = Deliver(stats); !s.ok()) return s;
    if (alert_stage_) {
      if (std::optional<int64_t> due = alert_stage_->NextDeliveryAt()) {
        next = std::min(next, std::max(clock_->NowSeconds(), *due));
      }
    }
    SleepUntil(next);
  }
  NotifyStopping();
  LogInfo("ecwatch stopping");
  return Status::Ok();
}

}  // namespace ecwatch
