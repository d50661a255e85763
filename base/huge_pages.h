// HugePageAllocator: an allocator for large read-mostly tables that a hot
// loop indexes at random (the rules prefilter's automaton).
//
// A block of at least kMinHugeTableBytes is placed on a 2 MB boundary, its size
// rounded up to whole 2 MB, and the kernel is asked to back it with huge
// pages (madvise MADV_HUGEPAGE, Linux; elsewhere, or when the kernel
// declines, it is an ordinary aligned block). A walk over a table of a
// megabyte then misses no TLB: with 4 KB pages it spans some 250 of them.
// Smaller blocks come from malloc. Stateless; safe for concurrent use.
#ifndef ECWATCH_BASE_HUGE_PAGES_H_
#define ECWATCH_BASE_HUGE_PAGES_H_

#include <cstddef>
#include <cstdlib>
#include <new>

namespace ecwatch {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
inline constexpr std::size_t kMinHugeTableBytes = kHugePageBytes / 8;  // smaller: malloc

// The allocation behind HugePageAllocator: bytes from malloc below
// kMinHugeTableBytes, else 2 MB-aligned and advised as above. Throws
// std::bad_alloc.
void* AllocateTable(std::size_t bytes);
void FreeTable(void* p);

template <typename T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(std::size_t n) { return static_cast<T*>(AllocateTable(n * sizeof(T))); }
  void deallocate(T* p, std::size_t /*n*/) { FreeTable(p); }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

}  // namespace ecwatch

#endif  // ECWATCH_BASE_HUGE_PAGES_H_
