// Pins HugePageAllocator: large blocks on 2 MB boundaries, small ones as
// usual, both usable as a vector's storage.
#include "base/huge_pages.h"

#include <cstdint>
#include <numeric>
#include <vector>

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

using Table = std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>>;

TEST_CASE("HugePageAllocator puts a large table on a 2 MB boundary", "[huge_pages]") {
  Table t(300000);  // 1.2 MB
  CHECK(reinterpret_cast<std::uintptr_t>(t.data()) % kHugePageBytes == 0);
  std::iota(t.begin(), t.end(), 0u);
  CHECK(t.back() == 299999u);
  t.assign(5000000, 7u);  // 20 MB: regrown, still aligned
  CHECK(reinterpret_cast<std::uintptr_t>(t.data()) % kHugePageBytes == 0);
  CHECK(t[4999999] == 7u);
}

TEST_CASE("HugePageAllocator gives small tables ordinary memory", "[huge_pages]") {
  Table t(1000);
  std::iota(t.begin(), t.end(), 1u);
  CHECK(std::accumulate(t.begin(), t.end(), std::uint64_t{0}) == 500500u);
  Table empty;
  empty.reserve(1);
  CHECK(empty.capacity() >= 1);
}

}  // namespace
}  // namespace ecwatch
