// ingest, extract, run and status: wiring of the stages for each command.
#include "app/commands.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>

#include "app/alert_config.h"
#include "app/alert_stage.h"
#include "app/config.h"
#include "app/daemon.h"
#include "app/pipeline.h"
#include "app/report.h"
#include "app/rule_sets.h"
#include "base/log.h"
#include "crawler/address_policy.h"
#include "crawler/fetcher.h"
#include "crawler/warc.h"
#include "extract/batch.h"
#include "rules/rule_set.h"
#include "store/alert_store.h"
#include "store/frontier.h"
#include "store/store.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// The directory holding the running binary ("" when unknown).
fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

Result<Config> LoadConfigIfGiven(const GlobalOptions& g) {
  if (g.config.empty()) return Config{};
  return LoadConfig(g.config);
}

int Fail(const Status& status, Streams io) {
  io.err << "ecwatch: " << status.message() << "\n";
  return ExitCodeFor(status);
}

std::string ReadAll(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Opens store and rules as the command line asks.
struct Stages {
  std::unique_ptr<Store> store;
  std::unique_ptr<RuleSet> rules;
};

Result<Stages> OpenStages(const GlobalOptions& g, bool need_rules) {
  Stages stages;
  if (need_rules) {
    Result<std::string> dir = ResolveRulesDir(g);
    if (!dir.ok()) return dir.status();
    Result<std::unique_ptr<RuleSet>> rules = RuleSet::LoadDir(dir.value());
    if (!rules.ok()) return rules.status();
    stages.rules = std::move(rules).value();
  }
  Result<std::string> db = ResolveDbPath(g);
  if (!db.ok()) return db.status();
  Result<std::unique_ptr<Store>> store = Store::Open(db.value());
  if (!store.ok()) return store.status();
  stages.store = std::move(store).value();
  return stages;
}

// The alert stage over an open store: sinks and windows from the config
// when one is given (else defaults and no sinks).
struct Alerting {
  std::unique_ptr<AlertStore> store;
  std::unique_ptr<AlertStage> stage;
};

Result<Alerting> OpenAlerting(const GlobalOptions& g, Store* store, const Clock* clock) {
  AlertConfig config;
  if (!g.config.empty()) {
    Result<AlertConfig> loaded = LoadAlertConfig(g.config);
    if (!loaded.ok()) return loaded.status();
    config = std::move(loaded).value();
  }
  Result<std::unique_ptr<AlertStore>> alerts = AlertStore::ForStore(store);
  if (!alerts.ok()) return alerts.status();
  Alerting out;
  out.store = std::move(alerts).value();
  out.stage = std::make_unique<AlertStage>(std::move(config), out.store.get(), clock);
  return out;
}

Json StoryChangeJson(const StoryChange& c) {
  return Json{{"id", c.story_id},  {"created", c.created}, {"updated", c.updated},
              {"revision", c.revision}, {"summary", c.summary}, {"sources", c.sources}};
}

// ingest --source NAME: the options with NAME's `rules` directory as --rules
// (the daemon matches NAME's documents with it); g itself when NAME names
// none. InvalidArgument without --config or for a name it does not list.
Result<GlobalOptions> AsSource(const GlobalOptions& g, const Config& config) {
  if (g.source.empty()) return g;
  if (g.config.empty()) return Status::InvalidArgument("--source needs --config FILE");
  for (const SourceConfig& source : config.sources) {
    if (source.name != g.source) continue;
    GlobalOptions out = g;
    if (!source.rules.empty()) out.rules = source.rules;
    return out;
  }
  return Status::InvalidArgument(g.config + ": no [[source]] named '" + g.source + "'");
}

FetchOptions FetchOptionsFor(const Config& config) {
  FetchOptions options;
  if (!config.user_agent.empty()) options.user_agent = config.user_agent;
  return options;
}

}  // namespace

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk: return kExitOk;
    case Status::Code::kInvalidArgument: return kExitUsage;
    case Status::Code::kNotFound: return kExitNotFound;
    case Status::Code::kNetworkError: return kExitNetwork;
    case Status::Code::kUnsupported: return kExitUnsupported;
    case Status::Code::kIoError:
    case Status::Code::kCorruption: return kExitStore;
    case Status::Code::kTooLarge: return kExitTooLarge;
  }
  return kExitFindings;
}

Result<std::string> ResolveDbPath(const GlobalOptions& g) {
  if (!g.db.empty()) return g.db;
  if (std::string env = Env("ECWATCH_DB"); !env.empty()) return env;
  Result<Config> config = LoadConfigIfGiven(g);
  if (!config.ok()) return config.status();
  if (!config->store_path.empty()) return config->store_path;
  if (std::string xdg = Env("XDG_DATA_HOME"); !xdg.empty()) return xdg + "/ecwatch/ecwatch.db";
  if (std::string home = Env("HOME"); !home.empty()) {
    return home + "/.local/share/ecwatch/ecwatch.db";
  }
  return Status::InvalidArgument("no database: give --db PATH or set ECWATCH_DB");
}

Result<std::string> ResolveRulesDir(const GlobalOptions& g) {
  if (!g.rules.empty()) return g.rules;
  if (std::string env = Env("ECWATCH_RULES"); !env.empty()) return env;
  Result<Config> config = LoadConfigIfGiven(g);
  if (!config.ok()) return config.status();
  if (!config->rules_dir.empty()) return config->rules_dir;
  fs::path exe_dir = ExecutableDir();
  std::error_code ec;
  if (!exe_dir.empty()) {
    for (fs::path candidate : {exe_dir.parent_path() / "rules" / "sets", exe_dir / "rules" / "sets",
                               exe_dir.parent_path() / "share" / "ecwatch" / "rules"}) {
      if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
    }
  }
  return std::string(ECWATCH_INSTALLED_RULES_DIR);
}

int RunIngest(const GlobalOptions& given, const std::string& target, Streams io) {
  Result<Config> config = LoadConfigIfGiven(given);
  if (!config.ok()) return Fail(config.status(), io);
  Result<GlobalOptions> options_for_source = AsSource(given, config.value());
  if (!options_for_source.ok()) return Fail(options_for_source.status(), io);
  const GlobalOptions& g = options_for_source.value();
  Result<Stages> stages = OpenStages(g, true);
  if (!stages.ok()) return Fail(stages.status(), io);
  FetchOptions options = FetchOptionsFor(config.value());
  if (g.no_private) {
    Result<AddressPolicy> guard = AddressPolicy::BlockPrivate(config->allow_private);
    if (!guard.ok()) return Fail(guard.status(), io);
    options.address_policy = guard.value();
  }
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(options);
  SystemClock clock;
  Pipeline pipeline(fetcher.get(), stages->rules.get(), stages->store.get(), &clock);
  IngestInput input{target, g.force_text, g.source, ""};
  if (target == "-") input.stdin_bytes = ReadAll(io.in);
  Result<IngestReport> report = pipeline.Ingest(input);
  if (!report.ok()) return Fail(report.status(), io);
  Result<Alerting> alerting = OpenAlerting(g, stages->store.get(), &clock);
  if (!alerting.ok()) return Fail(alerting.status(), io);
  Result<std::vector<StoryChange>> stories = alerting->stage->ProcessPending();
  if (!stories.ok()) return Fail(stories.status(), io);
  DeliveryReport delivered;
  if (g.deliver) {
    Result<DeliveryReport> d = alerting->stage->DeliverDue();
    if (!d.ok()) return Fail(d.status(), io);
    delivered = d.value();
  }
  if (g.json) {
    Json out = IngestJson(report.value());
    out["stories"] = Json::array();
    for (const StoryChange& c : stories.value()) out["stories"].push_back(StoryChangeJson(c));
    if (g.deliver) {
      out["deliveries"] = {{"delivered", delivered.delivered}, {"retried", delivered.retried},
                           {"failed", delivered.failed}};
    }
    io.out << out.dump(2) << "\n";
    return kExitOk;
  }
  io.out << IngestText(report.value());
  for (const StoryChange& c : stories.value()) {
    if (!c.created && !c.updated) continue;  // another event of a known alert
    io.out << (c.created ? "Alert " : "Alert updated ")
           << c.story_id << ": " << c.summary << " (" << c.sources << " sources)\n";
  }
  if (g.deliver) {
    io.out << delivered.delivered << " deliveries made, " << delivered.retried << " to retry, "
           << delivered.failed << " failed\n";
  }
  return kExitOk;
}

int RunExtract(const GlobalOptions& g, const std::string& target, Streams io) {
  Result<Config> config = LoadConfigIfGiven(g);
  if (!config.ok()) return Fail(config.status(), io);
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(FetchOptionsFor(config.value()));
  SystemClock clock;
  Pipeline pipeline(fetcher.get(), nullptr, nullptr, &clock);
  IngestInput input{target, g.force_text, "", ""};
  if (target == "-") input.stdin_bytes = ReadAll(io.in);
  Result<Article> article = pipeline.ExtractOnly(input);
  if (!article.ok()) return Fail(article.status(), io);
  if (g.json) {
    io.out << ArticleJson(article.value()).dump(2) << "\n";
  } else {
    io.out << article->text << "\n";
  }
  return kExitOk;
}

int RunExtractBatch(const std::string& dir, const std::string& out_dir, int jobs, Streams io) {
  const bool tty = isatty(STDERR_FILENO);
  BatchReport report;
  Status status = ExtractBatch(dir, out_dir, jobs, &report, [&](std::size_t done, std::size_t total) {
    if (tty && (done % 10 == 0 || done == total)) {
      io.err << "\rextracting " << done << "/" << total << std::flush;
      if (done == total) io.err << "\n";
    }
  });
  if (!status.ok()) return Fail(status, io);
  for (const std::string& failure : report.failures) io.err << "ecwatch: skipped " << failure << "\n";
  io.out << report.written << " documents extracted to " << out_dir << ", "
         << report.failures.size() << " skipped\n";
  return kExitOk;
}

namespace {

// The summary of `run --once`: counts, then one line per new or changed alert.
void PrintPass(const PassStats& stats, std::ostream& out) {
  int created = 0, updated = 0;
  for (const StoryChange& c : stats.stories) (c.created ? created : updated) += c.created || c.updated;
  out << stats.sources_polled << " sources polled (" << stats.sources_failed << " failed), "
      << stats.links_seen << " links, " << stats.documents_new << " new documents ("
      << stats.documents_failed << " failed, " << stats.fetches_retried << " retries), " << created << " alerts, " << updated
      << " updates, " << stats.deliveries.delivered << " deliveries ("
      << stats.deliveries.retried << " to retry, " << stats.deliveries.failed << " failed)\n";
  for (const StoryChange& c : stats.stories) {
    if (!c.created && !c.updated) continue;
    out << (c.created ? "ALERT " : "UPDATE ") << c.story_id << ": " << c.summary << "\n    "
        << c.sources << (c.sources == 1 ? " source" : " sources") << ", first seen "
        << FormatIso8601(c.first_seen) << "\n    " << c.url << "\n";
  }
}

}  // namespace

int RunDaemon(const GlobalOptions& g, bool once, Streams io) {
  if (g.config.empty()) return Fail(Status::InvalidArgument("run needs --config FILE"), io);
  Result<Config> config = LoadConfig(g.config);
  if (!config.ok()) return Fail(config.status(), io);
  LogLevel level = LogLevel::kInfo;
  if (ParseLogLevel(config->log_level, &level)) SetLogLevel(level);
  Result<std::string> rules_dir = ResolveRulesDir(g);
  if (!rules_dir.ok()) return Fail(rules_dir.status(), io);
  config->rules_dir = rules_dir.value();
  // The global set and each source's own `rules` directory, loaded once each.
  Result<std::unique_ptr<RuleSets>> rule_sets = RuleSets::Load(config->rules_dir, config->sources);
  if (!rule_sets.ok()) return Fail(rule_sets.status(), io);
  Result<Stages> stages = OpenStages(g, false);
  if (!stages.ok()) return Fail(stages.status(), io);
  SystemClock clock;
  static DaemonSignals signals;
  InstallSignalHandlers(&signals);
  Result<Alerting> alerting = OpenAlerting(g, stages->store.get(), &clock);
  if (!alerting.ok()) return Fail(alerting.status(), io);
  // Links found in pages and feeds may not reach private addresses (SSRF guard);
  // the configured sources' origins may.
  Result<AddressPolicy> guard = AddressPolicy::BlockPrivate(config->allow_private);
  if (!guard.ok()) return Fail(guard.status(), io);
  FetchOptions options = FetchOptionsFor(config.value());
  options.total_timeout_seconds = config->timeout_seconds;
  FetchOptions link_options = options;
  link_options.address_policy = guard.value();
  link_options.allow_file_scheme = false;
  MultiFetcher fetcher(options, link_options, config->concurrency);
  std::unique_ptr<WarcWriter> warc;
  if (!config->warc_dir.empty()) {
    Result<std::unique_ptr<WarcWriter>> opened = WarcWriter::Open(config->warc_dir, &clock);
    if (!opened.ok()) return Fail(opened.status(), io);
    warc = std::move(opened).value();
    if (Status s = WarcWriter::Prune(config->warc_dir, config->warc_retention_days, clock);
        !s.ok()) {
      LogWarn("WARC retention: " + s.message());
    }
  }
  Daemon daemon(std::move(config).value(), std::move(rule_sets).value(), stages->store.get(),
                &fetcher, &clock, &signals);
  daemon.set_alert_stage(alerting->stage.get());
  daemon.set_capture(warc.get());
  PassStats stats;
  Status status = daemon.Run(once, &stats);
  if (!status.ok()) return Fail(status, io);
  if (once) PrintPass(stats, io.out);
  return kExitOk;
}

}  // namespace ecwatch

namespace ecwatch {
namespace {

// "45s", "12m", "5h", "3d".
std::string Span(int64_t d) {
  if (d < 120) return std::to_string(d) + "s";
  if (d < 7200) return std::to_string(d / 60) + "m";
  if (d < 172800) return std::to_string(d / 3600) + "h";
  return std::to_string(d / 86400) + "d";
}

std::string Ago(int64_t then, int64_t now) {
  if (then == 0) return "never";
  return Span(now - then) + " ago";
}

std::string Cell(std::string text, std::size_t width) {
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  return text + std::string(width - text.size() + 1, ' ');
}

// The nearest-rank percentile q (0..1] of ascending values; 0 when empty.
int64_t Percentile(const std::vector<int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(q * static_cast<double>(sorted.size()) + 0.999999);
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// Outbox counts, failed deliveries and latency over the last day.
Result<Json> DeliveryStatus(Store* store, int64_t now) {
  Result<std::unique_ptr<AlertStore>> alerts = AlertStore::ForStore(store);
  if (!alerts.ok()) return alerts.status();
  Result<OutboxCounts> counts = alerts.value()->CountOutbox();
  if (!counts.ok()) return counts.status();
  Result<std::vector<int64_t>> latencies = alerts.value()->DeliveryLatencies(now - 86400);
  if (!latencies.ok()) return latencies.status();
  Result<std::vector<OutboxEntry>> failed = alerts.value()->ListOutbox(0);
  if (!failed.ok()) return failed.status();
  Json failures = Json::array();
  for (const OutboxEntry& e : failed.value()) {
    failures.push_back({{"alert_id", e.story_id}, {"sink", e.sink}, {"revision", e.revision},
                        {"attempts", e.attempts}, {"error", e.last_error}});
  }
  return Json{{"pending", counts->pending}, {"delivered", counts->delivered},
              {"failed", counts->failed}, {"failures", failures},
              {"deliveries_last_day", latencies->size()},
              {"latency_median_seconds", Percentile(latencies.value(), 0.5)},
              {"latency_p95_seconds", Percentile(latencies.value(), 0.95)}};
}

void PrintDeliveryStatus(const Json& d, std::ostream& out) {
  out << "\nalert deliveries: " << d["pending"].get<int64_t>() << " pending, "
      << d["delivered"].get<int64_t>() << " delivered, " << d["failed"].get<int64_t>()
      << " failed\n";
  out << "fetch-to-delivery latency, last day (" << d["deliveries_last_day"].get<int64_t>()
      << " deliveries): median " << d["latency_median_seconds"].get<int64_t>() << "s, p95 "
      << d["latency_p95_seconds"].get<int64_t>() << "s\n";
  for (const Json& f : d["failures"]) {
    out << "  FAILED alert " << f["alert_id"].get<int64_t>() << " -> "
        << f["sink"].get<std::string>() << " (" << f["attempts"].get<int>()
        << " attempts): " << Cell(f["error"].get<std::string>(), 48) << "\n";
  }
}

}  // namespace

namespace {

// Per source: URLs waiting in the frontier, given up, and the next poll
// (from the config, when given: last poll + interval).
struct SourceQueue {
  FrontierCounts frontier;
  int64_t next_poll = 0;  // Unix seconds, 0 unknown
};

Result<SourceQueue> QueueOf(Frontier* frontier, const Config& config, const SourceStatus& s) {
  SourceQueue queue;
  Result<FrontierCounts> counts = frontier->Counts(s.name);
  if (!counts.ok()) return counts.status();
  queue.frontier = counts.value();
  for (const SourceConfig& source : config.sources) {
    if (source.name == s.name && source.enabled) queue.next_poll = s.last_fetch + source.interval_seconds;
  }
  return queue;
}

std::string Until(int64_t then, int64_t now) {
  if (then == 0) return "?";
  if (then <= now) return "now";
  return "in " + Span(then - now);
}

}  // namespace

int RunStatus(const GlobalOptions& g, Streams io) {
  Result<Config> config = LoadConfigIfGiven(g);
  if (!config.ok()) return Fail(config.status(), io);
  Result<Stages> stages = OpenStages(g, false);
  if (!stages.ok()) return Fail(stages.status(), io);
  Result<std::vector<SourceStatus>> sources = stages->store->ListSourceStatus();
  if (!sources.ok()) return Fail(sources.status(), io);
  Result<std::unique_ptr<Frontier>> frontier = Frontier::ForStore(stages->store.get());
  if (!frontier.ok()) return Fail(frontier.status(), io);
  const int64_t now = SystemClock().NowSeconds();
  Result<Json> deliveries = DeliveryStatus(stages->store.get(), now);
  if (!deliveries.ok()) return Fail(deliveries.status(), io);
  constexpr int64_t kFailingForADay = 86400;
  std::vector<SourceQueue> queues;
  for (const SourceStatus& s : sources.value()) {
    Result<SourceQueue> queue = QueueOf(frontier->get(), config.value(), s);
    if (!queue.ok()) return Fail(queue.status(), io);
    queues.push_back(queue.value());
  }
  if (g.json) {
    Json out = Json::array();
    for (std::size_t i = 0; i < sources->size(); ++i) {
      const SourceStatus& s = sources.value()[i];
      out.push_back({{"name", s.name}, {"fetches", s.fetches}, {"errors", s.errors},
                     {"last_fetch", s.last_fetch}, {"last_success", s.last_success},
                     {"last_error", s.last_error}, {"last_error_at", s.last_error_at},
                     {"documents", s.documents}, {"alerts", s.alerts},
                     {"queued", queues[i].frontier.due}, {"given_up", queues[i].frontier.failed},
                     {"next_poll", queues[i].next_poll},
                     {"failing_for_a_day", s.last_fetch != 0 && now - s.last_success > kFailingForADay}});
    }
    io.out << Json{{"sources", out}, {"alerts", deliveries.value()}}.dump(2) << "\n";
    return kExitOk;
  }
  io.out << Cell("source", 20) << Cell("last success", 13) << Cell("next", 8) << Cell("docs", 6)
         << Cell("alerts", 6) << Cell("queued", 6) << "last error\n";
  for (std::size_t i = 0; i < sources->size(); ++i) {
    const SourceStatus& s = sources.value()[i];
    std::string name = s.name.empty() ? "(manual)" : s.name;
    bool stale = s.last_fetch != 0 && now - s.last_success > kFailingForADay;
    io.out << Cell(name, 20) << Cell(Ago(s.last_success, now), 13)
           << Cell(s.name.empty() ? "-" : Until(queues[i].next_poll, now), 8)
           << Cell(std::to_string(s.documents), 6) << Cell(std::to_string(s.alerts), 6)
           << Cell(std::to_string(queues[i].frontier.due), 6)
           << (s.last_error.empty() ? "-" : Cell(Ago(s.last_error_at, now) + ": " + s.last_error, 20))
           << (stale ? "  FAILING" : "") << "\n";
  }
  if (sources->empty()) io.out << "no sources fetched yet\n";
  PrintDeliveryStatus(deliveries.value(), io.out);
  return kExitOk;
}

}  // namespace ecwatch
