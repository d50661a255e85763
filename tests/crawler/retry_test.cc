// Retry policy: which failures are retried, how long the backoff grows, and
// that a server's Retry-After is honoured within its cap.
#include "crawler/retry.h"

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "crawler/curl_transfer.h"

namespace ecwatch {
namespace {

TEST_CASE("only transient failures are retried, and only while attempts remain", "[crawler][retry]") {
  RetryPolicy policy;
  policy.max_attempts = 3;
  CHECK(ShouldRetry(policy, 1, true));
  CHECK(ShouldRetry(policy, 2, true));
  CHECK_FALSE(ShouldRetry(policy, 3, true));
  CHECK_FALSE(ShouldRetry(policy, 1, false));  // 4xx, caps, refused address: final
}

TEST_CASE("backoff doubles per attempt with jitter in [d/2, d], capped", "[crawler][retry]") {
  RetryPolicy policy;
  policy.base_delay_seconds = 10;
  policy.max_delay_seconds = 60;
  for (uint64_t r : {0ull, 1ull, 7ull, 123456789ull, ~0ull}) {
    const int64_t first = RetryDelaySeconds(policy, 1, -1, r);
    CHECK(first >= 5);
    CHECK(first <= 10);
    const int64_t third = RetryDelaySeconds(policy, 3, -1, r);
    CHECK(third >= 20);
    CHECK(third <= 40);
    const int64_t tenth = RetryDelaySeconds(policy, 10, -1, r);
    CHECK(tenth >= 30);
    CHECK(tenth <= 60);
  }
  // Different random values spread the waits.
  CHECK(RetryDelaySeconds(policy, 3, -1, 0) != RetryDelaySeconds(policy, 3, -1, 20));
}

TEST_CASE("Retry-After raises the wait to what the server asked, within the cap", "[crawler][retry]") {
  RetryPolicy policy;
  policy.base_delay_seconds = 1;
  CHECK(RetryDelaySeconds(policy, 1, 120, 0) == 120);
  CHECK(RetryDelaySeconds(policy, 1, 0, 0) >= 1);
  CHECK(RetryDelaySeconds(policy, 1, 10 * limits::kMaxRetryAfterSeconds, 0) ==
        limits::kMaxRetryAfterSeconds);
}

TEST_CASE("Retry-After is read as delta-seconds or an HTTP-date", "[crawler][retry]") {
  using crawler_internal::ParseRetryAfter;
  CHECK(ParseRetryAfter("120", 0) == 120);
  CHECK(ParseRetryAfter("", 0) == -1);
  CHECK(ParseRetryAfter("soon", 0) == -1);
  CHECK(ParseRetryAfter("99999999999999", 0) == -1);
  // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 (RFC 9110's example date).
  CHECK(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30) == 30);
  CHECK(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30) == 0);
}

}  // namespace
}  // namespace ecwatch
