// Frontier: URLs are added once, come back due in time order, and their
// state survives closing and reopening the database file (a restart).
#include "store/frontier.h"

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

TEST_CASE("a URL is added once and is due from its time on", "[store][frontier]") {
  auto store = Store::Open(":memory:");
  REQUIRE(store.ok());
  auto frontier = Frontier::ForStore(store->get());
  REQUIRE(frontier.ok());
  Frontier& f = *frontier.value();
  CHECK(f.Add("http://a.example/1", "wire", 100).value());
  CHECK_FALSE(f.Add("http://a.example/1", "other", 50).value());
  CHECK(f.Add("http://a.example/2", "wire", 200).value());
  CHECK(f.Due(99, 10).value().empty());
  auto due = f.Due(150, 10).value();
  REQUIRE(due.size() == 1);
  CHECK(due[0].url == "http://a.example/1");
  CHECK(due[0].source == "wire");
  CHECK(due[0].attempts == 0);
  CHECK(f.Due(1000, 1).value().size() == 1);  // the limit holds
  CHECK(f.NextDue().value().value() == 100);
}

TEST_CASE("done, retry and failed change what is due", "[store][frontier]") {
  auto store = Store::Open(":memory:");
  REQUIRE(store.ok());
  auto f = std::move(Frontier::ForStore(store->get())).value();
  for (const char* url : {"http://a/1", "http://a/2", "http://a/3"}) REQUIRE(f->Add(url, "s", 0).value());
  REQUIRE(f->MarkDone("http://a/1", 1, 200, 10).ok());
  REQUIRE(f->MarkRetry("http://a/2", 1, 503, "HTTP 503", 500, 10).ok());
  REQUIRE(f->MarkFailed("http://a/3", 1, 404, "HTTP 404", 10).ok());
  CHECK(f->Due(499, 10).value().empty());
  auto due = f->Due(500, 10).value();
  REQUIRE(due.size() == 1);
  CHECK(due[0].attempts == 1);
  FrontierCounts counts = f->Counts("").value();
  CHECK(counts.due == 1);
  CHECK(counts.done == 1);
  CHECK(counts.failed == 1);
  CHECK(f->Counts("nobody").value().due == 0);
  REQUIRE(f->MarkDone("http://a/2", 2, 200, 600).ok());
  CHECK_FALSE(f->NextDue().value().has_value());
}

TEST_CASE("the frontier survives a reopen of the database file", "[store][frontier]") {
  const std::string db = testing::MakeTempDir("frontier") + "/f.db";
  {
    auto store = Store::Open(db);
    REQUIRE(store.ok());
    auto f = std::move(Frontier::ForStore(store->get())).value();
    REQUIRE(f->Add("http://a/1", "s", 0).value());
    REQUIRE(f->Add("http://a/2", "s", 0).value());
    REQUIRE(f->MarkRetry("http://a/2", 2, 500, "HTTP 500", 0, 0).ok());
  }
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  auto f = std::move(Frontier::ForStore(store->get())).value();
  auto due = f->Due(10, 10).value();
  REQUIRE(due.size() == 2);
  CHECK(due[1].attempts + due[0].attempts == 2);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("Due returns at most kMaxFrontierBatch entries whatever the limit asked",
          "[store][frontier][limits]") {
  auto store = Store::Open(":memory:");
  REQUIRE(store.ok());
  auto f = std::move(Frontier::ForStore(store->get())).value();
  for (std::size_t i = 0; i <= limits::kMaxFrontierBatch; ++i) {
    REQUIRE(f->Add("http://a/" + std::to_string(i), "s", 0).value());
  }
  CHECK(f->Due(1, 1 << 30).value().size() == limits::kMaxFrontierBatch);
}

}  // namespace
}  // namespace ecwatch
