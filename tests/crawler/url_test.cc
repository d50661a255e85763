// Pins CanonicalizeUrl (RFC 3986 6.2.2 normalisation plus tracking
// parameters and index pages), RobotsTxtUrl and PathAndQuery.
#include "crawler/url.h"

#include <catch2/catch.hpp>
#include <string>

#include "base/limits.h"

namespace ecwatch {
namespace {

std::string Canon(const std::string& url) {
  Result<std::string> r = CanonicalizeUrl(url);
  INFO(url << " -> " << r.status().ToString());
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("CanonicalizeUrl lower-cases scheme and host, not the path (RFC 3986 6.2.2.1)",
          "[crawler][url]") {
  CHECK(Canon("HTTPS://News.Example.TEST/Path/A.html") == "https://news.example.test/Path/A.html");
  CHECK(Canon("http://example.test.") == "http://example.test/");
}

TEST_CASE("CanonicalizeUrl drops default ports and keeps others (RFC 3986 6.2.3)",
          "[crawler][url]") {
  CHECK(Canon("http://example.test:80/a") == "http://example.test/a");
  CHECK(Canon("https://example.test:443/a") == "https://example.test/a");
  CHECK(Canon("https://example.test:/a") == "https://example.test/a");
  CHECK(Canon("http://example.test:443/a") == "http://example.test:443/a");
  CHECK(Canon("https://example.test:08080/a") == "https://example.test:8080/a");
  CHECK(Canon("http://[::1]:80/a") == "http://[::1]/a");
}

TEST_CASE("CanonicalizeUrl normalises escapes and dot segments (RFC 3986 6.2.2.2-3)",
          "[crawler][url]") {
  CHECK(Canon("https://e.test/%7Euser/%61b%2fc") == "https://e.test/~user/ab%2Fc");
  CHECK(Canon("https://e.test/a/./b/../c") == "https://e.test/a/c");
  CHECK(Canon("https://e.test/a/b/..") == "https://e.test/a/");
  CHECK(Canon("https://e.test/../../x") == "https://e.test/x");
  CHECK(Canon("https://e.test/a%zz") == "https://e.test/a%25zz");  // a stray % is data
  CHECK(Canon("https://e.test/a%2") == "https://e.test/a%252");
  CHECK(Canon("https://e.test/%%66") == "https://e.test/%25f");  // no new escape appears
}

TEST_CASE("CanonicalizeUrl removes the fragment and tracking parameters, keeping order",
          "[crawler][url]") {
  CHECK(Canon("https://e.test/a#section-2") == "https://e.test/a");
  CHECK(Canon("https://e.test/a?utm_source=x&id=3&UTM_Medium=y&fbclid=z&b=&gclid=1#f") ==
        "https://e.test/a?id=3&b=");
  CHECK(Canon("https://e.test/a?utm_source=x&fbclid=z") == "https://e.test/a");
  CHECK(Canon("https://e.test/a?") == "https://e.test/a");
  CHECK(Canon("https://e.test/a?x=1&&y=2") == "https://e.test/a?x=1&y=2");
  CHECK(Canon("https://e.test/a?utm=keep") == "https://e.test/a?utm=keep");
}

TEST_CASE("CanonicalizeUrl removes trailing index pages when there is no query", "[crawler][url]") {
  CHECK(Canon("https://e.test/news/index.html") == "https://e.test/news/");
  CHECK(Canon("https://e.test/INDEX.PHP") == "https://e.test/");
  CHECK(Canon("https://e.test/news/default.aspx?utm_campaign=c") == "https://e.test/news/");
  CHECK(Canon("https://e.test/index.php?id=3") == "https://e.test/index.php?id=3");
  CHECK(Canon("https://e.test/myindex.html") == "https://e.test/myindex.html");
}

TEST_CASE("CanonicalizeUrl is idempotent", "[crawler][url]") {
  for (const char* url : {"HTTP://E.test:80/a/../b/index.htm?utm_x=1#f", "https://e.test",
                          "https://u:p@e.test:8443/%7e?q=%2f"}) {
    const std::string once = Canon(url);
    CHECK(Canon(once) == once);
  }
}

TEST_CASE("CanonicalizeUrl rejects non-http schemes, missing hosts, bad ports, huge URLs",
          "[crawler][url]") {
  for (const char* bad :
       {"ftp://e.test/", "file:///etc/hosts", "/relative/path", "https:///x",
        "http://e.test:99999/", "http://e.test:8o/", "http://[::1/", "http://a..b/", "http://.a/",
        "http://e.test../", "http://e\x01.test/", "http://e test/", "http://a:b:80/",
        "http://[::1\n]/", "http://e.test\\x/"}) {
    INFO(bad);
    Result<std::string> r = CanonicalizeUrl(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK(r.status().message().rfind(std::string(bad) + ": ", 0) == 0);
  }
  const std::string huge = "https://e.test/" + std::string(limits::kMaxUrlBytes, 'a');
  CHECK(CanonicalizeUrl(huge).status().code() == Status::Code::kTooLarge);
}

TEST_CASE("RobotsTxtUrl keeps scheme, host and non-default port only", "[crawler][url]") {
  CHECK(RobotsTxtUrl("https://U:P@News.Example.test:443/a/b?c#d").value() ==
        "https://news.example.test/robots.txt");
  CHECK(RobotsTxtUrl("http://e.test:8080/x").value() == "http://e.test:8080/robots.txt");
  CHECK_FALSE(RobotsTxtUrl("mailto:x@e.test").ok());
}

TEST_CASE("PathAndQuery returns the path and query as written", "[crawler][url]") {
  CHECK(PathAndQuery("https://e.test/a/b?c=d#e") == "/a/b?c=d");
  CHECK(PathAndQuery("https://e.test") == "/");
  CHECK(PathAndQuery("https://e.test?q=1") == "/?q=1");
  CHECK(PathAndQuery("https://e.test/%7Ea") == "/%7Ea");
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("UrlForLog keeps scheme and host, drops path, query and userinfo", "[crawler][url][secrets]") {
  CHECK(UrlForLog("https://u:pw@hooks.example/services/T0/B0/SECRET?k=1") == "https://hooks.example/...");
  CHECK(UrlForLog("http://127.0.0.1:8080/hook") == "http://127.0.0.1:8080/...");
  CHECK(UrlForLog("smtps://mail.example:465") == "smtps://mail.example:465");
  CHECK(UrlForLog("https://example.org/") == "https://example.org");
  CHECK(UrlForLog("not a url with a s3cret") == "(URL withheld)");
}

}  // namespace
}  // namespace ecwatch
