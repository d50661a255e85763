// Allocator tuning: glibc mallopt thresholds for page-sized blocks. Tested by
// tests/app/allocator_test.cc.
#include "app/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ecwatch {

bool TuneAllocator() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  const bool mmap_set = mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMallocMmapThresholdBytes)) == 1;
  const bool trim_set = mallopt(M_TRIM_THRESHOLD, static_cast<int>(kMallocTrimThresholdBytes)) == 1;
  return mmap_set && trim_set;
#else
  return false;
#endif
}

}  // namespace ecwatch
