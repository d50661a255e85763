// Tests for app/allocator.h: which block sizes malloc maps after tuning.
#include "app/allocator.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ecwatch {
namespace {

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
// Blocks currently obtained by mmap (glibc's count).
std::size_t MappedBlocks() { return mallinfo2().hblks; }

// Whether a fresh block of `bytes` is mapped rather than taken from the heap.
bool IsMapped(std::size_t bytes) {
  const std::size_t before = MappedBlocks();
  char* block = static_cast<char*>(std::malloc(bytes));
  REQUIRE(block != nullptr);
  std::memset(block, 1, 64);
  const bool mapped = MappedBlocks() > before;
  std::free(block);
  return mapped;
}
#endif

TEST_CASE("TuneAllocator keeps page-sized blocks up to kMallocMmapThresholdBytes in the heap",
          "[allocator]") {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  REQUIRE(TuneAllocator());
  // glibc's default (128 KiB) would map these; a page body is ~200 KB.
  CHECK_FALSE(IsMapped(256 << 10));
  CHECK_FALSE(IsMapped(kMallocMmapThresholdBytes - (64 << 10)));
  // Beyond the threshold blocks are still mapped (and unmapped when freed).
  CHECK(IsMapped(2 * kMallocMmapThresholdBytes));
#else
  WARN("malloc is not glibc's (or is replaced by a sanitizer): nothing to tune");
  CHECK_FALSE(TuneAllocator());
#endif
}

}  // namespace
}  // namespace ecwatch
