// Pins RobotsCache: one robots.txt fetch per origin, expiry after 24 h (RFC
// 9309 2.4), 4xx/5xx handling, and the host cap; no network (fake Fetcher).
#include "crawler/robots_cache.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "base/limits.h"

namespace ecwatch {
namespace {

class FakeClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = 1'000'000;
};

// Serves canned robots.txt bodies or HTTP statuses; records requested URLs.
class FakeFetcher final : public Fetcher {
 public:
  Result<FetchResult> Fetch(const FetchRequest& request, long* http_status_out) override {
    requested.push_back(request.url);
    const auto status = statuses.find(request.url);
    const long code = status == statuses.end() ? 200 : status->second;
    if (http_status_out != nullptr) *http_status_out = code;
    if (code == 404) return Status::NotFound(request.url + ": HTTP 404");
    if (code != 200) return Status::NetworkError(request.url + ": HTTP " + std::to_string(code));
    FetchResult result;
    result.http_status = 200;
    result.body = bodies[request.url];
    return result;
  }
  std::map<std::string, std::string> bodies;
  std::map<std::string, long> statuses;
  std::vector<std::string> requested;
};

TEST_CASE("RobotsCache fetches robots.txt once per origin and applies it", "[crawler][robots]") {
  FakeFetcher fetcher;
  FakeClock clock;
  fetcher.bodies["https://a.test/robots.txt"] = "User-agent: ecwatch\nDisallow: /private\n";
  RobotsCache cache(&fetcher, &clock, "ecwatch/0.1");
  CHECK(cache.IsAllowed("https://a.test/news/1"));
  CHECK_FALSE(cache.IsAllowed("https://A.test:443/private/x?y#z"));
  CHECK(cache.IsAllowed("https://b.test/private"));  // b.test serves an empty robots.txt
  CHECK(fetcher.requested ==
        std::vector<std::string>{"https://a.test/robots.txt", "https://b.test/robots.txt"});
  CHECK(cache.size() == 2);
}

TEST_CASE("RobotsCache refetches after 24 hours (RFC9309 2.4)", "[crawler][robots]") {
  FakeFetcher fetcher;
  FakeClock clock;
  RobotsCache cache(&fetcher, &clock, "ecwatch");
  CHECK(cache.IsAllowed("https://a.test/x"));
  fetcher.bodies["https://a.test/robots.txt"] = "User-agent: *\nDisallow: /\n";
  clock.now += 24 * 3600 - 1;
  CHECK(cache.IsAllowed("https://a.test/x"));  // still the cached policy
  clock.now += 1;
  CHECK_FALSE(cache.IsAllowed("https://a.test/x"));
  CHECK(fetcher.requested.size() == 2);
}

TEST_CASE("RobotsCache: 404 allows all, 503 disallows all and is retried after an hour",
          "[crawler][robots]") {
  FakeFetcher fetcher;
  FakeClock clock;
  fetcher.statuses["https://gone.test/robots.txt"] = 404;
  fetcher.statuses["https://down.test/robots.txt"] = 503;
  RobotsCache cache(&fetcher, &clock, "ecwatch");
  CHECK(cache.IsAllowed("https://gone.test/anything"));
  CHECK_FALSE(cache.IsAllowed("https://down.test/anything"));
  fetcher.statuses.erase("https://down.test/robots.txt");
  clock.now += 3600;
  CHECK(cache.IsAllowed("https://down.test/anything"));
}

TEST_CASE("RobotsCache allows non-http URLs without fetching and refuses malformed ones",
          "[crawler][robots]") {
  FakeFetcher fetcher;
  FakeClock clock;
  RobotsCache cache(&fetcher, &clock, "ecwatch");
  CHECK(cache.IsAllowed("file:///tmp/page.html"));
  CHECK_FALSE(cache.IsAllowed("http://bad.test:99999/"));
  CHECK(fetcher.requested.empty());
}

TEST_CASE("RobotsCache keeps at most kMaxRobotsHosts origins, dropping the oldest",
          "[crawler][robots][limits]") {
  FakeFetcher fetcher;
  FakeClock clock;
  RobotsCache cache(&fetcher, &clock, "ecwatch");
  for (std::size_t i = 0; i <= limits::kMaxRobotsHosts; ++i) {
    clock.now += 1;
    cache.IsAllowed("https://h" + std::to_string(i) + ".test/");
  }
  CHECK(cache.size() == limits::kMaxRobotsHosts);
  fetcher.requested.clear();
  cache.IsAllowed("https://h1.test/");  // still cached
  CHECK(fetcher.requested.empty());
  cache.IsAllowed("https://h0.test/");  // the oldest was dropped: fetched again
  CHECK(fetcher.requested.size() == 1);
}

}  // namespace
}  // namespace ecwatch
