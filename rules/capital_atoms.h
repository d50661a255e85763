// CapitalAtoms: exact atoms that begin with an ASCII capital, found by
// testing the text's capitals only.
//
// Internal to rules/ (used by AtomScanner). Term-list acronyms and chemical
// symbols ("US", "EU", "Nd", "Er", "Te") are found only as written. In an
// automaton over case-folded text they would be reached at every "nd" of
// "and" and every "er" of "other" (two thirds of all its outputs in news
// copy, each then compared and dropped); here only the bytes that are
// capitals are looked at, sixteen at a time; a capital whose next byte
// starts no atom with it ("Th", "Mi") is dropped by one bit test, and the
// others are compared with the atoms that begin with that letter (one
// masked 8-byte compare each).
// Immutable after Build(): safe for concurrent use.
#ifndef ECWATCH_RULES_CAPITAL_ATOMS_H_
#define ECWATCH_RULES_CAPITAL_ATOMS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ecwatch::rules_internal {

// An atom found in a text: atom (the caller's id) ends at text offset end
// (exclusive).
struct AtomOccurrence {
  std::size_t end = 0;
  int atom = 0;
};

class CapitalAtoms {
 public:
  // Atoms this class takes: 1 to kMaxLength bytes, the first 'A'..'Z'.
  static constexpr std::size_t kMaxLength = 8;
  static bool Takes(std::string_view atom);

  // Adds atom (Takes(atom) must hold) under the caller's id.
  void Add(std::string_view atom, int id);
  bool empty() const { return count_ == 0; }

  // Appends every occurrence in text, as written, to *out, in order of
  // start (at one start: in the order added).
  void Scan(std::string_view text, std::vector<AtomOccurrence>* out) const;

 private:
  struct Entry {
    std::uint64_t mask = 0;   // the atom's bytes in an 8-byte little-endian word
    std::uint64_t value = 0;
    std::size_t length = 0;
    int id = 0;
  };
  std::uint64_t Block(std::string_view text, std::size_t i) const;
  bool PairAt(std::string_view text, std::size_t i) const;
  void At(std::string_view text, std::size_t i, std::vector<AtomOccurrence>* out) const;
  // Bit (first byte - 'A') * 256 + second byte: some atom begins with these
  // two bytes (a one-byte atom sets every second byte, and 0 for the end
  // of the text).
  bool Pair(unsigned first, unsigned second) const {
    const unsigned bit = (first - 'A') * 256 + second;
    return (pairs_[bit / 64] >> (bit % 64)) & 1;
  }
  std::array<std::uint64_t, 26 * 256 / 64> pairs_{};
  std::array<std::vector<Entry>, 26> by_first_;  // 'A'..'Z'
  std::size_t count_ = 0;
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_CAPITAL_ATOMS_H_
