// CurlTransfer: one libcurl easy handle set up for one FetchRequest, and the
// mapping of its outcome to a FetchResult or a Status (internal to crawler/).
//
// Shared by the blocking CurlFetcher (curl_easy_perform) and MultiFetcher
// (curl_multi): both configure, receive and judge a transfer the same way, so
// caps, the SSRF guard and error messages cannot drift apart. A CurlTransfer
// is reusable (Prepare resets it); it owns its CURL* and header lists.
#ifndef ECWATCH_CRAWLER_CURL_TRANSFER_H_
#define ECWATCH_CRAWLER_CURL_TRANSFER_H_

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "crawler/fetcher.h"

namespace ecwatch::crawler_internal {

// FetchOptions with every size and time clamped to base/limits.h.
FetchOptions ClampOptions(FetchOptions options);

// What one finished transfer came to.
struct TransferOutcome {
  Result<FetchResult> result = Status::IoError("transfer not finished");  // as Fetcher::Fetch
  long http_status = 0;                       // status seen, 0 if none
  // Worth trying again later: timeouts, connection resets/refusals, DNS
  // failures, HTTP 408, 429 and 5xx. Never for 4xx, caps, refused addresses,
  // redirect loops or bad URLs.
  bool transient = false;
  // Seconds from a Retry-After header (delta-seconds or HTTP-date) of the
  // final response; -1 when absent or unparsable.
  int64_t retry_after_seconds = -1;
};

class CurlTransfer {
 public:
  CurlTransfer();
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  // Resets the handle and configures it for request under options (which
  // must outlive the transfer and be clamped). InvalidArgument for an
  // unsupported scheme; IoError when libcurl cannot allocate.
  Status Prepare(const FetchRequest& request, const FetchOptions* options);

  // The handle to perform or to add to a multi handle; null if init failed.
  CURL* easy() const { return easy_.get(); }
  const std::string& url() const { return url_; }

  // Judges the finished transfer given libcurl's result code; moves the body
  // out, so call once per Prepare.
  TransferOutcome Finish(CURLcode code);

  // libcurl callbacks' state (public for the C callbacks in the .cc).
  struct Receiving;

 private:
  struct EasyDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
  };
  struct ListDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  };
  using ListPtr = std::unique_ptr<curl_slist, ListDeleter>;
  static bool Append(ListPtr* list, const std::string& line);

  std::unique_ptr<CURL, EasyDeleter> easy_;
  ListPtr headers_;  // request headers of the current request
  ListPtr resolve_;  // --resolve pins
  std::unique_ptr<Receiving> receiving_;
  const FetchOptions* options_ = nullptr;
  std::string url_;
  char errbuf_[CURL_ERROR_SIZE] = {};
};

// Seconds until a Retry-After value: delta-seconds or an IMF-fixdate
// relative to now (Unix seconds). -1 when unparsable; never negative else.
int64_t ParseRetryAfter(const std::string& value, int64_t now);

}  // namespace ecwatch::crawler_internal

#endif  // ECWATCH_CRAWLER_CURL_TRANSFER_H_
