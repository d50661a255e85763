// Retry: when and how soon a failed fetch is tried again.
//
// Exponential backoff with jitter: the wait before attempt n+1 is drawn from
// [d/2, d] with d = base * 2^(n-1), capped; a server's Retry-After (429/503)
// raises it to at least what the server asked, within a cap. Pure functions.
#ifndef ECWATCH_CRAWLER_RETRY_H_
#define ECWATCH_CRAWLER_RETRY_H_

#include <cstdint>

namespace ecwatch {

struct RetryPolicy {
  int max_attempts = 4;                  // attempts in all, the first included
  int64_t base_delay_seconds = 30;       // d for the second attempt
  int64_t max_delay_seconds = 6 * 3600;  // cap on d
};

// Whether a failure after `attempts` attempts (>= 1) is tried again: only
// transient failures (timeouts, resets, 5xx, 429; see TransferOutcome), and
// only while attempts < policy.max_attempts.
bool ShouldRetry(const RetryPolicy& policy, int attempts, bool transient);

// Seconds to wait after the attempts-th failed attempt (>= 1). random is any
// 64-bit value (the jitter). retry_after_seconds >= 0 is the server's
// Retry-After, honoured up to limits::kMaxRetryAfterSeconds; -1 for none.
// Always >= 1.
int64_t RetryDelaySeconds(const RetryPolicy& policy, int attempts, int64_t retry_after_seconds,
                          uint64_t random);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_RETRY_H_
