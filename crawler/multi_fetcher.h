// MultiFetcher: many fetches at once over the libcurl multi interface.
//
// The crawl loop (app/crawl.h) decides what to fetch and when (politeness,
// retries); this class only runs transfers concurrently on one thread, each
// configured, capped and judged exactly like CurlFetcher's (one shared
// crawler_internal::CurlTransfer). Two option sets: `open` for URLs the
// operator configured (sources and their origins) and `guarded` for links
// found in pages, whose options carry the SSRF AddressPolicy. Requires a live
// CurlGlobal. Not thread-safe.
#ifndef ECWATCH_CRAWLER_MULTI_FETCHER_H_
#define ECWATCH_CRAWLER_MULTI_FETCHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "crawler/fetcher.h"

namespace ecwatch {

// One finished transfer.
struct FetchCompletion {
  uint64_t tag = 0;        // as given to Start
  std::string url;         // as requested
  Result<FetchResult> result = Status::IoError("transfer not finished");  // as Fetcher::Fetch
  long http_status = 0;    // status seen, 0 if none
  bool transient = false;  // timeout, reset, DNS, 408/429/5xx: worth retrying
  int64_t retry_after_seconds = -1;  // server's Retry-After, -1 none
};

class MultiFetcher {
 public:
  // At most max_parallel transfers run at once (clamped to
  // [1, limits::kMaxConcurrency]); how many go to one host is the caller's
  // politeness (crawler/host_gate.h). Options are clamped as CurlFetcher's.
  MultiFetcher(const FetchOptions& open, const FetchOptions& guarded, int max_parallel);
  ~MultiFetcher();
  MultiFetcher(const MultiFetcher&) = delete;
  MultiFetcher& operator=(const MultiFetcher&) = delete;

  // Starts fetching request; tag comes back in its completion. False (and
  // nothing started) when all slots are busy. A request that cannot even
  // start (bad scheme) completes with that error on the next Poll.
  bool Start(const FetchRequest& request, bool guarded, uint64_t tag);

  // Runs transfers for at most timeout_ms (less when one finishes) and
  // returns the transfers finished since the last call.
  std::vector<FetchCompletion> Poll(int timeout_ms);

  // Aborts every running transfer; returns their tags and URLs as
  // completions with a NetworkError "URL: aborted" (transient).
  std::vector<FetchCompletion> AbortAll();

  int in_flight() const;
  int capacity() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_MULTI_FETCHER_H_
