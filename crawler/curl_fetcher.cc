// CurlFetcher: the Fetcher of crawler/fetcher.h over the libcurl easy interface.
//
// This file's external interface is NewCurlFetcher() and CurlGlobal. One
// CurlTransfer (crawler/curl_transfer.h) owns the CURL*, reused across
// fetches for connection reuse; it configures, receives under the caps and
// judges each transfer. Tested by tests/crawler/curl_fetcher_test.cc.
#include <curl/curl.h>

#include <memory>
#include <string>

#include "crawler/curl_transfer.h"
#include "crawler/fetcher.h"

namespace ecwatch {

namespace {

using crawler_internal::ClampOptions;
using crawler_internal::CurlTransfer;
using crawler_internal::TransferOutcome;

// A Fetcher over one reused easy handle. Not thread-safe.
class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(const FetchOptions& options) : options_(ClampOptions(options)) {}

  Result<FetchResult> Fetch(const FetchRequest& request, long* http_status_out) override {
    if (http_status_out != nullptr) *http_status_out = 0;
    if (Status s = transfer_.Prepare(request, &options_); !s.ok()) return s;
    TransferOutcome outcome = transfer_.Finish(curl_easy_perform(transfer_.easy()));
    if (http_status_out != nullptr) *http_status_out = outcome.http_status;
    return std::move(outcome.result);
  }

 private:
  FetchOptions options_;
  CurlTransfer transfer_;
};

}  // namespace

std::unique_ptr<Fetcher> NewCurlFetcher(const FetchOptions& options) {
  return std::make_unique<CurlFetcher>(options);
}

CurlGlobal::CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

}  // namespace ecwatch
