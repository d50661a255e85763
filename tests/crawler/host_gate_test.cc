// HostGate: one transfer per origin, the politeness pause after each, the
// larger Crawl-delay, Retry-After deferral, and bounded memory.
#include "crawler/host_gate.h"

#include <catch2/catch.hpp>

#include "base/limits.h"

namespace ecwatch {
namespace {

TEST_CASE("OriginOf names scheme, host and port, and nothing for file URLs", "[crawler][gate]") {
  CHECK(OriginOf("http://Example.COM:80/a/b?c") == "http://example.com");
  CHECK(OriginOf("https://example.com:8443/x") == "https://example.com:8443");
  CHECK(OriginOf("file:///tmp/x.html").empty());
}

TEST_CASE("one transfer per origin, then the pause, while other origins go on", "[crawler][gate]") {
  HostGate gate(1000);
  const std::string a = "http://a.example:80", b = "http://b.example:80";
  CHECK(gate.MayStart(a, 0));
  gate.Started(a);
  CHECK_FALSE(gate.MayStart(a, 0));
  CHECK(gate.MayStart(b, 0));
  gate.Finished(a, 5000);
  CHECK_FALSE(gate.MayStart(a, 5999));
  CHECK(gate.ReadyAt(a, 5500) == 6000);
  CHECK(gate.MayStart(a, 6000));
  CHECK(gate.MayStart("", 0));  // file:// is never held back
}

TEST_CASE("a robots.txt Crawl-delay longer than the default applies, capped", "[crawler][gate]") {
  HostGate gate(1000);
  const std::string a = "http://a.example:80";
  gate.SetCrawlDelay(a, 5);
  gate.Started(a);
  gate.Finished(a, 0);
  CHECK_FALSE(gate.MayStart(a, 4999));
  CHECK(gate.MayStart(a, 5000));
  gate.SetCrawlDelay(a, 1e9);
  gate.Started(a);
  gate.Finished(a, 10000);
  CHECK(gate.ReadyAt(a, 10000) ==
        10000 + static_cast<int64_t>(limits::kMaxCrawlDelaySeconds * 1000));
}

TEST_CASE("Retry-After defers an origin", "[crawler][gate]") {
  HostGate gate(0);
  const std::string a = "http://a.example:80";
  gate.Defer(a, 30000);
  CHECK_FALSE(gate.MayStart(a, 29999));
  CHECK(gate.MayStart(a, 30000));
}

TEST_CASE("idle origins are forgotten past kMaxHostsTracked", "[crawler][gate][limits]") {
  HostGate gate(10);
  for (std::size_t i = 0; i <= limits::kMaxHostsTracked + 1; ++i) {
    const std::string origin = "http://h" + std::to_string(i) + ".example:80";
    gate.Started(origin);
    gate.Finished(origin, 0);
  }
  gate.Started("http://last.example:80");
  gate.Finished("http://last.example:80", 1000);  // everyone else's pause is over
  CHECK(gate.size() <= limits::kMaxHostsTracked);
}

}  // namespace
}  // namespace ecwatch
