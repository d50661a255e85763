// HttpPost against a loopback server: body and headers arrive, any HTTP
// status is returned, timeouts and refused connections are NetworkError.
#include "crawler/http_post.h"

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "crawler/fetcher.h"
#include "tests/crawler/local_http_server.h"

namespace ecwatch {
namespace {

TEST_CASE("HttpPost sends the body, content type and extra headers", "[crawler][http_post]") {
  CurlGlobal curl;
  testing::LocalHttpServer server;
  std::string body, type, key;
  server.server().Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    body = req.body;
    type = req.get_header_value("Content-Type");
    key = req.get_header_value("Idempotency-Key");
    res.status = 202;
    res.set_content("accepted", "text/plain");
  });
  REQUIRE(server.Start());
  HttpPostRequest request;
  request.url = server.Url("/hook");
  request.body = R"({"a":1})";
  request.headers = {"Idempotency-Key: k-1"};
  Result<HttpPostResponse> response = HttpPost(request);
  REQUIRE(response.ok());
  CHECK(response->http_status == 202);
  CHECK(response->body == "accepted");
  CHECK(body == R"({"a":1})");
  CHECK(type == "application/json");
  CHECK(key == "k-1");
}

TEST_CASE("HttpPost returns 5xx as a response, not an error", "[crawler][http_post]") {
  CurlGlobal curl;
  testing::LocalHttpServer server;
  server.server().Post("/hook", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
  });
  REQUIRE(server.Start());
  Result<HttpPostResponse> response = HttpPost(HttpPostRequest{server.Url("/hook"), "{}"});
  REQUIRE(response.ok());
  CHECK(response->http_status == 503);
}

TEST_CASE("HttpPost keeps at most kMaxWebhookResponseBytes of the reply",
          "[crawler][http_post][limits]") {
  CurlGlobal curl;
  testing::LocalHttpServer server;
  const std::string reply = std::string(limits::kMaxWebhookResponseBytes, 'a') + "TAIL";
  server.server().Post("/hook", [&reply](const httplib::Request&, httplib::Response& res) {
    res.set_content(reply, "text/plain");
  });
  REQUIRE(server.Start());
  Result<HttpPostResponse> response = HttpPost(HttpPostRequest{server.Url("/hook"), "{}"});
  REQUIRE(response.ok());  // a long reply is cut, not an error
  CHECK(response->http_status == 200);
  CHECK(response->body.size() == limits::kMaxWebhookResponseBytes);
  CHECK(response->body == reply.substr(0, limits::kMaxWebhookResponseBytes));
}

TEST_CASE("HttpPost gives up after its timeout", "[crawler][http_post]") {
  CurlGlobal curl;
  testing::LocalHttpServer server;
  server.server().Post("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    res.status = 200;
  });
  REQUIRE(server.Start());
  HttpPostRequest request{server.Url("/slow"), "{}"};
  request.timeout_seconds = 1;
  Result<HttpPostResponse> response = HttpPost(request);
  REQUIRE_FALSE(response.ok());
  CHECK(response.status().code() == Status::Code::kNetworkError);
}

TEST_CASE("HttpPost refuses non-HTTP URLs", "[crawler][http_post]") {
  Result<HttpPostResponse> response = HttpPost(HttpPostRequest{"file:///etc/passwd", "{}"});
  REQUIRE_FALSE(response.ok());
  CHECK(response.status().code() == Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ecwatch
