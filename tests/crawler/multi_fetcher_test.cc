// MultiFetcher against a loopback server: transfers really run at once,
// libcurl's per-host connection cap holds, every outcome is judged like
// CurlFetcher's (transient or final, Retry-After), and an abort hands back
// what was in flight.
#include "crawler/multi_fetcher.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "tests/crawler/local_http_server.h"

namespace ecwatch {
namespace {

using testing::LocalHttpServer;

// Serves /slow (holds 300 ms, counting how many are served at once) and the
// failure cases.
struct Server {
  LocalHttpServer http;
  std::atomic<int> now{0};
  std::atomic<int> most{0};

  Server() {
    auto& s = http.server();
    s.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      const int n = ++now;
      int seen = most.load();
      while (n > seen && !most.compare_exchange_weak(seen, n)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      --now;
      res.set_content("<p>slow</p>", "text/html");
    });
    s.Get("/500", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
    s.Get("/404", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    s.Get("/429", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "7");
    });
    s.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    s.Get("/stall", [this](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 50 && !http.stopping(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      res.set_content("late", "text/plain");
    });
    REQUIRE(http.Start());
  }
  ~Server() { http.Stop(); }  // before the counters the handlers use go
};

// Polls until n completions arrived (or 20 s passed).
std::vector<FetchCompletion> Drain(MultiFetcher* fetcher, std::size_t n) {
  std::vector<FetchCompletion> all;
  for (int i = 0; i < 200 && all.size() < n; ++i) {
    for (FetchCompletion& c : fetcher->Poll(100)) all.push_back(std::move(c));
  }
  return all;
}

TEST_CASE("transfers run at once", "[crawler][multi]") {
  Server server;
  MultiFetcher fetcher(FetchOptions{}, FetchOptions{}, 8);
  for (uint64_t tag = 1; tag <= 8; ++tag) {
    REQUIRE(fetcher.Start(FetchRequest{server.http.Url("/slow"), "", ""}, false, tag));
  }
  CHECK_FALSE(fetcher.Start(FetchRequest{server.http.Url("/slow"), "", ""}, false, 9));
  std::vector<FetchCompletion> done = Drain(&fetcher, 8);
  REQUIRE(done.size() == 8);
  for (const FetchCompletion& c : done) CHECK(c.result.ok());
  std::vector<uint64_t> tags;
  for (const FetchCompletion& c : done) tags.push_back(c.tag);
  std::sort(tags.begin(), tags.end());
  CHECK(tags == std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8});
  CHECK(server.most.load() >= 2);
  CHECK(fetcher.in_flight() == 0);
}

TEST_CASE("outcomes are judged transient or final as CurlFetcher's", "[crawler][multi]") {
  Server server;
  FetchOptions options;
  options.total_timeout_seconds = 1;
  MultiFetcher fetcher(options, options, 8);
  const char* paths[] = {"/500", "/404", "/429", "/loop", "/stall", "/slow"};
  for (uint64_t i = 0; i < 6; ++i) {
    REQUIRE(fetcher.Start(FetchRequest{server.http.Url(paths[i]), "", ""}, false, i));
  }
  REQUIRE(fetcher.Start(FetchRequest{"gopher://127.0.0.1/x", "", ""}, false, 6));
  std::vector<FetchCompletion> done = Drain(&fetcher, 7);
  REQUIRE(done.size() == 7);
  std::sort(done.begin(), done.end(),
            [](const FetchCompletion& a, const FetchCompletion& b) { return a.tag < b.tag; });
  CHECK(done[0].http_status == 500);
  CHECK(done[0].transient);
  CHECK(done[1].result.status().code() == Status::Code::kNotFound);
  CHECK_FALSE(done[1].transient);
  CHECK(done[2].http_status == 429);
  CHECK(done[2].transient);
  CHECK(done[2].retry_after_seconds == 7);
  CHECK(done[3].result.status().message().find("redirects") != std::string::npos);
  CHECK_FALSE(done[3].transient);
  CHECK_FALSE(done[4].result.ok());  // past the 1 s timeout
  CHECK(done[4].transient);
  CHECK(done[5].result.ok());        // 300 ms, within the timeout
  CHECK(done[6].result.status().code() == Status::Code::kInvalidArgument);
  CHECK_FALSE(done[6].transient);
}

TEST_CASE("AbortAll hands back every transfer in flight", "[crawler][multi]") {
  Server server;
  MultiFetcher fetcher(FetchOptions{}, FetchOptions{}, 4);
  REQUIRE(fetcher.Start(FetchRequest{server.http.Url("/stall"), "", ""}, false, 1));
  REQUIRE(fetcher.Start(FetchRequest{server.http.Url("/stall"), "", ""}, false, 2));
  fetcher.Poll(100);
  std::vector<FetchCompletion> aborted = fetcher.AbortAll();
  REQUIRE(aborted.size() == 2);
  for (const FetchCompletion& c : aborted) {
    CHECK(c.result.status().message().find("aborted") != std::string::npos);
    CHECK(c.transient);
  }
  CHECK(fetcher.in_flight() == 0);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("MultiFetcher runs at most kMaxConcurrency transfers whatever it is asked",
          "[crawler][multi][limits]") {
  MultiFetcher fetcher(FetchOptions{}, FetchOptions{}, 1 << 20);
  CHECK(fetcher.capacity() == limits::kMaxConcurrency);
  MultiFetcher one(FetchOptions{}, FetchOptions{}, 0);
  CHECK(one.capacity() == 1);
}

}  // namespace
}  // namespace ecwatch
