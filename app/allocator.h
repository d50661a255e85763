// Allocator tuning for the process: how glibc's malloc treats the large,
// short-lived blocks a crawl makes (one page body of ~200 KB per fetch).
#ifndef ECWATCH_APP_ALLOCATOR_H_
#define ECWATCH_APP_ALLOCATOR_H_

#include <cstddef>

namespace ecwatch {

// Blocks up to this size come from malloc's heap, not from a fresh mmap. By
// default glibc maps blocks from 128 KiB on (raising that bound only as it
// frees them), so most page bodies were mapped, page-faulted in, and unmapped
// again: about 30 page faults per page crawled, 5-10% of the crawl's CPU.
inline constexpr std::size_t kMallocMmapThresholdBytes = 4 << 20;
// Free memory at the top of a heap is returned to the system beyond this size
// (glibc's default is 128 KiB, i.e. again per page body). It bounds what an
// idle daemon keeps mapped after a burst of large pages.
inline constexpr std::size_t kMallocTrimThresholdBytes = 32 << 20;

// Applies the two thresholds above with mallopt. Call once, early in main,
// before other threads start. Does nothing where malloc is not glibc's (or
// is replaced, as under AddressSanitizer). Returns whether both were applied.
bool TuneAllocator();

}  // namespace ecwatch

#endif  // ECWATCH_APP_ALLOCATOR_H_
