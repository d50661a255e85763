// Crawl: the daemon's concurrent fetch loop — sources on their schedules,
// the links they list through the frontier, politely and with retries.
//
// One thread, many transfers: a MultiFetcher runs up to [crawler]
// concurrency transfers at once, at most one per origin, with
// [crawler] per_host_delay (or a larger robots.txt Crawl-delay) between two
// requests to an origin. Sources are polled with conditional GET; the links
// they list (feed items, sitemap <loc>s, page links matching `follow`) are
// canonicalised and, unless already stored, added to the frontier in SQLite
// (store/frontier.h), which is what the crawl fetches from, so a restart
// resumes it. A failed fetch is recorded in `fetches` and retried with
// exponential backoff and jitter when transient (timeouts, resets, 5xx, 429
// with Retry-After honoured); 4xx and other final errors are not retried.
#ifndef ECWATCH_APP_CRAWL_H_
#define ECWATCH_APP_CRAWL_H_

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "app/alert_stage.h"
#include "app/analyze_pool.h"
#include "app/config.h"
#include "app/pipeline.h"
#include "base/clock.h"
#include "crawler/host_gate.h"
#include "crawler/multi_fetcher.h"
#include "crawler/retry.h"
#include "crawler/robots_cache.h"
#include "crawler/sitemap.h"
#include "rules/pattern.h"
#include "store/frontier.h"
#include "store/store.h"

namespace ecwatch {

struct PassStats {
  int sources_polled = 0;
  int sources_failed = 0;
  int links_seen = 0;            // links listed by sources (before dedup)
  int links_queued = 0;          // of which new to the frontier
  int documents_new = 0;
  int documents_failed = 0;      // given up: final error or attempts exhausted
  int fetches_retried = 0;       // failed attempts scheduled again
  int robots_disallowed = 0;     // links robots.txt disallows, not fetched
  std::vector<AlertRow> alerts;  // per-document alert rows raised during the pass
  std::vector<StoryChange> stories;  // stories created or changed during the pass
  DeliveryReport deliveries;         // outbox attempts during the run
};

// Borrows everything it is given; not thread-safe.
class Crawl {
 public:
  // once: every enabled source is polled exactly once (Finished() tells when
  // all it led to is done). fetcher's `open` options serve sources and their
  // origins, `guarded` ones (SSRF guard) every other origin.
  // Pages are extracted and matched on pool's threads, stored on this one.
  Crawl(const Config* config, bool once, Store* store, Frontier* frontier, MultiFetcher* fetcher,
        RobotsCache* robots, Pipeline* pipeline, AnalyzePool* pool, const Clock* clock);

  // Called after each document stored as new (the alert stage).
  void set_on_new_document(std::function<void(PassStats*)> fn) { on_new_document_ = std::move(fn); }
  // The rule set a source's pages are matched with (the daemon's RuleSets);
  // unset: the pipeline's.
  void set_rules_for(std::function<const RuleSet*(const SourceConfig*)> fn) {
    rules_for_ = std::move(fn);
  }

  // One turn: queues due sources and frontier URLs, starts what politeness
  // allows, waits up to wait_ms for transfers and handles those finished.
  // Returns a store error (the database is unwritable); everything else is
  // recorded and survived.
  Status Step(int wait_ms, PassStats* stats);

  // once mode: every source polled, nothing queued or in flight, and no
  // frontier URL due within kOnceRetryWaitSeconds (later retries are left
  // for the next run).
  bool Finished();

  // Stops every transfer in flight; each is recorded in `fetches` as aborted
  // and stays due in the frontier (fetched again on the next start). Pages
  // already fetched are analysed and stored first.
  Status Abort();

  // Earliest time (Unix seconds) anything is due: a source or a frontier URL.
  int64_t NextDue();

  int in_flight() const { return fetcher_->in_flight(); }

  // A once run waits for retries due this soon, and leaves later ones.
  static constexpr int64_t kOnceRetryWaitSeconds = 60;
  // Links of an origin whose robots.txt is unreachable wait this long.
  static constexpr int64_t kRobotsUnreachableRetrySeconds = 3600;

 private:
  enum class JobKind { kSource, kChildSitemap, kRobots, kArticle };
  struct Job {
    JobKind kind = JobKind::kArticle;
    std::string url;
    std::string origin;           // OriginOf(url)
    const SourceConfig* source = nullptr;
    int attempts = 0;             // earlier attempts (frontier)
    SourceState state;            // kSource: validators sent
    std::string lastmod;          // kChildSitemap: its <lastmod> in the index, "" none
  };

  void QueueDueSources(int64_t now);
  Status Refill(int64_t now);
  Status Dispatch(PassStats* stats);
  // Whether the article job may go now; queues its origin's robots.txt when
  // unknown; marks it failed when disallowed. False: keep it pending.
  Result<bool> RobotsAllows(const Job& job, bool* drop, PassStats* stats);
  void StartJob(Job job);
  void Wait(int wait_ms, int64_t now_ms);
  Status Handle(FetchCompletion done, PassStats* stats);
  Status HandleSource(const Job& job, FetchCompletion& done, PassStats* stats);
  Status HandleArticle(const Job& job, FetchCompletion& done, PassStats* stats);
  // Stores what the pool made of a fetched article; marks the frontier.
  Status FinishArticle(const Job& job, Analyzed analyzed, PassStats* stats);
  Status CollectAnalyzed(PassStats* stats);
  void HandleRobots(const Job& job, const FetchCompletion& done);
  // Applies the origin's robots.txt Crawl-delay to politeness.
  void NoteRobots(const std::string& origin);
  // Links a source lists; child sitemaps of an index are queued as jobs.
  Result<std::vector<std::string>> DiscoverLinks(const Job& job, const FetchResult& fetched);
  // Queues the children of a sitemap index whose <lastmod> changed since
  // they were last fetched (or that have none), at most kMaxChildSitemaps.
  Status QueueChildSitemaps(const Job& job, const std::vector<SitemapEntry>& entries);
  Status QueueLinks(const Job& job, const std::vector<std::string>& links, PassStats* stats);
  Status QueueEach(const Job& job, const std::vector<std::string>& links, int64_t now,
                   PassStats* stats);
  void ScheduleSource(const SourceConfig& source, bool failed, bool transient,
                      int64_t retry_after, int64_t now);
  bool IsSourceOrigin(const std::string& origin) const;
  int64_t NowMs() const;

  const Config* config_;
  bool once_;
  Store* store_;
  Frontier* frontier_;
  MultiFetcher* fetcher_;
  RobotsCache* robots_;
  Pipeline* pipeline_;
  AnalyzePool* pool_;
  const Clock* clock_;
  HostGate gate_;
  RetryPolicy retry_;
  std::mt19937_64 random_;
  std::function<void(PassStats*)> on_new_document_;
  std::function<const RuleSet*(const SourceConfig*)> rules_for_;

  std::map<std::string, std::unique_ptr<Pattern>> follow_;  // page sources: name -> pattern
  std::map<std::string, const SourceConfig*> sources_by_name_;  // the frontier names sources
  std::set<std::string> source_origins_;
  std::map<std::string, int64_t> source_due_;       // name -> Unix seconds
  std::map<std::string, int> source_failures_;      // name -> consecutive failures
  std::set<std::string> sources_busy_;              // queued or in flight
  std::list<Job> pending_;                          // waiting for a slot, politeness, robots
  std::set<std::string> queued_urls_;               // article URLs pending or in flight
  std::set<std::string> robots_busy_;               // origins whose robots.txt is being fetched
  std::set<std::string> robots_read_;               // origins looked up in the database
  std::map<uint64_t, Job> in_flight_;
  std::map<uint64_t, Job> analyzing_;               // fetched, in the pool
  uint64_t next_tag_ = 1;
  int64_t next_refill_ms_ = 0;
  bool frontier_dirty_ = true;    // links were added since the last refill
  bool frontier_drained_ = false; // the last refill found nothing new to queue
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_CRAWL_H_
