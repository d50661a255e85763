// Crawl: scheduling (sources, frontier), dispatch under politeness and
// robots.txt, and the handling of each finished transfer.
//
// Tested end to end by tests/app/crawl_test.cc and tests/app/daemon*_test.cc.
#include "app/crawl.h"

#include <time.h>

#include <algorithm>
#include <chrono>

#include "app/service_notify.h"
#include "base/limits.h"
#include "base/log.h"

namespace ecwatch {

namespace {

// Queued article jobs kept per transfer slot (more are read when these run out).
constexpr int kPendingPerSlot = 8;
// Longest sleep while only the analysis pool has work.
constexpr int kPoolPollMs = 2;
// How often the frontier is read when nothing new was added to it.
constexpr int64_t kRefillIntervalMs = 1000;

}  // namespace

Crawl::Crawl(const Config* config, bool once, Store* store, Frontier* frontier,
             MultiFetcher* fetcher, RobotsCache* robots, Pipeline* pipeline, AnalyzePool* pool,
             const Clock* clock)
    : config_(config),
      once_(once),
      store_(store),
      frontier_(frontier),
      fetcher_(fetcher),
      robots_(robots),
      pipeline_(pipeline),
      pool_(pool),
      clock_(clock),
      gate_(config->per_host_delay_ms, config->per_host_connections),
      random_(std::random_device{}()) {
  retry_.max_attempts = config->max_attempts;
  retry_.base_delay_seconds = config->retry_delay_seconds;
  for (const SourceConfig& source : config->sources) {
    sources_by_name_[source.name] = &source;
    source_origins_.insert(OriginOf(source.url));
    if (source.follow.empty()) continue;
    // LoadConfig already compiled every pattern once to validate it.
    if (auto follow = Pattern::Compile(source.follow); follow.ok()) {
      follow_[source.name] = std::move(follow).value();
    }
  }
}

int64_t Crawl::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool Crawl::IsSourceOrigin(const std::string& origin) const {
  return origin.empty() || source_origins_.count(origin) > 0;
}

void Crawl::QueueDueSources(int64_t now) {
  for (const SourceConfig& source : config_->sources) {
    if (!source.enabled || sources_busy_.count(source.name)) continue;
    auto due = source_due_.find(source.name);
    if (due != source_due_.end() && due->second > now) continue;
    Job job;
    job.kind = JobKind::kSource;
    job.url = source.url;
    job.origin = OriginOf(source.url);
    job.source = &source;
    sources_busy_.insert(source.name);
    // A once run polls each source once: never due again.
    source_due_[source.name] = once_ ? INT64_MAX : now;
    pending_.push_front(std::move(job));  // sources before articles
  }
}

Status Crawl::Refill(int64_t now) {
  const int64_t now_ms = NowMs();
  const std::size_t want = static_cast<std::size_t>(fetcher_->capacity()) * kPendingPerSlot;
  // Read more when the queue runs low; but when the last read found nothing
  // more to do, only once links were added or the interval passed.
  if (queued_urls_.size() > want / 2) return Status::Ok();
  if (frontier_drained_ && !frontier_dirty_ && now_ms < next_refill_ms_) return Status::Ok();
  next_refill_ms_ = now_ms + kRefillIntervalMs;
  frontier_dirty_ = false;
  const std::size_t ask = std::min(want * 2, limits::kMaxFrontierBatch);
  Result<std::vector<FrontierEntry>> due = frontier_->Due(now, static_cast<int>(ask));
  if (!due.ok()) return due.status();
  std::size_t added = 0;
  for (FrontierEntry& entry : due.value()) {
    if (queued_urls_.size() >= want) break;
    if (!queued_urls_.insert(entry.url).second) continue;
    ++added;
    Job job;
    job.kind = JobKind::kArticle;
    job.origin = OriginOf(entry.url);
    job.url = std::move(entry.url);
    job.attempts = entry.attempts;
    auto source = sources_by_name_.find(entry.source);
    if (source != sources_by_name_.end()) job.source = source->second;
    pending_.push_back(std::move(job));
  }
  frontier_drained_ = added == 0;
  return Status::Ok();
}

Result<bool> Crawl::RobotsAllows(const Job& job, bool* drop, PassStats* stats) {
  *drop = false;
  std::optional<bool> allowed = robots_->Check(job.url);
  if (!allowed.has_value() && !robots_busy_.count(job.origin) &&
      robots_read_.insert(job.origin).second) {
    // A restart: the robots.txt fetched before may still be fresh.
    Result<std::optional<Frontier::Robots>> stored = frontier_->GetRobots(job.origin);
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) {
      const Frontier::Robots& r = stored->value();
      robots_->Put(job.origin + "/robots.txt", r.fetched_ok, r.http_status, r.body, r.fetched_at);
      NoteRobots(job.origin);
      allowed = robots_->Check(job.url);
    }
  }
  if (!allowed.has_value()) {
    if (robots_busy_.insert(job.origin).second) {
      Job robots;
      robots.kind = JobKind::kRobots;
      robots.url = job.origin + "/robots.txt";
      robots.origin = job.origin;
      pending_.push_front(std::move(robots));
    }
    return false;
  }
  if (allowed.value()) return true;
  *drop = true;
  const int64_t now = clock_->NowSeconds();
  if (robots_->Unreachable(job.url)) {
    // RFC 9309 2.3.1.4: nothing while robots.txt is unreachable; try later.
    Status s = frontier_->MarkRetry(job.url, job.attempts, 0, "robots.txt unreachable",
                                    now + kRobotsUnreachableRetrySeconds, now);
    if (!s.ok()) return s;
    return false;
  }
  ++stats->robots_disallowed;
  LogInfo("robots.txt disallows " + job.url);
  if (Status s = frontier_->MarkFailed(job.url, job.attempts, 0, "disallowed by robots.txt", now);
      !s.ok()) {
    return s;
  }
  return false;
}

void Crawl::StartJob(Job job) {
  const uint64_t tag = next_tag_++;
  FetchRequest request{job.url, "", ""};
  if (job.kind == JobKind::kSource) {
    request.etag = job.state.etag;
    request.last_modified = job.state.last_modified;
  }
  const bool guarded = !IsSourceOrigin(job.origin);
  fetcher_->Start(request, guarded, tag);
  gate_.Started(job.origin);
  in_flight_.emplace(tag, std::move(job));
}

Status Crawl::Dispatch(PassStats* stats) {
  const int64_t now_ms = NowMs();
  // Backpressure: fetch no faster than the pool analyses.
  const int max_backlog = fetcher_->capacity() * 2;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (fetcher_->in_flight() >= fetcher_->capacity()) break;
    if (it->kind == JobKind::kArticle && pool_->outstanding() >= max_backlog) {
      ++it;
      continue;
    }
    if (!gate_.MayStart(it->origin, now_ms)) {
      ++it;
      continue;
    }
    if (it->kind == JobKind::kArticle) {
      bool drop = false;
      Result<bool> allowed = RobotsAllows(*it, &drop, stats);
      if (!allowed.ok()) return allowed.status();
      if (drop) {
        queued_urls_.erase(it->url);
        it = pending_.erase(it);
        continue;
      }
      if (!allowed.value()) {
        ++it;
        continue;
      }
    }
    if (it->kind == JobKind::kSource) {
      Result<SourceState> state = store_->GetSourceState(it->source->name);
      if (!state.ok()) return state.status();
      it->state = state.value();
    }
    StartJob(std::move(*it));
    it = pending_.erase(it);
  }
  return Status::Ok();
}

void Crawl::Wait(int wait_ms, int64_t now_ms) {
  if (fetcher_->in_flight() > 0 || wait_ms <= 0) return;  // Poll waits on the sockets
  if (pool_->outstanding() > 0) wait_ms = std::min(wait_ms, kPoolPollMs);
  int64_t until = now_ms + wait_ms;
  for (const Job& job : pending_) until = std::min(until, gate_.ReadyAt(job.origin, now_ms));
  const int64_t sleep_ms = std::max<int64_t>(until - now_ms, pending_.empty() ? wait_ms : 1);
  struct timespec tick {
    static_cast<time_t>(sleep_ms / 1000), static_cast<long>((sleep_ms % 1000) * 1000000)
  };
  nanosleep(&tick, nullptr);
}

Status Crawl::Step(int wait_ms, PassStats* stats) {
  const int64_t now = clock_->NowSeconds();
  QueueDueSources(now);
  if (Status s = Refill(now); !s.ok()) return s;
  if (Status s = Dispatch(stats); !s.ok()) return s;
  std::vector<FetchCompletion> finished;
  if (fetcher_->in_flight() > 0) {
    finished = fetcher_->Poll(wait_ms);
  } else {
    Wait(wait_ms, NowMs());
    finished = fetcher_->Poll(0);
  }
  for (FetchCompletion& done : finished) {
    NotifyWatchdog();
    if (Status s = Handle(std::move(done), stats); !s.ok()) return s;
  }
  return CollectAnalyzed(stats);
}

Status Crawl::CollectAnalyzed(PassStats* stats) {
  std::vector<Analyzed> batch = pool_->Collect();
  if (batch.empty()) return Status::Ok();
  // One transaction for the lot: each page with its fetch record and its
  // frontier mark, so a kill loses whole pages (fetched again), never half.
  if (Status s = store_->BeginBatch(); !s.ok()) return s;
  const int before = stats->documents_new;
  for (Analyzed& analyzed : batch) {
    auto it = analyzing_.find(analyzed.tag);
    if (it == analyzing_.end()) continue;
    Job job = std::move(it->second);
    analyzing_.erase(it);
    if (Status s = FinishArticle(job, std::move(analyzed), stats); !s.ok()) {
      store_->EndBatch(false);
      return s;
    }
  }
  if (Status s = store_->EndBatch(true); !s.ok()) return s;
  // The alert stage opens its own transactions: after the batch.
  if (stats->documents_new > before && on_new_document_) on_new_document_(stats);
  return Status::Ok();
}

Status Crawl::Handle(FetchCompletion done, PassStats* stats) {
  auto it = in_flight_.find(done.tag);
  if (it == in_flight_.end()) return Status::Ok();
  Job job = std::move(it->second);
  in_flight_.erase(it);
  const int64_t now_ms = NowMs();
  gate_.Finished(job.origin, now_ms);
  if (done.retry_after_seconds >= 0 && (done.http_status == 429 || done.http_status == 503)) {
    const int64_t wait = std::min<int64_t>(done.retry_after_seconds, limits::kMaxRetryAfterSeconds);
    gate_.Defer(job.origin, now_ms + wait * 1000);
  }
  switch (job.kind) {
    case JobKind::kRobots:
      HandleRobots(job, done);
      return Status::Ok();
    case JobKind::kSource:
    case JobKind::kChildSitemap:
      return HandleSource(job, done, stats);
    case JobKind::kArticle:
      return HandleArticle(job, done, stats);
  }
  return Status::Ok();
}

void Crawl::HandleRobots(const Job& job, const FetchCompletion& done) {
  robots_busy_.erase(job.origin);
  const std::string_view body =
      done.result.ok() ? std::string_view(done.result->body) : std::string_view();
  robots_->Put(job.url, done.result.ok(), done.http_status, body);
  NoteRobots(job.origin);
  Frontier::Robots stored{done.http_status, done.result.ok(), std::string(body),
                          clock_->NowSeconds()};
  if (Status s = frontier_->PutRobots(job.origin, stored); !s.ok()) {
    LogWarn("robots.txt of " + job.origin + " not kept: " + s.message());
  }
}

void Crawl::NoteRobots(const std::string& origin) {
  gate_.SetCrawlDelay(origin, robots_->CrawlDelay(origin + "/robots.txt"));
}

}  // namespace ecwatch
