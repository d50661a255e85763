// Crawl: what happens when a transfer ends — sources list links into the
// frontier, articles go through the pipeline, failures are retried or given
// up — and the once-mode end, abort and next-due bookkeeping.
#include <algorithm>

#include "app/crawl.h"
#include "base/limits.h"
#include "base/log.h"
#include "crawler/feed.h"
#include "crawler/sitemap.h"
#include "crawler/url.h"
#include "extract/extractor.h"

namespace ecwatch {

namespace {

// Child sitemaps of one sitemap index fetched per poll.
constexpr std::size_t kMaxChildSitemaps = 1000;

}  // namespace

Result<std::vector<std::string>> Crawl::DiscoverLinks(const Job& job, const FetchResult& fetched) {
  std::vector<std::string> links;
  switch (job.source->kind) {
    case SourceConfig::Kind::kFeed: {
      Result<std::vector<FeedItem>> items = ParseFeed(fetched.final_url, fetched.body);
      if (!items.ok()) return items.status();
      for (const FeedItem& item : items.value()) links.push_back(item.url);
      return links;
    }
    case SourceConfig::Kind::kSitemap: {
      Result<Sitemap> sitemap = ParseSitemap(fetched.final_url, fetched.body);
      if (!sitemap.ok()) return sitemap.status();
      if (!sitemap->is_index) {
        for (const SitemapEntry& entry : sitemap->entries) links.push_back(entry.url);
        return links;
      }
      if (job.kind == JobKind::kChildSitemap) return links;  // no index of indexes
      if (Status s = QueueChildSitemaps(job, sitemap->entries); !s.ok()) return s;
      return links;
    }
    case SourceConfig::Kind::kPage: {
      auto follow = follow_.find(job.source->name);
      if (follow == follow_.end()) {
        return Status::InvalidArgument("source '" + job.source->name + "': no follow pattern");
      }
      for (std::string& link : ExtractLinks(fetched.final_url, fetched.content_type, fetched.body)) {
        if (follow->second->PartialMatch(link)) links.push_back(std::move(link));
      }
      return links;
    }
  }
  return links;
}

Status Crawl::QueueChildSitemaps(const Job& job, const std::vector<SitemapEntry>& entries) {
  const std::string& source = job.source->name;
  Result<std::map<std::string, std::string>> fetched = frontier_->ChildSitemaps(source);
  if (!fetched.ok()) return fetched.status();
  std::vector<std::string> listed;
  for (const SitemapEntry& entry : entries) {
    if (listed.size() >= kMaxChildSitemaps) break;
    listed.push_back(entry.url);
    auto seen = fetched->find(entry.url);
    if (!entry.lastmod.empty() && seen != fetched->end() && seen->second == entry.lastmod) {
      continue;  // unchanged since its last successful fetch
    }
    Job child;
    child.kind = JobKind::kChildSitemap;
    child.url = entry.url;
    child.origin = OriginOf(entry.url);
    child.source = job.source;
    child.lastmod = entry.lastmod;
    pending_.push_front(std::move(child));
  }
  return frontier_->KeepChildSitemaps(source, listed);
}

Status Crawl::QueueLinks(const Job& job, const std::vector<std::string>& links, PassStats* stats) {
  const int64_t now = clock_->NowSeconds();
  stats->links_seen += static_cast<int>(links.size());
  // A feed or sitemap lists up to limits::kMaxFeedItems links: one
  // transaction for all of them, not one per link.
  if (Status s = store_->BeginBatch(); !s.ok()) return s;
  Status queued = QueueEach(job, links, now, stats);
  if (Status s = store_->EndBatch(queued.ok()); !s.ok() && queued.ok()) return s;
  return queued;
}

Status Crawl::QueueEach(const Job& job, const std::vector<std::string>& links, int64_t now,
                        PassStats* stats) {
  for (const std::string& link : links) {
    Result<std::string> canonical = CanonicalizeUrl(link);
    const std::string& url = canonical.ok() ? canonical.value() : link;
    Result<bool> known = store_->HasUrl(url);
    if (!known.ok()) return known.status();
    if (known.value()) continue;
    Result<bool> added = frontier_->Add(url, job.source->name, now);
    if (!added.ok()) return added.status();
    if (added.value()) {
      ++stats->links_queued;
      frontier_dirty_ = true;
    }
  }
  return Status::Ok();
}

void Crawl::ScheduleSource(const SourceConfig& source, bool failed, bool transient,
                           int64_t retry_after, int64_t now) {
  if (once_) return;
  int& failures = source_failures_[source.name];
  failures = failed ? failures + 1 : 0;
  // The interval, with up to 10% jitter so that sources spread out.
  const int64_t jitter = static_cast<int64_t>(random_() % static_cast<uint64_t>(
                                                  source.interval_seconds / 10 + 1));
  int64_t due = now + source.interval_seconds + jitter;
  if (failed && transient) {
    RetryPolicy policy = retry_;
    policy.max_delay_seconds = source.interval_seconds;
    due = now + RetryDelaySeconds(policy, failures, retry_after, random_());
  }
  source_due_[source.name] = due;
}

Status Crawl::HandleSource(const Job& job, FetchCompletion& done, PassStats* stats) {
  const SourceConfig& source = *job.source;
  const int64_t now = clock_->NowSeconds();
  const bool child = job.kind == JobKind::kChildSitemap;
  if (!child) {
    sources_busy_.erase(source.name);
    ++stats->sources_polled;
  }
  FetchRecord record{job.url, source.name, done.http_status, "", now};
  Result<std::vector<std::string>> links = std::vector<std::string>{};
  if (!done.result.ok()) {
    record.error = done.result.status().message();
  } else if (!done.result->not_modified()) {
    links = DiscoverLinks(job, done.result.value());
    if (!links.ok()) record.error = links.status().message();
  }
  if (Status s = store_->RecordFetch(record); !s.ok()) return s;
  if (child) {
    if (!record.error.empty()) {
      LogWarn("source " + source.name + ": " + record.error);
      return Status::Ok();
    }
    if (Status s = QueueLinks(job, links.value(), stats); !s.ok()) return s;
    if (job.lastmod.empty()) return Status::Ok();  // no <lastmod>: fetched on every poll
    return frontier_->PutChildSitemap(source.name, job.url, job.lastmod, now);
  }
  SourceState st = job.state;
  st.name = source.name;
  st.last_fetch = now;
  ScheduleSource(source, !record.error.empty(), done.transient, done.retry_after_seconds, now);
  if (!record.error.empty()) {
    ++stats->sources_failed;
    st.last_error = record.error;
    LogWarn("source " + source.name + ": " + record.error);
    return store_->PutSourceState(st);
  }
  st.last_success = now;
  st.last_error.clear();
  if (!done.result->not_modified()) {
    st.etag = done.result->etag;
    st.last_modified = done.result->last_modified;
    if (Status s = QueueLinks(job, links.value(), stats); !s.ok()) return s;
  }
  return store_->PutSourceState(st);
}

Status Crawl::HandleArticle(const Job& job, FetchCompletion& done, PassStats* stats) {
  const std::string source = job.source != nullptr ? job.source->name : "";
  const int64_t now = clock_->NowSeconds();
  const int attempts = job.attempts + 1;
  if (done.result.ok()) {
    pipeline_->Capture(done.result.value(), job.url);
    pool_->Submit(done.tag, std::move(done.result).value(),
                  rules_for_ ? rules_for_(job.source) : pipeline_->rules());
    analyzing_.emplace(done.tag, job);
    return Status::Ok();
  }
  queued_urls_.erase(job.url);
  const std::string error = done.result.status().message();
  if (Status s = store_->RecordFetch(FetchRecord{job.url, source, done.http_status, error, now});
      !s.ok()) {
    return s;
  }
  if (ShouldRetry(retry_, attempts, done.transient)) {
    const int64_t wait = RetryDelaySeconds(retry_, attempts, done.retry_after_seconds, random_());
    ++stats->fetches_retried;
    LogInfo("source " + source + ": " + error + " (attempt " + std::to_string(attempts) +
            ", again in " + std::to_string(wait) + " s)");
    return frontier_->MarkRetry(job.url, attempts, done.http_status, error, now + wait, now);
  }
  ++stats->documents_failed;
  LogWarn("source " + source + ": " + error + " (giving up after " + std::to_string(attempts) +
          (attempts == 1 ? " attempt)" : " attempts)"));
  return frontier_->MarkFailed(job.url, attempts, done.http_status, error, now);
}

Status Crawl::FinishArticle(const Job& job, Analyzed analyzed, PassStats* stats) {
  queued_urls_.erase(job.url);
  const std::string source = job.source != nullptr ? job.source->name : "";
  const int64_t now = clock_->NowSeconds();
  const int attempts = job.attempts + 1;
  const long status = analyzed.fetched.http_status;
  Result<IngestReport> report =
      pipeline_->StoreAnalyzed(analyzed.fetched, std::move(analyzed.article),
                               std::move(analyzed.findings), analyzed.keys, source);
  if (!report.ok()) {
    if (report.status().code() == Status::Code::kIoError) return report.status();  // the store
    ++stats->documents_failed;
    LogWarn("source " + source + ": " + report.status().message());
    return frontier_->MarkFailed(job.url, attempts, status, report.status().message(), now);
  }
  if (report->stored.inserted) ++stats->documents_new;
  if (report->stored.alert_id != 0) {
    Result<std::vector<AlertRow>> rows = store_->ListAlerts(report->stored.alert_id - 1, 1);
    if (rows.ok() && !rows->empty()) stats->alerts.push_back(rows->front());
  }
  return frontier_->MarkDone(job.url, attempts, status, now);
}

bool Crawl::Finished() {
  if (!pending_.empty() || fetcher_->in_flight() > 0 || !sources_busy_.empty()) return false;
  if (!analyzing_.empty()) return false;
  for (const SourceConfig& source : config_->sources) {
    if (source.enabled && !source_due_.count(source.name)) return false;  // not polled yet
  }
  Result<std::optional<int64_t>> next = frontier_->NextDue();
  if (!next.ok() || !next->has_value()) return true;
  return next->value() > clock_->NowSeconds() + kOnceRetryWaitSeconds;
}

Status Crawl::Abort() {
  const int64_t now = clock_->NowSeconds();
  for (FetchCompletion& done : fetcher_->AbortAll()) {
    auto it = in_flight_.find(done.tag);
    if (it == in_flight_.end()) continue;
    const Job& job = it->second;
    const std::string source = job.source != nullptr ? job.source->name : "";
    if (job.kind != JobKind::kRobots) {
      Status s = store_->RecordFetch(
          FetchRecord{job.url, source, 0, done.result.status().message(), now});
      if (!s.ok()) return s;
    }
    in_flight_.erase(it);
  }
  // What was fetched is not fetched again: finish analysing and store it.
  pool_->WaitIdle();
  PassStats ignored;
  return CollectAnalyzed(&ignored);
}

int64_t Crawl::NextDue() {
  int64_t next = INT64_MAX;
  for (const SourceConfig& source : config_->sources) {
    if (!source.enabled) continue;
    auto due = source_due_.find(source.name);
    next = std::min(next, due == source_due_.end() ? 0 : due->second);
  }
  if (!pending_.empty()) next = 0;
  Result<std::optional<int64_t>> frontier = frontier_->NextDue();
  if (frontier.ok() && frontier->has_value()) next = std::min(next, frontier->value());
  return next;
}

}  // namespace ecwatch
