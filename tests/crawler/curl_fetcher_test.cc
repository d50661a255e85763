// Pins CurlFetcher against a real HTTP server on 127.0.0.1: statuses,
// redirects, decompression, caps, timeouts, conditional GET, file://.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "base/limits.h"
#include "crawler/fetcher.h"
#include "tests/crawler/local_http_server.h"
#include "tests/crawler/test_gzip.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using testing::LocalHttpServer;

constexpr char kHtml[] =
    "<html><head><title>T</title></head><body><p>Rare earths</p></body></html>";

std::string Gzip(const std::string& data) { return testing::GzipForTest(data); }

// A server with the routes the tests below use.
void AddRoutes(LocalHttpServer* local) {
  httplib::Server& s = local->server();
  s.Get("/page", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("ETag", "\"v1\"");
    res.set_header("Last-Modified", "Sat, 28 Nov 2026 10:00:00 GMT");
    res.set_header("X-Seen-User-Agent", req.get_header_value("User-Agent"));
    res.set_content(kHtml, "text/html; charset=utf-8");
  });
  s.Get("/missing", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  s.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
  s.Get("/broken", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  s.Get("/forbidden", [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
  s.Get("/r1", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/r2"); });
  s.Get("/r2", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("ETag", "\"r2\"");
    res.set_redirect("/page", 301);
  });
  // /chain/N redirects N times (to /chain/N-1 ... /chain/0), then serves the page.
  s.Get(R"(/chain/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    const int n = std::stoi(req.matches[1]);
    if (n == 0) {
      res.set_content(kHtml, "text/html");
    } else {
      res.set_redirect("/chain/" + std::to_string(n - 1));
    }
  });
  s.Get("/loop",
        [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
  s.Get("/to-file", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("file:///etc/hostname");
  });
  s.Get("/conditional", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("ETag", "\"v7\"");
    if (req.get_header_value("If-None-Match") == "\"v7\"" ||
        req.get_header_value("If-Modified-Since") == "Sat, 28 Nov 2026 10:00:00 GMT") {
      res.status = 304;
      return;
    }
    res.set_content(kHtml, "text/html");
  });
  s.Get("/image", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string("\x89PNG\r\n\x1a\n", 8), "image/png");
  });
  s.Get("/gzip", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(Gzip(kHtml), "application/octet-stream");  // not re-compressed by httplib
  });
  s.Get("/gzip-bomb", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(Gzip(std::string(1 << 20, 'a')), "application/octet-stream");
  });
  s.Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'x'), "application/octet-stream");
  });
  s.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [](size_t, httplib::DataSink& sink) {
                                       const std::string chunk(1000, 'y');
                                       for (int i = 0; i < 5; ++i)
                                         sink.write(chunk.data(), chunk.size());
                                       sink.done();
                                       return true;
                                     });
  });
  s.Get("/huge-header", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Padding", std::string(70 << 10, 'h'));
    res.set_content("ok", "text/plain");
  });
  s.Get("/slow", [local](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/html", [local](size_t, httplib::DataSink& sink) {
      for (int i = 0; i < 40 && !local->stopping(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      sink.write("late", 4);
      sink.done();
      return true;
    });
  });
}

struct Fixture {
  Fixture() {
    AddRoutes(&local);
    REQUIRE(local.Start());
  }
  Result<FetchResult> Fetch(const std::string& path, FetchOptions options = FetchOptions(),
                            long* status = nullptr) {
    return NewCurlFetcher(options)->Fetch(FetchRequest{local.Url(path), "", ""}, status);
  }
  CurlGlobal curl;
  LocalHttpServer local;
};

TEST_CASE("CurlFetcher returns body, status, validators and content type of a 200",
          "[crawler][fetcher]") {
  Fixture f;
  FetchOptions options;
  options.user_agent = "ecwatch-test/1";
  Result<FetchResult> r = f.Fetch("/page", options);
  REQUIRE(r.ok());
  CHECK(r->http_status == 200);
  CHECK(r->body == kHtml);
  CHECK(r->final_url == f.local.Url("/page"));
  CHECK(r->content_type == "text/html; charset=utf-8");
  CHECK(r->etag == "\"v1\"");
  CHECK(r->last_modified == "Sat, 28 Nov 2026 10:00:00 GMT");
  CHECK(r->fetched_at > 0);
  CHECK_FALSE(r->not_modified());
}

TEST_CASE("CurlFetcher sends the configured User-Agent", "[crawler][fetcher]") {
  Fixture f;
  std::string seen;
  f.local.server().set_post_routing_handler(
      [&seen](const httplib::Request& req, httplib::Response&) {
        seen = req.get_header_value("User-Agent");
      });
  FetchOptions options;
  options.user_agent = "ecwatch-test/2";
  REQUIRE(f.Fetch("/page", options).ok());
  CHECK(seen == "ecwatch-test/2");
}

TEST_CASE("CurlFetcher maps 404 and 410 to NotFound \"URL: HTTP 404\"", "[crawler][fetcher]") {
  Fixture f;
  long status = -1;
  Result<FetchResult> r = f.Fetch("/missing", FetchOptions(), &status);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNotFound);
  CHECK(r.status().message() == f.local.Url("/missing") + ": HTTP 404");
  CHECK(status == 404);
  CHECK(f.Fetch("/gone").status().code() == Status::Code::kNotFound);
}

TEST_CASE("CurlFetcher maps 5xx and other 4xx to NetworkError with the status",
          "[crawler][fetcher]") {
  Fixture f;
  long status = 0;
  Result<FetchResult> r = f.Fetch("/broken", FetchOptions(), &status);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  CHECK(r.status().message() == f.local.Url("/broken") + ": HTTP 500");
  CHECK(status == 500);
  CHECK(f.Fetch("/forbidden").status().message() == f.local.Url("/forbidden") + ": HTTP 403");
}

TEST_CASE("CurlFetcher follows a redirect chain and reports the final URL", "[crawler][fetcher]") {
  Fixture f;
  Result<FetchResult> r = f.Fetch("/r1");
  REQUIRE(r.ok());
  CHECK(r->final_url == f.local.Url("/page"));
  CHECK(r->body == kHtml);
  CHECK(r->etag == "\"v1\"");  // from the final response, not the redirect's "r2"
}

TEST_CASE("CurlFetcher stops a redirect loop at max_redirects", "[crawler][fetcher]") {
  Fixture f;
  FetchOptions options;
  options.max_redirects = 3;
  Result<FetchResult> r = f.Fetch("/loop", options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  CHECK(r.status().message() == f.local.Url("/loop") + ": more than 3 redirects");
}

TEST_CASE("CurlFetcher follows kMaxRedirects redirects by default and refuses one more",
          "[crawler][fetcher][limits]") {
  Fixture f;
  REQUIRE(FetchOptions().max_redirects == limits::kMaxRedirects);
  REQUIRE(limits::kMaxRedirects == 5);
  const std::string followed = "/chain/" + std::to_string(limits::kMaxRedirects);
  Result<FetchResult> ok = f.Fetch(followed);
  REQUIRE(ok.ok());
  CHECK(ok->final_url == f.local.Url("/chain/0"));
  CHECK(ok->body == kHtml);
  const std::string refused = "/chain/" + std::to_string(limits::kMaxRedirects + 1);
  Result<FetchResult> r = f.Fetch(refused);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  CHECK(r.status().message() == f.local.Url(refused) + ": more than 5 redirects");
}

TEST_CASE("FetchOptions defaults are the limits.h caps (body, timeouts)",
          "[crawler][fetcher][limits]") {
  // The caps themselves are crossed with small values in the body-cap and
  // total-timeout tests of this file; this pins that the defaults are the caps.
  const FetchOptions options;
  CHECK(options.max_body_bytes == limits::kMaxBodyBytes);
  CHECK(options.connect_timeout_seconds == limits::kConnectTimeoutSeconds);
  CHECK(options.total_timeout_seconds == limits::kTotalTimeoutSeconds);
}

TEST_CASE("CurlFetcher refuses a redirect to file://", "[crawler][fetcher]") {
  Fixture f;
  Result<FetchResult> r = f.Fetch("/to-file");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  CHECK(r.status().message().rfind(f.local.Url("/to-file") + ": ", 0) == 0);
}

TEST_CASE("CurlFetcher undoes gzip Content-Encoding", "[crawler][fetcher]") {
  Fixture f;
  Result<FetchResult> r = f.Fetch("/gzip");
  REQUIRE(r.ok());
  CHECK(r->body == kHtml);
}

TEST_CASE("CurlFetcher caps the body: Content-Length, chunked, and after gunzip",
          "[crawler][fetcher][limits]") {
  Fixture f;
  FetchOptions options;
  options.max_body_bytes = 1000;
  for (const char* path : {"/big", "/big-chunked"}) {
    Result<FetchResult> r = f.Fetch(path, options);
    INFO(path);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kTooLarge);
    CHECK(r.status().message() == f.local.Url(path) + ": body over 1000 bytes");
  }
  options.max_body_bytes = 100 << 10;  // the bomb is ~1 KiB on the wire, 1 MiB inflated
  Result<FetchResult> bomb = f.Fetch("/gzip-bomb", options);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.status().code() == Status::Code::kTooLarge);
  options.max_body_bytes = 5000;  // exactly at the cap is fine
  CHECK(f.Fetch("/big", options).ok());
}

TEST_CASE("CurlFetcher caps response headers at kMaxHeaderBytes", "[crawler][fetcher][limits]") {
  Fixture f;
  Result<FetchResult> r = f.Fetch("/huge-header");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTooLarge);
  CHECK(r.status().message().find("headers over") != std::string::npos);
}

TEST_CASE("CurlFetcher gives up on a response slower than the total timeout",
          "[crawler][fetcher][timeout]") {
  Fixture f;
  FetchOptions options;
  options.total_timeout_seconds = 1;
  Result<FetchResult> r = f.Fetch("/slow", options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  CHECK(r.status().message().find("timed out") != std::string::npos);
}

TEST_CASE("CurlFetcher sends If-None-Match / If-Modified-Since and returns 304 as not_modified",
          "[crawler][fetcher]") {
  Fixture f;
  CurlGlobal curl;
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(FetchOptions());
  Result<FetchResult> first = fetcher->Fetch({f.local.Url("/conditional"), "", ""}, nullptr);
  REQUIRE(first.ok());
  CHECK(first->http_status == 200);
  Result<FetchResult> by_etag =
      fetcher->Fetch({f.local.Url("/conditional"), first->etag, ""}, nullptr);
  REQUIRE(by_etag.ok());
  CHECK(by_etag->not_modified());
  CHECK(by_etag->body.empty());
  CHECK(by_etag->etag == "\"v7\"");
  Result<FetchResult> by_date =
      fetcher->Fetch({f.local.Url("/conditional"), "", "Sat, 28 Nov 2026 10:00:00 GMT"}, nullptr);
  REQUIRE(by_date.ok());
  CHECK(by_date->not_modified());
}

TEST_CASE("CurlFetcher returns an image with its content type (the caller decides)",
          "[crawler][fetcher]") {
  Fixture f;
  Result<FetchResult> r = f.Fetch("/image");
  REQUIRE(r.ok());
  CHECK(r->content_type == "image/png");
  CHECK(r->body.size() == 8);
}

TEST_CASE("CurlFetcher reports a refused connection as NetworkError", "[crawler][fetcher]") {
  CurlGlobal curl;
  int port = 0;
  {
    LocalHttpServer closed;  // bind, learn a free port, close it again
    REQUIRE(closed.Start());
    port = closed.port();
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  Result<FetchResult> r = NewCurlFetcher(FetchOptions())->Fetch({url, "", ""}, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  CHECK(r.status().message().rfind(url + ": ", 0) == 0);
}

TEST_CASE("CurlFetcher reads file:// and maps a missing file to NotFound", "[crawler][fetcher]") {
  CurlGlobal curl;
  const std::string dir = testing::MakeTempDir("fetcher-file");
  const std::string path = dir + "/page.html";
  std::ofstream(path) << kHtml;
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(FetchOptions());
  Result<FetchResult> r = fetcher->Fetch({"file://" + path, "", ""}, nullptr);
  REQUIRE(r.ok());
  CHECK(r->body == kHtml);
  CHECK(r->http_status == 0);
  Result<FetchResult> missing = fetcher->Fetch({"file://" + dir + "/nope.html", "", ""}, nullptr);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kNotFound);
  CHECK(missing.status().message().rfind("file://" + dir + "/nope.html: ", 0) == 0);
}

TEST_CASE("CurlFetcher caps a file:// body too", "[crawler][fetcher][limits]") {
  CurlGlobal curl;
  const std::string path = testing::MakeTempDir("fetcher-file-cap") + "/big.html";
  std::ofstream(path) << std::string(5000, 'z');
  FetchOptions options;
  options.max_body_bytes = 1000;
  Result<FetchResult> r = NewCurlFetcher(options)->Fetch({"file://" + path, "", ""}, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTooLarge);
  CHECK(r.status().message() == "file://" + path + ": body over 1000 bytes");
}

TEST_CASE("CurlFetcher rejects file:// when disabled, other schemes, and scheme-less URLs",
          "[crawler][fetcher]") {
  CurlGlobal curl;
  FetchOptions options;
  options.allow_file_scheme = false;
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(options);
  for (const char* url : {"file:///etc/hostname", "ftp://127.0.0.1/x", "gopher://127.0.0.1/",
                          "www.example.com/page"}) {
    INFO(url);
    Result<FetchResult> r = fetcher->Fetch({url, "", ""}, nullptr);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK(r.status().message().rfind(std::string(url) + ": ", 0) == 0);
  }
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

// A listening socket that never accepts, its accept queue filled: further
// connection attempts get no answer (their SYNs are dropped), as from an
// unroutable address, but on loopback.
class BlackholeListener {
 public:
  BlackholeListener() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 0) != 0) return;
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    for (int i = 0; i < 8; ++i) {  // fill the accept queue
      const int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
      fillers_.push_back(c);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~BlackholeListener() {
    for (int c : fillers_) close(c);
    if (fd_ >= 0) close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::vector<int> fillers_;
};

TEST_CASE("a connection that is never answered fails after connect_timeout_seconds",
          "[crawler][fetcher][limits]") {
  CurlGlobal curl;
  BlackholeListener hole;
  REQUIRE(hole.port() > 0);
  FetchOptions options;
  options.connect_timeout_seconds = 1;
  options.total_timeout_seconds = 20;
  auto fetcher = NewCurlFetcher(options);
  const auto start = std::chrono::steady_clock::now();
  auto r = fetcher->Fetch(FetchRequest{"http://127.0.0.1:" + std::to_string(hole.port()) + "/", "", ""},
                          nullptr);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(r.ok());
  INFO(r.status().message());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  const std::string& m = r.status().message();
  CHECK((m.find("Timeout") != std::string::npos || m.find("timed out") != std::string::npos));
  CHECK(took < std::chrono::seconds(15));  // the 1 s connect timeout, not the 20 s total one
}

}  // namespace
}  // namespace ecwatch
