// CurlFetcher: the Fetcher of crawler/fetcher.h over the libcurl easy interface.
//
// This file's external interface is NewCurlFetcher() and CurlGlobal. One
// CurlEasy owns the CURL* (reused across fetches for connection reuse); one
// CurlHeaderList owns each request's curl_slist. Caps (body, headers,
// redirects, timeouts) come from FetchOptions / base/limits.h and are enforced
// while receiving. Tested by tests/crawler/curl_fetcher_test.cc.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/limits.h"
#include "crawler/fetcher.h"

namespace ecwatch {

namespace {

// RAII owner of one CURL easy handle.
class CurlEasy {
 public:
  CurlEasy() : handle_(curl_easy_init()) {}
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;
  CURL* get() const { return handle_.get(); }

 private:
  struct Deleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
  };
  std::unique_ptr<CURL, Deleter> handle_;
};

// RAII owner of one curl_slist of request headers.
class CurlHeaderList {
 public:
  CurlHeaderList() = default;
  CurlHeaderList(const CurlHeaderList&) = delete;
  CurlHeaderList& operator=(const CurlHeaderList&) = delete;
  // False when libcurl could not allocate.
  bool Append(const std::string& line) {
    curl_slist* grown = curl_slist_append(list_.get(), line.c_str());
    if (grown == nullptr) return false;
    list_.release();
    list_.reset(grown);
    return true;
  }
  curl_slist* get() const { return list_.get(); }

 private:
  struct Deleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  };
  std::unique_ptr<curl_slist, Deleter> list_;
};

// State shared with the libcurl callbacks during one transfer.
struct Transfer {
  std::size_t max_body = 0;
  std::string body;
  bool body_too_large = false;
  std::size_t header_bytes = 0;
  bool headers_too_large = false;
  std::string etag;  // of the last response in a redirect chain
  std::string last_modified;
  std::string raw_headers;  // header lines of the last response
  const AddressPolicy* policy = nullptr;
  std::string refused_address;  // set when the policy refused a connection
};

// Opens each connection's socket only when the policy allows the resolved
// address: the SSRF guard sees what DNS returned, not the host name.
curl_socket_t OnOpenSocket(void* user, curlsocktype, struct curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (t->policy != nullptr && !t->policy->Allows(&address->addr)) {
    char text[INET6_ADDRSTRLEN] = "?";
    const void* raw = address->family == AF_INET6
                          ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr)
                          : static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr);
    inet_ntop(address->family, raw, text, sizeof text);
    t->refused_address = text;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (n > t->max_body - t->body.size()) {
    t->body_too_large = true;
    return 0;  // aborts with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool HeaderNameIs(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  return std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

void CaptureHeader(std::string_view line, Transfer* t) {
  if (line.substr(0, 5) == "HTTP/") {  // a new response (redirect hop): forget the last one
    t->etag.clear();
    t->last_modified.clear();
    t->raw_headers.clear();
    return;
  }
  if (!Trim(line).empty()) t->raw_headers.append(line);  // kept for WARC capture
  if (HeaderNameIs(line, "etag")) {
    t->etag = std::string(Trim(line.substr(5)));
  } else if (HeaderNameIs(line, "last-modified")) {
    t->last_modified = std::string(Trim(line.substr(14)));
  }
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  t->header_bytes += n;
  if (t->header_bytes > limits::kMaxHeaderBytes) {
    t->headers_too_large = true;
    return 0;
  }
  CaptureHeader(std::string_view(data, n), t);
  return n;
}

std::string LowerScheme(const std::string& url) {
  const size_t colon = url.find(':');
  if (colon == std::string::npos) return "";
  std::string scheme = url.substr(0, colon);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme;
}

// Maps a failed CURLcode to our Status; the message starts with the URL.
Status CurlError(const std::string& url, CURLcode code, const Transfer& t, const char* errbuf,
                 const FetchOptions& options) {
  const std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(code);
  if (t.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Status::TooLarge(url + ": body over " + std::to_string(options.max_body_bytes) +
                            " bytes");
  }
  if (!t.refused_address.empty()) {
    return Status::NetworkError(url + ": refused to connect to " + t.refused_address +
                                " (private address; allow it with [crawler] allow_private)");
  }
  if (t.headers_too_large) {
    return Status::TooLarge(url + ": headers over " + std::to_string(limits::kMaxHeaderBytes) +
                            " bytes");
  }
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return Status::InvalidArgument(url + ": " + detail);
    case CURLE_FILE_COULDNT_READ_FILE:
      return Status::NotFound(url + ": " + detail);
    case CURLE_TOO_MANY_REDIRECTS:
      return Status::NetworkError(url + ": more than " + std::to_string(options.max_redirects) +
                                  " redirects");
    default:
      return Status::NetworkError(url + ": " + detail);
  }
}

// 2xx and 304 are results; 404/410 NotFound; anything else NetworkError.
Status HttpStatusError(const std::string& url, long status) {
  if ((status >= 200 && status < 300) || status == 304) return Status::Ok();
  const std::string message = url + ": HTTP " + std::to_string(status);
  if (status == 404 || status == 410) return Status::NotFound(message);
  return Status::NetworkError(message);
}

// A Fetcher over one reused easy handle. Not thread-safe.
class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(const FetchOptions& options) : options_(Clamped(options)) {}

  Result<FetchResult> Fetch(const FetchRequest& request, long* http_status_out) override;

 private:
  static FetchOptions Clamped(FetchOptions options);
  Status CheckScheme(const std::string& url) const;
  Status Configure(const FetchRequest& request, Transfer* transfer, CurlHeaderList* headers,
                   CurlHeaderList* resolve);
  FetchResult Collect(const FetchRequest& request, Transfer* transfer) const;

  FetchOptions options_;
  CurlEasy easy_;
  char errbuf_[CURL_ERROR_SIZE] = {};
};

FetchOptions CurlFetcher::Clamped(FetchOptions o) {
  o.max_body_bytes = std::min(o.max_body_bytes, limits::kMaxBodyBytes);
  o.max_redirects = std::clamp(o.max_redirects, 0L, limits::kMaxRedirects);
  o.connect_timeout_seconds = std::clamp(o.connect_timeout_seconds, 1L, 600L);
  o.total_timeout_seconds = std::clamp(o.total_timeout_seconds, 1L, 3600L);
  return o;
}

Status CurlFetcher::CheckScheme(const std::string& url) const {
  const std::string scheme = LowerScheme(url);
  if (scheme == "http" || scheme == "https") return Status::Ok();
  if (scheme == "file" && options_.allow_file_scheme) return Status::Ok();
  if (scheme.empty()) return Status::InvalidArgument(url + ": no URL scheme");
  return Status::InvalidArgument(url + ": unsupported scheme \"" + scheme + "\"");
}

Status CurlFetcher::Configure(const FetchRequest& request, Transfer* transfer,
                              CurlHeaderList* headers, CurlHeaderList* resolve) {
  CURL* h = easy_.get();
  curl_easy_reset(h);
  errbuf_[0] = '\0';
  if (!request.etag.empty() && !headers->Append("If-None-Match: " + request.etag)) {
    return Status::IoError(request.url + ": out of memory");
  }
  if (!request.last_modified.empty() &&
      !headers->Append("If-Modified-Since: " + request.last_modified)) {
    return Status::IoError(request.url + ": out of memory");
  }
  for (const std::string& pin : options_.resolve) {
    if (!resolve->Append(pin)) return Status::IoError(request.url + ": out of memory");
  }
  const char* protocols = options_.allow_file_scheme ? "http,https,file" : "http,https";
  CURLcode rc = CURLE_OK;
  auto set = [&rc](CURLcode c) {
    if (rc == CURLE_OK) rc = c;
  };
  set(curl_easy_setopt(h, CURLOPT_URL, request.url.c_str()));
  set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols));
  set(curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  set(curl_easy_setopt(h, CURLOPT_MAXREDIRS, options_.max_redirects));
  set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds));
  set(curl_easy_setopt(h, CURLOPT_TIMEOUT, options_.total_timeout_seconds));
  set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""));
  set(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                       static_cast<curl_off_t>(options_.max_body_bytes)));
  set(curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str()));
  set(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers->get()));
  set(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf_));
  set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody));
  set(curl_easy_setopt(h, CURLOPT_WRITEDATA, transfer));
  set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader));
  set(curl_easy_setopt(h, CURLOPT_HEADERDATA, transfer));
  set(curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket));
  set(curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, transfer));
  if (resolve->get() != nullptr) set(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve->get()));
  if (rc != CURLE_OK) {
    return Status::InvalidArgument(request.url + ": " + curl_easy_strerror(rc));
  }
  return Status::Ok();
}

FetchResult CurlFetcher::Collect(const FetchRequest& request, Transfer* transfer) const {
  CURL* h = easy_.get();
  FetchResult result;
  char* final_url = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final_url);
  result.final_url = final_url != nullptr ? final_url : request.url;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.http_status);
  char* content_type = nullptr;
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) result.content_type = content_type;
  result.body = std::move(transfer->body);
  result.etag = std::move(transfer->etag);
  result.last_modified = std::move(transfer->last_modified);
  result.raw_headers = std::move(transfer->raw_headers);
  result.fetched_at = SystemClock().NowSeconds();
  return result;
}

Result<FetchResult> CurlFetcher::Fetch(const FetchRequest& request, long* http_status_out) {
  if (http_status_out != nullptr) *http_status_out = 0;
  if (easy_.get() == nullptr) return Status::IoError(request.url + ": curl_easy_init failed");
  if (Status s = CheckScheme(request.url); !s.ok()) return s;
  Transfer transfer;
  transfer.max_body = options_.max_body_bytes;
  transfer.policy = &options_.address_policy;
  CurlHeaderList headers, resolve;
  if (Status s = Configure(request, &transfer, &headers, &resolve); !s.ok()) return s;
  const CURLcode code = curl_easy_perform(easy_.get());
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  if (http_status_out != nullptr) *http_status_out = status;
  if (code != CURLE_OK) return CurlError(request.url, code, transfer, errbuf_, options_);
  if (LowerScheme(request.url) != "file") {
    if (Status s = HttpStatusError(request.url, status); !s.ok()) return s;
  }
  return Collect(request, &transfer);
}

}  // namespace

std::unique_ptr<Fetcher> NewCurlFetcher(const FetchOptions& options) {
  return std::make_unique<CurlFetcher>(options);
}

CurlGlobal::CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

}  // namespace ecwatch
