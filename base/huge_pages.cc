// HugePageAllocator's blocks: 2 MB-aligned, advised for huge pages on Linux.
// Tested by tests/base/huge_pages_test.cc.
#include "base/huge_pages.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ecwatch {

void* AllocateTable(std::size_t bytes) {
  if (bytes < kMinHugeTableBytes) {
    void* p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p == nullptr) throw std::bad_alloc();
    return p;
  }
  const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  void* p = std::aligned_alloc(kHugePageBytes, rounded);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(p, rounded, MADV_HUGEPAGE);  // advice only: ignored where huge pages are off
#endif
  return p;
}

void FreeTable(void* p) { std::free(p); }

}  // namespace ecwatch
