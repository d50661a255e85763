// Pins RobotsPolicy against RFC 9309; each test names the section it checks.
#include "crawler/robots.h"

#include <catch2/catch.hpp>
#include <string>

#include "base/limits.h"

namespace ecwatch {
namespace {

bool Allowed(const std::string& robots, const std::string& path,
             const std::string& agent = "ecwatch") {
  return RobotsPolicy::Parse(robots, agent).IsAllowed(path);
}

TEST_CASE("RFC9309 2.2.1: the group naming our product token applies, case-insensitively",
          "[crawler][robots]") {
  const std::string robots =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: ECWatch\nDisallow: /private/\n";
  CHECK(Allowed(robots, "/news/a.html"));
  CHECK_FALSE(Allowed(robots, "/private/x"));
  CHECK_FALSE(Allowed(robots, "/news/a.html", "otherbot"));  // falls back to "*"
}

TEST_CASE("RFC9309 2.2.1: user-agent values match by product token, not the full string",
          "[crawler][robots]") {
  CHECK_FALSE(Allowed("User-agent: ecwatch/2.0 (+https://x.test)\nDisallow: /a\n", "/a"));
  CHECK(Allowed("User-agent: ecwatchbot\nDisallow: /a\n", "/a"));  // another crawler
  CHECK(ProductToken("ecwatch/0.1 (+https://x.test/bot)") == "ecwatch");
  CHECK(ProductToken("my_bot-2") == "my_bot-");
}

TEST_CASE("RFC9309 2.2.1: consecutive user-agent lines share one group", "[crawler][robots]") {
  const std::string robots =
      "User-agent: a\nUser-agent: ecwatch\nUser-agent: b\nDisallow: /shared\n"
      "User-agent: c\nDisallow: /c-only\n";
  CHECK_FALSE(Allowed(robots, "/shared/x"));
  CHECK(Allowed(robots, "/c-only"));
}

TEST_CASE("RFC9309 2.2.1: several groups for our token are combined", "[crawler][robots]") {
  const std::string robots =
      "User-agent: ecwatch\nDisallow: /a\n\nUser-agent: *\nDisallow: /star\n\n"
      "User-agent: ecwatch\nDisallow: /b\n";
  RobotsPolicy policy = RobotsPolicy::Parse(robots, "ecwatch");
  CHECK(policy.rule_count() == 2);
  CHECK_FALSE(policy.IsAllowed("/a"));
  CHECK_FALSE(policy.IsAllowed("/b"));
  CHECK(policy.IsAllowed("/star"));  // "*" groups do not apply once one group names us
}

TEST_CASE("RFC9309 2.2.1: no matching group and no \"*\" group means no rules apply",
          "[crawler][robots]") {
  CHECK(Allowed("User-agent: otherbot\nDisallow: /\n", "/x"));
  CHECK(Allowed("", "/x"));
  CHECK(Allowed("Disallow: /\n", "/x"));  // a rule before any user-agent line belongs to no group
}

TEST_CASE("RFC9309 2.2.2: the longest match wins; allow wins a tie", "[crawler][robots]") {
  const std::string robots =
      "User-agent: *\nDisallow: /example/\nAllow: /example/page/\nDisallow: "
      "/example/page/disallowed.gif\n"
      "Allow: /tie\nDisallow: /tie\n";
  CHECK(Allowed(robots, "/example/page/"));
  CHECK(Allowed(robots, "/example/page/x.html"));
  CHECK_FALSE(Allowed(robots, "/example/other"));
  CHECK_FALSE(Allowed(robots, "/example/page/disallowed.gif"));
  CHECK(Allowed(robots, "/tie/x"));
}

TEST_CASE("RFC9309 2.2.2: an empty disallow allows everything; /robots.txt is always allowed",
          "[crawler][robots]") {
  CHECK(Allowed("User-agent: *\nDisallow:\n", "/anything"));
  CHECK(Allowed("User-agent: *\nDisallow: /\n", "/robots.txt"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /\n", "/robots.txt.bak"));
}

TEST_CASE("RFC9309 2.2.2: percent-encoding is normalised before comparison", "[crawler][robots]") {
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /%7Ejoe/\n", "/~joe/index.html"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /~joe/\n", "/%7ejoe/index.html"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n", "/foo/bar/%E3%83%84"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /a%2fb\n", "/a%2Fb"));
  CHECK(Allowed("User-agent: *\nDisallow: /a%2Fb\n", "/a/b"));  // reserved '/' stays encoded
}

TEST_CASE("RFC9309 2.2.3: \"*\" matches any sequence and a final \"$\" anchors the end",
          "[crawler][robots]") {
  const std::string robots = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /private*/secret\n";
  CHECK_FALSE(Allowed(robots, "/files/report.pdf"));
  CHECK(Allowed(robots, "/files/report.pdf?download=1"));
  CHECK(Allowed(robots, "/files/report.pdfx"));
  CHECK_FALSE(Allowed(robots, "/private-2025/secret/x"));
  CHECK(Allowed(robots, "/private-2025/public"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /a$\n", "/a"));
  CHECK(Allowed("User-agent: *\nDisallow: /a$\n", "/ab"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: *\n", "/x"));
}

TEST_CASE("RFC9309 2.2.3/2.2.4: comments, key case, CRLF and other records are handled",
          "[crawler][robots]") {
  const std::string robots =
      "# comment line\r\nUSER-AGENT: * # all\r\nsitemap: https://x.test/s.xml\r\n"
      "crawl-delay: 10\r\nDISALLOW: /tmp # temp\r\nnot a valid line\r\n";
  CHECK_FALSE(Allowed(robots, "/tmp/a"));
  CHECK_FALSE(Allowed(robots, "/tmpx"));
}

TEST_CASE("RFC9309 2.3.1.3-4: 4xx allows all; 5xx and unreachable disallow all",
          "[crawler][robots]") {
  CHECK(RobotsPolicy::FromFetch(false, 404, "", "ecwatch").IsAllowed("/x"));
  CHECK(RobotsPolicy::FromFetch(false, 403, "", "ecwatch").IsAllowed("/x"));
  CHECK_FALSE(RobotsPolicy::FromFetch(false, 503, "", "ecwatch").IsAllowed("/x"));
  CHECK_FALSE(RobotsPolicy::FromFetch(false, 0, "", "ecwatch").IsAllowed("/x"));
  CHECK(RobotsPolicy::FromFetch(false, 0, "", "ecwatch").IsAllowed("/robots.txt"));
  CHECK_FALSE(RobotsPolicy::FromFetch(true, 200, "User-agent: *\nDisallow: /x\n", "ecwatch")
                  .IsAllowed("/x"));
}

TEST_CASE("RFC9309 2.5: only the first kMaxRobotsBytes are parsed", "[crawler][robots][limits]") {
  std::string robots = "User-agent: *\nDisallow: /early\n";
  robots += "# " + std::string(limits::kMaxRobotsBytes, 'x') + "\n";
  robots += "Disallow: /late\n";
  RobotsPolicy policy = RobotsPolicy::Parse(robots, "ecwatch");
  CHECK_FALSE(policy.IsAllowed("/early"));
  CHECK(policy.IsAllowed("/late"));
}

TEST_CASE("A rule pattern longer than kMaxUrlBytes is ignored", "[crawler][robots][limits]") {
  const std::string at_cap = "/" + std::string(limits::kMaxUrlBytes - 1, 'a');
  const std::string over = "/" + std::string(limits::kMaxUrlBytes, 'b');
  RobotsPolicy policy =
      RobotsPolicy::Parse("User-agent: *\nDisallow: " + at_cap + "\nDisallow: " + over + "\n", "ecwatch");
  CHECK(policy.rule_count() == 1);
  CHECK_FALSE(policy.IsAllowed(at_cap));
  CHECK(policy.IsAllowed(over));
}

}  // namespace
}  // namespace ecwatch
