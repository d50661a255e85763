// AtomScanner: every occurrence of a set of literal atoms in one pass.
//
// Internal to rules/. The atoms are the literals FilteredRE2 derives from
// the rule patterns and the term lists' own literals; Scan() reads the text with
// ASCII letters folded to lower case (as if lowered, without a copy) and
// reports each occurrence with its end offset, in text order; atoms marked
// exact (term-list acronyms and symbols) only as written. A dense
// Aho-Corasick automaton over byte classes: one table load per byte, linear
// in the text whatever the number of atoms. The loads of one walk depend on
// each other, so a long text is walked as up to four interleaved parts.
// Exact atoms that begin with a capital ("US", "Nd") are not in the
// automaton (they would be reached at every "nd" of "and"): CapitalAtoms
// finds them at the text's capitals.
// Not a regex engine: literals only. Immutable after Build(): safe for
// concurrent use.
#ifndef ECWATCH_RULES_ATOM_SCANNER_H_
#define ECWATCH_RULES_ATOM_SCANNER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/huge_pages.h"
#include "rules/capital_atoms.h"

namespace ecwatch::rules_internal {

class AtomScanner {
 public:
  // One occurrence: atoms[atom] ends at text offset end (exclusive).
  using Occurrence = AtomOccurrence;

  // Builds the automaton of atoms (non-empty; upper-case ASCII letters in an
  // atom never match). An atom i with exact[i] set (exact may be empty) is
  // instead found only as written, upper case included ("US" not in "thus").
  // False, and an empty scanner, when its table would exceed max_bytes.
  bool Build(const std::vector<std::string>& atoms, std::size_t max_bytes, const std::vector<bool>& exact = {});

  // Appends every occurrence of every atom in text to *out, sorted by end
  // (atoms ending at the same byte: longest first; then by atom).
  void Scan(std::string_view text, std::vector<Occurrence>* out) const;
  // The same occurrences without merging them: those of exact atoms that
  // begin with an ASCII capital in *capital, sorted by start; the others in
  // *folded, sorted as by Scan().
  void ScanApart(std::string_view text, std::vector<Occurrence>* folded, std::vector<Occurrence>* capital) const;

  std::size_t atom_length(int atom) const { return lengths_[atom]; }
  std::size_t state_count() const { return out_begin_.empty() ? 0 : out_begin_.size() - 1; }

 private:
  static constexpr std::size_t kChunk = 512;  // bytes walked between reading off outputs
  // One walk over text from pos on, from state row; occurrences ending at
  // or before emit_after are not reported.
  struct Lane {
    std::size_t pos = 0;
    std::uint32_t row = 0;
    std::size_t emit_after = 0;
  };
  static constexpr std::size_t kMaxLanes = 4;         // walks interleaved over parts of a text
  static constexpr std::size_t kMinLaneBytes = 256;  // ... each part at least this long
  template <std::size_t kLanes>
  void WalkLanes(std::string_view text, Lane* lanes, std::size_t bytes, std::vector<Occurrence>* const* outs) const;
  void Emit(std::string_view text, std::size_t base, std::size_t emit_after, const std::uint32_t* ends,
            const std::uint32_t* rows_at, std::size_t n, std::vector<Occurrence>* out) const;
  void Walk(std::string_view text, std::vector<Occurrence>* out) const;
  static void Breadthwise(std::vector<std::map<std::uint8_t, std::int32_t>>* trie,
                          std::vector<std::vector<std::int32_t>>* own);
  bool BuildFolded(const std::vector<std::string>& atoms, std::size_t max_bytes);
  void BuildClasses(const std::vector<std::string>& atoms);
  void BuildRows();
  void BuildChecks(const std::vector<std::string>& atoms, const std::vector<bool>& exact);
  // True when atom (one with a check) ends at end in text, as written or
  // (holding shared-class bytes) folded; the automaton found its classes there.
  bool CheckAt(int atom, std::string_view text, std::size_t end) const;
  // Exact atoms that begin with a capital are found apart (capital_[atom]).
  CapitalAtoms capitals_;
  std::vector<bool> capital_;
  std::array<std::uint8_t, 256> class_{};
  std::size_t classes_ = 1;
  static constexpr std::uint32_t kHasOutputs = 0x80000000u;
  // state * classes_ + class -> next state's row offset (state * classes_),
  // | kHasOutputs when that state has outputs.
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> next_;  // on huge pages: no TLB misses
  unsigned class_shift_ = 0;         // classes_ = odd << class_shift_
  std::uint32_t class_inverse_ = 1;  // odd * class_inverse_ == 1 (mod 2^32)
  std::vector<std::int32_t> out_begin_;  // state -> first of its atoms in outputs_ (state + 1: end)
  std::vector<std::int32_t> outputs_;    // atoms ending at a state, own and via suffix links
  static constexpr std::int32_t kChecked = 0x40000000;  // in outputs_: the atom is compared after the scan
  std::vector<std::size_t> lengths_;     // atom -> length
  std::size_t max_length_ = 0;           // of the longest atom
  // Atoms compared after the scan: exact ones (but the capitals), and those with bytes of
  // a shared class (digits, rare punctuation, from 0x80). For exact atoms of at most 8 bytes, the 8
  // text bytes ending at an occurrence, masked, as a little-endian word
  // (mask 0: compared bytewise).
  static constexpr std::size_t kNonAsciiClasses = 8;
  enum Check : std::uint8_t { kNone, kExact, kFolded };
  std::vector<std::uint8_t> check_;   // atom -> Check
  std::vector<std::string> written_;  // atom -> as given, when checked
  std::vector<std::uint64_t> exact_mask_, exact_value_;
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_ATOM_SCANNER_H_
