// The SSRF guard in the fetcher: refused on the resolved address, so a
// public-looking name pinned to loopback and a redirect into loopback are both
// refused unless allow_private lists the range. Servers on 127.0.0.1/127.0.0.2.
#include <catch2/catch.hpp>

#include "crawler/fetcher.h"
#include "tests/support/http_server.h"

namespace ecwatch {
namespace {

FetchOptions Guarded(const std::vector<std::string>& allow) {
  FetchOptions o;
  auto policy = AddressPolicy::BlockPrivate(allow);
  REQUIRE(policy.ok());
  o.address_policy = policy.value();
  o.connect_timeout_seconds = 2;
  o.total_timeout_seconds = 5;
  return o;
}

TEST_CASE("a guarded fetcher refuses a loopback address and names it", "[crawler][ssrf]") {
  CurlGlobal curl;
  testing::TestHttpServer http;
  http.server().Get("/", [](const httplib::Request&, httplib::Response& r) {
    r.set_content("<p>hi</p>", "text/html");
  });
  http.Start();
  auto fetcher = NewCurlFetcher(Guarded({}));
  auto r = fetcher->Fetch({http.Url("/"), "", ""}, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNetworkError);
  CHECK(r.status().message().find("refused to connect to 127.0.0.1") != std::string::npos);
  CHECK(r.status().message().find(http.Url("/")) == 0);

  auto open = NewCurlFetcher(Guarded({"127.0.0.0/8"}));
  CHECK(open->Fetch({http.Url("/"), "", ""}, nullptr).ok());
}

TEST_CASE("a public-looking name that resolves to loopback is refused", "[crawler][ssrf]") {
  CurlGlobal curl;
  testing::TestHttpServer http;
  http.server().Get("/", [](const httplib::Request&, httplib::Response& r) {
    r.set_content("ok", "text/plain");
  });
  http.Start();
  FetchOptions o = Guarded({});
  o.resolve = {"news.example.com:" + std::to_string(http.port()) + ":127.0.0.1"};
  auto r = NewCurlFetcher(o)->Fetch(
      {"http://news.example.com:" + std::to_string(http.port()) + "/", "", ""}, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("refused to connect to 127.0.0.1") != std::string::npos);
}

TEST_CASE("a redirect from an allowed host into loopback is refused unless allowed",
          "[crawler][ssrf]") {
  CurlGlobal curl;
  testing::TestHttpServer inner;  // the private target, 127.0.0.1
  inner.server().Get("/secret", [](const httplib::Request&, httplib::Response& r) {
    r.set_content("metadata", "text/plain");
  });
  inner.Start();
  testing::TestHttpServer outer;  // stands for a public host: 127.0.0.2, allowed below
  outer.server().Get("/go", [&](const httplib::Request&, httplib::Response& r) {
    r.set_redirect(inner.Url("/secret"));
  });
  outer.Start("127.0.0.2");

  auto refused = NewCurlFetcher(Guarded({"127.0.0.2/32"}))->Fetch({outer.Url("/go"), "", ""}, nullptr);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("refused to connect to 127.0.0.1") != std::string::npos);

  auto allowed =
      NewCurlFetcher(Guarded({"127.0.0.2/32", "127.0.0.1/32"}))->Fetch({outer.Url("/go"), "", ""}, nullptr);
  REQUIRE(allowed.ok());
  CHECK(allowed->body == "metadata");
}

}  // namespace
}  // namespace ecwatch
