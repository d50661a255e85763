// Retry: exponential backoff with jitter, honouring Retry-After within a cap.
//
// Tested by tests/crawler/retry_test.cc.
#include "crawler/retry.h"

#include <algorithm>

#include "base/limits.h"

namespace ecwatch {

bool ShouldRetry(const RetryPolicy& policy, int attempts, bool transient) {
  return transient && attempts < policy.max_attempts;
}

int64_t RetryDelaySeconds(const RetryPolicy& policy, int attempts, int64_t retry_after_seconds,
                          uint64_t random) {
  const int64_t cap = std::max<int64_t>(1, policy.max_delay_seconds);
  int64_t d = std::clamp<int64_t>(policy.base_delay_seconds, 1, cap);
  for (int i = 1; i < attempts && d < cap; ++i) d = std::min(cap, d * 2);
  // Jitter: uniform in [d/2, d], so that many clients failing together spread out.
  const int64_t half = d / 2;
  int64_t wait = half + static_cast<int64_t>(random % static_cast<uint64_t>(d - half + 1));
  if (retry_after_seconds >= 0) {
    wait = std::max(wait, std::min<int64_t>(retry_after_seconds, limits::kMaxRetryAfterSeconds));
  }
  return std::max<int64_t>(1, wait);
}

}  // namespace ecwatch
