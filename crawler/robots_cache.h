// RobotsCache: robots.txt policies per origin, fetched on demand.
#ifndef ECWATCH_CRAWLER_ROBOTS_CACHE_H_
#define ECWATCH_CRAWLER_ROBOTS_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/clock.h"
#include "crawler/fetcher.h"
#include "crawler/robots.h"

namespace ecwatch {

// Answers "may we fetch this URL?" by fetching each origin's /robots.txt
// once through the Fetcher seam and keeping the policy for 24 hours (RFC
// 9309 2.4), or 1 hour when robots.txt was unreachable (then everything is
// disallowed, 2.3.1.4). At most limits::kMaxRobotsHosts origins are kept;
// the oldest entry is dropped first. Not thread-safe: one per thread, like
// the Fetcher it uses.
class RobotsCache {
 public:
  // fetcher and clock are not owned and must outlive the cache. The product
  // token of user_agent (ProductToken) selects the robots.txt groups.
  RobotsCache(Fetcher* fetcher, const Clock* clock, const std::string& user_agent);
  RobotsCache(const RobotsCache&) = delete;
  RobotsCache& operator=(const RobotsCache&) = delete;

  // Whether url may be fetched. URLs that are not http(s) (file://) have no
  // robots.txt and are allowed; a malformed http(s) URL is not.
  bool IsAllowed(const std::string& url);

  // The same answer without fetching, for callers that fetch robots.txt
  // themselves (the concurrent crawl loop): nullopt when the origin's
  // robots.txt is not cached or has expired; then fetch RobotsTxtUrl(url)
  // and hand the outcome to Put.
  std::optional<bool> Check(const std::string& url) const;

  // Caches the outcome of fetching robots_url (as RobotsPolicy::FromFetch),
  // fetched at fetched_at (Unix seconds; -1: now) — an earlier fetch read
  // back from the database expires as it would have.
  void Put(const std::string& robots_url, bool fetch_ok, long http_status, std::string_view body,
           int64_t fetched_at = -1);

  // The cached policy's Crawl-delay for url's origin in seconds; 0 if none
  // or not cached.
  double CrawlDelay(const std::string& url) const;

  // Origins currently cached.
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    RobotsPolicy policy = RobotsPolicy::AllowAll();
    int64_t expires_at = 0;
    int64_t fetched_at = 0;
  };
  const Entry& Lookup(const std::string& robots_url);
  Entry Fetch(const std::string& robots_url);
  Entry FromOutcome(bool fetch_ok, long http_status, std::string_view body,
                    int64_t fetched_at = -1) const;
  // The live entry for url's origin, or null (expired, absent, malformed).
  const Entry* Find(const std::string& url) const;
  void EvictOldest();

  Fetcher* fetcher_;
  const Clock* clock_;
  std::string product_token_;
  std::unordered_map<std::string, Entry> entries_;  // key: the robots.txt URL
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_ROBOTS_CACHE_H_
