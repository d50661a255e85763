// Pins RobotsCache: a policy per origin once put, expiry after 24 h (RFC
// 9309 2.4), 4xx/5xx handling, and the host cap; no network (fake Clock).
#include "crawler/robots_cache.h"

#include <catch2/catch.hpp>
#include <string>

#include "base/limits.h"

namespace ecwatch {
namespace {

class FakeClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = 1'000'000;
};

TEST_CASE("RobotsCache knows an origin once its robots.txt is put, and applies it",
          "[crawler][robots]") {
  FakeClock clock;
  RobotsCache cache(&clock, "ecwatch/0.1");
  CHECK_FALSE(cache.Check("https://a.test/news/1").has_value());  // fetch it first
  cache.Put("https://a.test/robots.txt", true, 200, "User-agent: ecwatch\nDisallow: /private\n");
  cache.Put("https://b.test/robots.txt", true, 200, "");
  CHECK(cache.Check("https://a.test/news/1") == true);
  CHECK(cache.Check("https://A.test:443/private/x?y#z") == false);
  CHECK(cache.Check("https://b.test/private") == true);
  CHECK(cache.size() == 2);
}

TEST_CASE("RobotsCache forgets a policy after 24 hours (RFC9309 2.4)", "[crawler][robots]") {
  FakeClock clock;
  RobotsCache cache(&clock, "ecwatch");
  cache.Put("https://a.test/robots.txt", true, 200, "");
  clock.now += 24 * 3600 - 1;
  CHECK(cache.Check("https://a.test/x") == true);  // still the cached policy
  clock.now += 1;
  CHECK_FALSE(cache.Check("https://a.test/x").has_value());
  // A policy fetched earlier (read back from the database) expires as it would have.
  cache.Put("https://c.test/robots.txt", true, 200, "", clock.now - 24 * 3600);
  CHECK_FALSE(cache.Check("https://c.test/x").has_value());
}

TEST_CASE("RobotsCache: 404 allows all, 503 disallows all and is retried after an hour",
          "[crawler][robots]") {
  FakeClock clock;
  RobotsCache cache(&clock, "ecwatch");
  cache.Put("https://gone.test/robots.txt", false, 404, "");
  cache.Put("https://down.test/robots.txt", false, 503, "");
  CHECK(cache.Check("https://gone.test/anything") == true);
  CHECK(cache.Check("https://down.test/anything") == false);
  CHECK(cache.Unreachable("https://down.test/anything"));
  CHECK_FALSE(cache.Unreachable("https://gone.test/anything"));
  clock.now += 3600;
  CHECK_FALSE(cache.Unreachable("https://down.test/anything"));
  CHECK_FALSE(cache.Check("https://down.test/anything").has_value());  // fetch again
  CHECK(cache.Check("https://gone.test/anything") == true);
}

TEST_CASE("RobotsCache allows non-http URLs without robots.txt and refuses malformed ones",
          "[crawler][robots]") {
  FakeClock clock;
  RobotsCache cache(&clock, "ecwatch");
  CHECK(cache.Check("file:///tmp/page.html") == true);
  CHECK(cache.Check("http://bad.test:99999/") == false);
  CHECK(cache.size() == 0);
}

TEST_CASE("RobotsCache reports a matching group's Crawl-delay", "[crawler][robots]") {
  FakeClock clock;
  RobotsCache cache(&clock, "ecwatch");
  cache.Put("https://a.test/robots.txt", true, 200, "User-agent: *\nCrawl-delay: 2.5\nDisallow:\n");
  CHECK(cache.CrawlDelay("https://a.test/x") == Approx(2.5));
  CHECK(cache.CrawlDelay("https://unknown.test/x") == 0);
}

TEST_CASE("RobotsCache keeps at most kMaxRobotsHosts origins, dropping the oldest",
          "[crawler][robots][limits]") {
  FakeClock clock;
  RobotsCache cache(&clock, "ecwatch");
  for (std::size_t i = 0; i <= limits::kMaxRobotsHosts; ++i) {
    clock.now += 1;
    cache.Put("https://h" + std::to_string(i) + ".test/robots.txt", true, 200, "");
  }
  CHECK(cache.size() == limits::kMaxRobotsHosts);
  CHECK(cache.Check("https://h1.test/").has_value());        // still cached
  CHECK_FALSE(cache.Check("https://h0.test/").has_value());  // the oldest was dropped
}

}  // namespace
}  // namespace ecwatch
