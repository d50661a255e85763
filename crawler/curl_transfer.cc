// CurlTransfer: configures one easy handle, receives under the caps, and
// judges the outcome (FetchResult or Status, transient or final).
//
// Tested through tests/crawler/curl_fetcher_test.cc and multi_fetcher_test.cc.
#include "crawler/curl_transfer.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <string_view>

#include "base/clock.h"
#include "base/limits.h"

namespace ecwatch::crawler_internal {

// State shared with the libcurl callbacks during one transfer.
struct CurlTransfer::Receiving {
  std::size_t max_body = 0;
  std::string body;
  bool body_too_large = false;
  std::size_t header_bytes = 0;
  bool headers_too_large = false;
  std::string etag;  // of the last response in a redirect chain
  std::string last_modified;
  std::string retry_after;
  std::size_t content_length = 0;  // as announced by the last response, 0 unknown
  std::string raw_headers;  // header lines of the last response
  const AddressPolicy* policy = nullptr;
  std::string refused_address;  // set when the policy refused a connection
};

namespace {

using Receiving = CurlTransfer::Receiving;

// libcurl's receive buffer per transfer (its default is 16 KB): larger means
// fewer reads and body callbacks for the same page.
constexpr long kReceiveBufferBytes = 256 * 1024;

// Opens each connection's socket only when the policy allows the resolved
// address: the SSRF guard sees what DNS returned, not the host name.
curl_socket_t OnOpenSocket(void* user, curlsocktype, struct curl_sockaddr* address) {
  auto* t = static_cast<Receiving*>(user);
  if (t->policy != nullptr && !t->policy->Allows(&address->addr)) {
    char text[INET6_ADDRSTRLEN] = "?";
    const void* raw =
        address->family == AF_INET6
            ? static_cast<const void*>(
                  &reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr);
    inet_ntop(address->family, raw, text, sizeof text);
    t->refused_address = text;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Receiving*>(user);
  const size_t n = size * count;
  if (n > t->max_body - t->body.size()) {
    t->body_too_large = true;
    return 0;  // aborts with CURLE_WRITE_ERROR
  }
  // One allocation for the announced size (a wire-encoded length is a
  // lower bound): growing by doubling copied each page about twice more.
  if (t->body.empty()) t->body.reserve(std::min(std::max(t->content_length, n), t->max_body));
  t->body.append(data, n);
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The value when line is "Name: value" (name case-insensitive), else "".
bool HeaderValue(std::string_view line, std::string_view name, std::string* value) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  const bool same = std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  if (!same) return false;
  *value = std::string(Trim(line.substr(name.size() + 1)));
  return true;
}

void CaptureHeader(std::string_view line, Receiving* t) {
  if (line.substr(0, 5) == "HTTP/") {  // a new response (redirect hop): forget the last one
    t->etag.clear();
    t->last_modified.clear();
    t->retry_after.clear();
    t->content_length = 0;
    t->raw_headers.clear();
    return;
  }
  if (!Trim(line).empty()) t->raw_headers.append(line);  // kept for WARC capture
  if (HeaderValue(line, "etag", &t->etag)) return;
  if (HeaderValue(line, "last-modified", &t->last_modified)) return;
  if (HeaderValue(line, "retry-after", &t->retry_after)) return;
  std::string length;
  if (HeaderValue(line, "content-length", &length)) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), value);
    t->content_length = ec == std::errc() && end == length.data() + length.size() ? value : 0;
  }
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Receiving*>(user);
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

Status CheckScheme(const std::string& url, const FetchOptions& options) {
  const std::string scheme = LowerScheme(url);
  if (scheme == "http" || scheme == "https") return Status::Ok();
  if (scheme == "file" && options.allow_file_scheme) return Status::Ok();
  if (scheme.empty()) return Status::InvalidArgument(url + ": no URL scheme");
  return Status::InvalidArgument(url + ": unsupported scheme \"" + scheme + "\"");
}

// Network failures that another attempt may cure.
bool IsTransientCode(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    default:
      return false;
  }
}

bool IsTransientStatus(long status) { return status == 408 || status == 429 || status >= 500; }

// Maps a failed CURLcode to our Status; the message starts with the URL.
Status CurlError(const std::string& url, CURLcode code, const Receiving& t, const char* errbuf,
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

}  // namespace

FetchOptions ClampOptions(FetchOptions o) {
  o.max_body_bytes = std::min(o.max_body_bytes, limits::kMaxBodyBytes);
  o.max_redirects = std::clamp(o.max_redirects, 0L, limits::kMaxRedirects);
  o.connect_timeout_seconds = std::clamp(o.connect_timeout_seconds, 1L, 600L);
  o.total_timeout_seconds = std::clamp(o.total_timeout_seconds, 1L, 3600L);
  return o;
}

int64_t ParseRetryAfter(const std::string& value, int64_t now) {
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return -1;
    return std::stoll(value);
  }
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return -1;
  return std::max<int64_t>(0, static_cast<int64_t>(when) - now);
}

CurlTransfer::CurlTransfer() : easy_(curl_easy_init()), receiving_(new Receiving) {}
CurlTransfer::~CurlTransfer() = default;

bool CurlTransfer::Append(ListPtr* list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list->get(), line.c_str());
  if (grown == nullptr) return false;
  list->release();
  list->reset(grown);
  return true;
}

Status CurlTransfer::Prepare(const FetchRequest& request, const FetchOptions* options) {
  url_ = request.url;
  options_ = options;
  if (easy_ == nullptr) return Status::IoError(request.url + ": curl_easy_init failed");
  if (Status s = CheckScheme(request.url, *options); !s.ok()) return s;
  CURL* h = easy_.get();
  curl_easy_reset(h);
  headers_.reset();
  resolve_.reset();
  *receiving_ = Receiving{};
  receiving_->max_body = options->max_body_bytes;
  receiving_->policy = &options->address_policy;
  errbuf_[0] = '\0';
  const Status oom = Status::IoError(request.url + ": out of memory");
  if (!request.etag.empty() && !Append(&headers_, "If-None-Match: " + request.etag)) return oom;
  if (!request.last_modified.empty() &&
      !Append(&headers_, "If-Modified-Since: " + request.last_modified)) {
    return oom;
  }
  for (const std::string& pin : options->resolve) {
    if (!Append(&resolve_, pin)) return oom;
  }
  const char* protocols = options->allow_file_scheme ? "http,https,file" : "http,https";
  CURLcode rc = CURLE_OK;
  auto set = [&rc](CURLcode c) {
    if (rc == CURLE_OK) rc = c;
  };
  set(curl_easy_setopt(h, CURLOPT_URL, request.url.c_str()));
  set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols));
  set(curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L));
  set(curl_easy_setopt(h, CURLOPT_MAXREDIRS, options->max_redirects));
  set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, options->connect_timeout_seconds));
  set(curl_easy_setopt(h, CURLOPT_TIMEOUT, options->total_timeout_seconds));
  set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""));
  // HTTP/2 where the server offers it over TLS; plain HTTP/1.1 otherwise.
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  set(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                       static_cast<curl_off_t>(options->max_body_bytes)));
  set(curl_easy_setopt(h, CURLOPT_USERAGENT, options->user_agent.c_str()));
  set(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_.get()));
  set(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf_));
  set(curl_easy_setopt(h, CURLOPT_BUFFERSIZE, kReceiveBufferBytes));
  set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody));
  set(curl_easy_setopt(h, CURLOPT_WRITEDATA, receiving_.get()));
  set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader));
  set(curl_easy_setopt(h, CURLOPT_HEADERDATA, receiving_.get()));
  set(curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket));
  set(curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, receiving_.get()));
  if (resolve_ != nullptr) set(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve_.get()));
  if (rc != CURLE_OK) return Status::InvalidArgument(request.url + ": " + curl_easy_strerror(rc));
  return Status::Ok();
}

TransferOutcome CurlTransfer::Finish(CURLcode code) {
  TransferOutcome out;
  CURL* h = easy_.get();
  const Receiving& t = *receiving_;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.http_status);
  const int64_t now = SystemClock().NowSeconds();
  out.retry_after_seconds = ParseRetryAfter(t.retry_after, now);
  if (code != CURLE_OK) {
    out.result = CurlError(url_, code, t, errbuf_, *options_);
    out.transient = IsTransientCode(code) && t.refused_address.empty() && !t.body_too_large &&
                    !t.headers_too_large;
    return out;
  }
  if (LowerScheme(url_) != "file") {
    if (Status s = HttpStatusError(url_, out.http_status); !s.ok()) {
      out.result = s;
      out.transient = IsTransientStatus(out.http_status);
      return out;
    }
  }
  FetchResult result;
  char* final_url = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &final_url);
  result.final_url = final_url != nullptr ? final_url : url_;
  result.http_status = out.http_status;
  char* content_type = nullptr;
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) result.content_type = content_type;
  result.body = std::move(receiving_->body);
  result.etag = std::move(receiving_->etag);
  result.last_modified = std::move(receiving_->last_modified);
  result.raw_headers = std::move(receiving_->raw_headers);
  result.fetched_at = now;
  out.result = std::move(result);
  return out;
}

}  // namespace ecwatch::crawler_internal
