// RobotsCache: robots.txt policies per origin with expiry, filled by Put.
//
// Tested by tests/crawler/robots_cache_test.cc with a fake Clock.
#include "crawler/robots_cache.h"

#include <cctype>

#include "base/limits.h"
#include "crawler/url.h"

namespace ecwatch {

namespace {

constexpr int64_t kCacheSeconds = 24 * 3600;        // RFC 9309 2.4: at most 24 hours
constexpr int64_t kUnreachableRetrySeconds = 3600;  // retry an unreachable robots.txt sooner

bool IsHttpUrl(const std::string& url) {
  const size_t colon = url.find(':');
  if (colon == std::string::npos) return false;
  std::string scheme = url.substr(0, colon);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "http" || scheme == "https";
}

}  // namespace

RobotsCache::RobotsCache(const Clock* clock, const std::string& user_agent)
    : clock_(clock), product_token_(ProductToken(user_agent)) {}

RobotsCache::Entry RobotsCache::FromOutcome(bool fetch_ok, long http_status,
                                            std::string_view body, int64_t fetched_at) const {
  Entry entry;
  entry.policy = RobotsPolicy::FromFetch(fetch_ok, http_status, body, product_token_);
  entry.fetched_at = fetched_at >= 0 ? fetched_at : clock_->NowSeconds();
  entry.unreachable = !fetch_ok && !(http_status >= 400 && http_status < 500);
  entry.expires_at =
      entry.fetched_at + (entry.unreachable ? kUnreachableRetrySeconds : kCacheSeconds);
  return entry;
}

const RobotsCache::Entry* RobotsCache::Find(const std::string& url) const {
  Result<std::string> robots_url = RobotsTxtUrl(url);
  if (!robots_url.ok()) return nullptr;
  auto it = entries_.find(robots_url.value());
  if (it == entries_.end() || clock_->NowSeconds() >= it->second.expires_at) return nullptr;
  return &it->second;
}

std::optional<bool> RobotsCache::Check(const std::string& url) const {
  if (!IsHttpUrl(url)) return true;
  if (!RobotsTxtUrl(url).ok()) return false;
  const Entry* entry = Find(url);
  if (entry == nullptr) return std::nullopt;
  return entry->policy.IsAllowed(PathAndQuery(url));
}

void RobotsCache::Put(const std::string& robots_url, bool fetch_ok, long http_status,
                      std::string_view body, int64_t fetched_at) {
  if (entries_.find(robots_url) == entries_.end() && entries_.size() >= limits::kMaxRobotsHosts) {
    EvictOldest();
  }
  entries_[robots_url] = FromOutcome(fetch_ok, http_status, body, fetched_at);
}

bool RobotsCache::Unreachable(const std::string& url) const {
  const Entry* entry = Find(url);
  return entry != nullptr && entry->unreachable;
}

double RobotsCache::CrawlDelay(const std::string& url) const {
  const Entry* entry = Find(url);
  return entry == nullptr ? 0 : entry->policy.crawl_delay_seconds();
}

void RobotsCache::EvictOldest() {
  auto oldest = entries_.begin();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.fetched_at < oldest->second.fetched_at) oldest = it;
  }
  if (oldest != entries_.end()) entries_.erase(oldest);
}

}  // namespace ecwatch
