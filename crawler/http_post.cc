// HttpPost: a libcurl easy handle per POST, capped reply, no redirects.
//
// Tested by tests/crawler/http_post_test.cc.
#include "crawler/http_post.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

#include "base/limits.h"
#include "crawler/url.h"

namespace ecwatch {
namespace {

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

size_t OnReply(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  const size_t bytes = size * n;
  const size_t room = limits::kMaxWebhookResponseBytes - std::min(out->size(),
                                                                   limits::kMaxWebhookResponseBytes);
  out->append(data, std::min(bytes, room));
  return bytes;  // the rest is dropped, not an error: we only keep it for messages
}

// Appends a header line; false when curl runs out of memory.
bool Append(HeaderList* list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list->get(), line.c_str());
  if (grown == nullptr) return false;
  list->release();
  list->reset(grown);
  return true;
}

}  // namespace

Result<HttpPostResponse> HttpPost(const HttpPostRequest& request) {
  if (request.url.rfind("http://", 0) != 0 && request.url.rfind("https://", 0) != 0) {
    return Status::InvalidArgument(UrlForLog(request.url) + ": not an http(s) URL");
  }
  EasyHandle easy(curl_easy_init());
  if (!easy) return Status::NetworkError(UrlForLog(request.url) + ": curl_easy_init failed");
  HeaderList headers;
  bool ok = Append(&headers, "Content-Type: " + request.content_type) && Append(&headers, "Expect:");
  for (const std::string& h : request.headers) ok = ok && Append(&headers, h);
  if (!ok) return Status::NetworkError(UrlForLog(request.url) + ": out of memory");
  HttpPostResponse response;
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* h = easy.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, request.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, std::min(request.timeout_seconds, 10L));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, request.timeout_seconds);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnReply);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    return Status::NetworkError(UrlForLog(request.url) + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.http_status);
  return response;
}

}  // namespace ecwatch
