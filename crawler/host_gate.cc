// HostGate: one transfer per origin at a time, spaced by the politeness delay.
//
// Tested by tests/crawler/host_gate_test.cc.
#include "crawler/host_gate.h"

#include <algorithm>
#include <limits>

#include "base/limits.h"
#include "crawler/url.h"

namespace ecwatch {

std::string OriginOf(const std::string& url) {
  Result<std::string> robots = RobotsTxtUrl(url);
  if (!robots.ok()) return "";
  const std::string& r = robots.value();
  return r.substr(0, r.size() - std::string("/robots.txt").size());
}

bool HostGate::MayStart(const std::string& origin, int64_t now_ms) const {
  return ReadyAt(origin, now_ms) <= now_ms;
}

int64_t HostGate::ReadyAt(const std::string& origin, int64_t now_ms) const {
  if (origin.empty()) return now_ms;
  auto it = hosts_.find(origin);
  if (it == hosts_.end()) return now_ms;
  if (it->second.in_flight >= max_per_origin_) return std::numeric_limits<int64_t>::max();
  return std::max(now_ms, it->second.ready_at_ms);
}

void HostGate::Started(const std::string& origin) {
  if (origin.empty()) return;
  ++hosts_[origin].in_flight;
}

void HostGate::Finished(const std::string& origin, int64_t now_ms) {
  if (origin.empty()) return;
  Host& host = hosts_[origin];
  host.in_flight = std::max(0, host.in_flight - 1);
  const int64_t pause = std::max(default_delay_ms_, host.crawl_delay_ms);
  host.ready_at_ms = std::max(host.ready_at_ms, now_ms + pause);
  if (hosts_.size() > limits::kMaxHostsTracked) ForgetIdle(now_ms);
}

void HostGate::Defer(const std::string& origin, int64_t until_ms) {
  if (origin.empty()) return;
  Host& host = hosts_[origin];
  host.ready_at_ms = std::max(host.ready_at_ms, until_ms);
}

void HostGate::SetCrawlDelay(const std::string& origin, double seconds) {
  if (origin.empty()) return;
  const double capped = std::clamp(seconds, 0.0, limits::kMaxCrawlDelaySeconds);
  hosts_[origin].crawl_delay_ms = static_cast<int64_t>(capped * 1000);
}

// Drops entries that hold nothing back any more (not busy, pause over).
void HostGate::ForgetIdle(int64_t now_ms) {
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    if (it->second.in_flight == 0 && it->second.ready_at_ms <= now_ms) {
      it = hosts_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace ecwatch
