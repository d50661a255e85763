// AtomScanner: every occurrence of a set of literal atoms in one pass.
//
// Internal to rules/. The atoms are the lower-case literals that RE2's
// FilteredRE2 derives from the rule patterns; Scan() reads the text with
// ASCII letters folded to lower case (as if lowered, without a copy) and
// reports each occurrence with its end offset, in text order. A dense
// Aho-Corasick automaton over byte classes: one table load per byte, linear
// in the text whatever the number of atoms. Not a regex engine: literals only.
// Immutable after Build(): safe for concurrent use.
#ifndef ECWATCH_RULES_ATOM_SCANNER_H_
#define ECWATCH_RULES_ATOM_SCANNER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ecwatch::rules_internal {

class AtomScanner {
 public:
  // One occurrence: atoms[atom] ends at text offset end (exclusive).
  struct Occurrence {
    std::size_t end = 0;
    int atom = 0;
  };

  // Builds the automaton of atoms (non-empty; upper-case ASCII letters in an
  // atom never match). An atom i with exact[i] set (exact may be empty) is
  // instead found only as written, upper case included ("US" not in "thus").
  // False, and an empty scanner, when its table would exceed max_bytes.
  bool Build(const std::vector<std::string>& atoms, std::size_t max_bytes, const std::vector<bool>& exact = {});

  // Appends every occurrence of every atom in text to *out, sorted by end
  // (atoms ending at the same byte: longest first).
  void Scan(std::string_view text, std::vector<Occurrence>* out) const;

  std::size_t atom_length(int atom) const { return lengths_[atom]; }
  std::size_t state_count() const { return out_begin_.empty() ? 0 : out_begin_.size() - 1; }

 private:
  bool BuildFolded(const std::vector<std::string>& atoms, std::size_t max_bytes);
  void BuildClasses(const std::vector<std::string>& atoms);
  void BuildRows();
  void BuildExact(const std::vector<std::string>& atoms, const std::vector<bool>& exact);
  // True when exact atom ends at end as written (its folded form does).
  bool ExactAt(int atom, std::string_view text, std::size_t end) const;
  std::array<std::uint8_t, 256> class_{};
  std::size_t classes_ = 1;
  // state * classes_ + class -> next state's row offset (state * classes_),
  // negated when that state has outputs.
  std::vector<std::int32_t> next_;
  std::vector<std::int32_t> out_begin_;  // state -> first of its atoms in outputs_ (state + 1: end)
  std::vector<std::int32_t> outputs_;    // atoms ending at a state, own and via suffix links
  std::vector<std::size_t> lengths_;     // atom -> length
  // Exact atoms: atom -> as written ("" for folded atoms), and for those of
  // at most 8 bytes the 8 text bytes ending at an occurrence, masked, as a
  // little-endian word (mask 0: folded atom).
  std::vector<std::uint8_t> is_exact_;
  std::vector<std::string> exact_;
  std::vector<std::uint64_t> exact_mask_, exact_value_;
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_ATOM_SCANNER_H_
