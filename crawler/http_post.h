// HttpPost: one HTTP POST through libcurl, for webhook alert delivery.
#ifndef ECWATCH_CRAWLER_HTTP_POST_H_
#define ECWATCH_CRAWLER_HTTP_POST_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace ecwatch {

struct HttpPostRequest {
  std::string url;                    // http:// or https:// only
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::string> headers;   // extra "Name: value" lines (never logged)
  std::string user_agent = "ecwatch/0.1";
  long timeout_seconds = 10;          // whole request; connect gets min(this, 10)
};

struct HttpPostResponse {
  long http_status = 0;
  std::string body;                   // at most limits::kMaxWebhookResponseBytes
};

// Posts request.body. TLS peers and host names are verified (libcurl's
// defaults, never turned off); redirects are not followed (a webhook that
// moves is a configuration error). Returns the response for any HTTP status:
// the caller decides what 2xx/4xx/5xx mean. NetworkError "URL: cause" for
// DNS, connect, TLS and timeouts; InvalidArgument for a non-HTTP URL.
// Thread-safe (one curl handle per call); needs a live CurlGlobal.
Result<HttpPostResponse> HttpPost(const HttpPostRequest& request);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_HTTP_POST_H_
