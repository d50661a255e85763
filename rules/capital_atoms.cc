// CapitalAtoms: case-sensitive atoms found at the text's ASCII capitals.
// Tested by capital_atoms_test.cc and atom_scanner_test.cc.
#include "rules/capital_atoms.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ecwatch::rules_internal {
namespace {

bool IsCapital(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// The 8 bytes at text[i, i + 8) as a little-endian word; bytes past the
// end read as 0 (no atom holds a 0 byte where its mask is set: an atom
// shorter than the rest of the text is compared on its own bytes only).
std::uint64_t WordAt(std::string_view text, std::size_t i) {
  std::uint64_t w = 0;
  if (i + 8 <= text.size()) {
    std::memcpy(&w, text.data() + i, 8);
    return w;
  }
  for (std::size_t k = 0; i + k < text.size(); ++k) {
    w |= std::uint64_t{static_cast<unsigned char>(text[i + k])} << (8 * k);
  }
  return w;
}

}  // namespace

bool CapitalAtoms::Takes(std::string_view atom) {
  return !atom.empty() && atom.size() <= kMaxLength && IsCapital(static_cast<unsigned char>(atom[0]));
}

void CapitalAtoms::Add(std::string_view atom, int id) {
  Entry e;
  for (std::size_t k = 0; k < atom.size(); ++k) {
    e.mask |= std::uint64_t{0xFF} << (8 * k);
    e.value |= std::uint64_t{static_cast<unsigned char>(atom[k])} << (8 * k);
  }
  e.length = atom.size();
  e.id = id;
  const unsigned first = static_cast<unsigned char>(atom[0]) - 'A';
  for (unsigned second = 0; second < 256; ++second) {
    if (atom.size() > 1 && second != static_cast<unsigned char>(atom[1])) continue;
    const unsigned bit = first * 256 + second;
    pairs_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  by_first_[static_cast<unsigned char>(atom[0]) - 'A'].push_back(e);
  ++count_;
}

// The atoms starting at text[i], a capital whose pair passed.
void CapitalAtoms::At(std::string_view text, std::size_t i, std::vector<AtomOccurrence>* out) const {
  const std::uint64_t w = WordAt(text, i);
  for (const Entry& e : by_first_[static_cast<unsigned char>(text[i]) - 'A']) {
    if ((w & e.mask) == e.value && i + e.length <= text.size()) out->push_back({i + e.length, e.id});
  }
}

bool CapitalAtoms::PairAt(std::string_view text, std::size_t i) const {
  const unsigned second = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
  return Pair(static_cast<unsigned char>(text[i]), second);
}

// The capitals in text[i, i + 64) whose pair begins an atom, as bits
// (i + 64 <= text.size()). The pair tests are summed into a mask without a
// branch each: most capitals ("Th", "Mi") begin no atom.
std::uint64_t CapitalAtoms::Block(std::string_view text, std::size_t i) const {
  std::uint64_t capitals = 0;
#if defined(__SSE2__)
  // c is a capital when c + (0x80 - 'A') lies in [-128, -128 + 26) signed.
  const __m128i shift = _mm_set1_epi8(static_cast<char>(0x80 - 'A'));
  const __m128i limit = _mm_set1_epi8(static_cast<char>(-128 + 26));
  for (unsigned k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 16 * k));
    const auto bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, shift), limit)));
    capitals |= std::uint64_t{bits} << (16 * k);
  }
#else
  for (unsigned k = 0; k < 64; ++k) {
    capitals |= std::uint64_t{IsCapital(static_cast<unsigned char>(text[i + k]))} << k;
  }
#endif
  std::uint64_t pass = 0;
  for (; capitals != 0; capitals &= capitals - 1) {
    const auto b = static_cast<unsigned>(__builtin_ctzll(capitals));
    pass |= std::uint64_t{PairAt(text, i + b)} << b;
  }
  return pass;
}

void CapitalAtoms::Scan(std::string_view text, std::vector<AtomOccurrence>* out) const {
  if (count_ == 0) return;
  std::size_t i = 0;
  for (; i + 64 <= text.size(); i += 64) {
    for (std::uint64_t pass = Block(text, i); pass != 0; pass &= pass - 1) {
      At(text, i + static_cast<std::size_t>(__builtin_ctzll(pass)), out);
    }
  }
  for (; i < text.size(); ++i) {
    if (IsCapital(static_cast<unsigned char>(text[i])) && PairAt(text, i)) At(text, i, out);
  }
}

}  // namespace ecwatch::rules_internal
