// RobotsCache: robots.txt policies per origin, as its caller fetched them.
#ifndef ECWATCH_CRAWLER_ROBOTS_CACHE_H_
#define ECWATCH_CRAWLER_ROBOTS_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/clock.h"
#include "crawler/robots.h"

namespace ecwatch {

// Answers "may we fetch this URL?" from each origin's robots.txt, which the
// caller fetches (without blocking, in the crawl loop) and hands to Put; a
// policy is kept 24 hours (RFC 9309 2.4), or 1 hour when robots.txt was
// unreachable (then everything is disallowed, 2.3.1.4). At most
// limits::kMaxRobotsHosts origins are kept; the oldest entry is dropped
// first. Not thread-safe.
class RobotsCache {
 public:
  // clock is not owned and must outlive the cache. The product token of
  // user_agent (ProductToken) selects the robots.txt groups.
  RobotsCache(const Clock* clock, const std::string& user_agent);
  RobotsCache(const RobotsCache&) = delete;
  RobotsCache& operator=(const RobotsCache&) = delete;

  // Whether url may be fetched. URLs that are not http(s) (file://) have no
  // robots.txt and are allowed; a malformed http(s) URL is not. nullopt when
  // the origin's robots.txt is not cached or has expired: fetch
  // RobotsTxtUrl(url) and hand the outcome to Put.
  std::optional<bool> Check(const std::string& url) const;

  // Caches the outcome of fetching robots_url (as RobotsPolicy::FromFetch),
  // fetched at fetched_at (Unix seconds; -1: now) — an earlier fetch read
  // back from the database expires as it would have.
  void Put(const std::string& robots_url, bool fetch_ok, long http_status, std::string_view body,
           int64_t fetched_at = -1);

  // True while url's origin is cached as unreachable (its robots.txt gave a
  // 5xx or no answer: everything is disallowed until it expires).
  bool Unreachable(const std::string& url) const;

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
    bool unreachable = false;  // 5xx or no response: disallow all for a while
  };
  Entry FromOutcome(bool fetch_ok, long http_status, std::string_view body,
                    int64_t fetched_at = -1) const;
  // The live entry for url's origin, or null (expired, absent, malformed).
  const Entry* Find(const std::string& url) const;
  void EvictOldest();

  const Clock* clock_;
  std::string product_token_;
  std::unordered_map<std::string, Entry> entries_;  // key: the robots.txt URL
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_ROBOTS_CACHE_H_
