// Fetcher: bytes of a URL, with the HTTP facts needed downstream.
//
// The seam between the pipeline and the network: app/ and tests use the
// Fetcher interface; CurlFetcher (crawler/curl_fetcher.h) is the real one.
#ifndef ECWATCH_CRAWLER_FETCHER_H_
#define ECWATCH_CRAWLER_FETCHER_H_

#include <cstdint>
#include <memory>
#include <string>

#include <vector>

#include "base/limits.h"
#include "base/status.h"
#include "crawler/address_policy.h"

namespace ecwatch {

struct FetchOptions {
  std::string user_agent = "ecwatch/0.1";
  long connect_timeout_seconds = limits::kConnectTimeoutSeconds;
  long total_timeout_seconds = limits::kTotalTimeoutSeconds;
  long max_redirects = limits::kMaxRedirects;
  std::size_t max_body_bytes = limits::kMaxBodyBytes;
  bool allow_file_scheme = true;  // file:// (CLI and bundled demo config)
  // The SSRF guard, checked on the resolved address of every connection
  // (redirects included). Default: every address allowed.
  AddressPolicy address_policy;
  // "host:port:address" pins, like curl --resolve (tests, split-horizon DNS).
  std::vector<std::string> resolve;
};
// Sizes above the caps of base/limits.h are clamped to them.

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when not empty
  std::string last_modified;  // sent as If-Modified-Since when not empty
};

struct FetchResult {
  std::string final_url;      // after redirects
  long http_status = 0;       // 0 for file://
  std::string content_type;   // as sent, "" when none
  std::string body;           // decoded (gzip/deflate undone), at most max_body_bytes
  std::string etag;
  std::string last_modified;
  int64_t fetched_at = 0;     // Unix seconds
  // Header lines of the final response as received ("Name: value\r\n" each;
  // no status line, no blank line); for file://, the lines libcurl makes up
  // (Content-Length, Last-Modified). For WARC capture (crawler/warc.h).
  std::string raw_headers;
  bool not_modified() const { return http_status == 304; }
};

// Implementations state their own thread-safety; one Fetch at a time per
// object is always safe.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // ok with a FetchResult for 2xx and 304. Errors name the URL and cause:
  //   NotFound       "https://x/y: HTTP 404"  (404, 410; file:// missing file)
  //   NetworkError   "https://x/y: HTTP 503", DNS, connect, TLS, timeouts
  //   TooLarge       body over max_body_bytes (also after decompression)
  //   InvalidArgument unsupported scheme, malformed URL
  //   NetworkError   "URL: refused to connect to 127.0.0.1 (private address)"
  //                  when options.address_policy refuses the resolved address
  // On error, *http_status_out (if not null) receives the status seen (0 if none).
  virtual Result<FetchResult> Fetch(const FetchRequest& request, long* http_status_out) = 0;
};

// A libcurl fetcher (crawler/curl_fetcher.cc). Not thread-safe: use one per
// thread. Requires a live CurlGlobal (below) for the process. Fetches only
// http, https and (if options.allow_file_scheme) file URLs; redirects only to
// http/https. Never returns null.
std::unique_ptr<Fetcher> NewCurlFetcher(const FetchOptions& options);

// RAII guard for curl_global_init/cleanup; main() owns exactly one.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_FETCHER_H_
