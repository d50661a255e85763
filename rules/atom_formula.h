// AtomFormula: which literal atoms every match of one pattern contains, as
// an AND of ORs, read off RE2's FilteredRE2.
//
// Internal to rules/. FilteredRE2 derives from a pattern a boolean formula
// over lower-case literal atoms ("suspend", "export control") that holds in
// any text the pattern matches, but keeps the formula to itself: it only
// answers, for a set of atoms found in a text, which patterns may match
// (AllPotentials). Derive() compiles the pattern alone into a FilteredRE2 and
// asks it about sets of its atoms to learn the formula's clauses (prime
// implicates: smallest sets of atoms of which every match holds one), so that
// the matcher can evaluate the formula itself, per sentence, from one atom
// scan of the document. The clauses found may be fewer than the formula's
// (e.g. "(a b|c d)" yields three of its four), which only makes the formula
// weaker: it still holds wherever the pattern matches.
// Plain value; thread-compatible.
#ifndef ECWATCH_RULES_ATOM_FORMULA_H_
#define ECWATCH_RULES_ATOM_FORMULA_H_

#include <string>
#include <vector>

namespace ecwatch::rules_internal {

struct AtomFormula {
  // Every match of the pattern holds, for each clause, one of its atoms
  // (lower case, at least min_atom_len bytes). No clauses: the pattern can
  // match without any atom (a candidate everywhere).
  std::vector<std::vector<std::string>> clauses;

  // The formula of pattern (compiled with RE2's options: max_mem from
  // base/limits.h, errors not logged). Patterns with more atoms than
  // limits::kMaxAtomsPerPattern get one clause of all their atoms when the
  // pattern needs at least one of them, else none. False (and *error) when
  // RE2 rejects the pattern.
  static bool Derive(const std::string& pattern, int min_atom_len, AtomFormula* out, std::string* error);
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_ATOM_FORMULA_H_
