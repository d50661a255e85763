// HostGate: politeness per host — one transfer at a time (or max_per_origin),
// and a pause between the end of one and the start of the next.
//
// Keyed by origin (scheme://host[:port], see OriginOf). The pause is the larger
// of the default delay and the host's robots.txt Crawl-delay (capped at
// limits::kMaxCrawlDelaySeconds); a server's Retry-After can push the next
// start later still. Idle entries are forgotten beyond
// limits::kMaxHostsTracked. Times are milliseconds on any monotonic scale
// the caller chooses. Not thread-safe.
#ifndef ECWATCH_CRAWLER_HOST_GATE_H_
#define ECWATCH_CRAWLER_HOST_GATE_H_

#include <cstdint>
#include <string>
#include <unordered_map>

namespace ecwatch {

// "scheme://host[:port]" of an http(s) URL, lowercased, default port
// dropped; "" for other URLs (file://), which the gate never holds back.
std::string OriginOf(const std::string& url);

class HostGate {
 public:
  explicit HostGate(int64_t default_delay_ms, int max_per_origin = 1)
      : default_delay_ms_(default_delay_ms), max_per_origin_(max_per_origin < 1 ? 1 : max_per_origin) {}

  // True when fewer than max_per_origin transfers to origin are in flight
  // and its pause has passed.
  bool MayStart(const std::string& origin, int64_t now_ms) const;
  // Earliest time origin may start (now_ms when it may start now; a large
  // value while max_per_origin transfers are in flight).
  int64_t ReadyAt(const std::string& origin, int64_t now_ms) const;

  void Started(const std::string& origin);
  // The transfer ended at now_ms; the next may start after the pause.
  void Finished(const std::string& origin, int64_t now_ms);
  // No start before until_ms (Retry-After).
  void Defer(const std::string& origin, int64_t until_ms);
  // robots.txt Crawl-delay of origin, in seconds (<= 0: none).
  void SetCrawlDelay(const std::string& origin, double seconds);

  std::size_t size() const { return hosts_.size(); }

 private:
  struct Host {
    int in_flight = 0;
    int64_t ready_at_ms = 0;
    int64_t crawl_delay_ms = 0;
  };
  void ForgetIdle(int64_t now_ms);

  int64_t default_delay_ms_;
  int max_per_origin_;
  std::unordered_map<std::string, Host> hosts_;
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_HOST_GATE_H_
