// SetIndex: which (rule, pattern) pairs can match in each sentence.
//
// Internal to rules/ (used by matcher.cc only), kept apart so that
// matcher.cc stays about finding spans.
#ifndef ECWATCH_RULES_SET_INDEX_H_
#define ECWATCH_RULES_SET_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/atom_scanner.h"
#include "rules/rule.h"
#include "rules/term_literal.h"
#include "rules/text_split.h"

namespace ecwatch::rules_internal {

// Which rules can match a sentence. A combined DFA of every full pattern
// grows too many states (word gaps such as "(?:\w+\s+){0,6}" multiply across
// patterns), so each pattern gets a formula over literal atoms that every
// match satisfies (AtomFormula: from RE2's FilteredRE2, e.g. "suspend" AND
// ("export control" OR "control measure")); one AtomScanner pass over the
// document finds where each atom occurs, and the formulas are evaluated on
// the atoms of each sentence, clause by clause as atoms come in. A pattern
// whose rule lists its literals (term lists: "US", "Dy", "镝", too short for
// RE2's atoms) has the clause "one of its literals" instead: the same scan
// finds them as written (and the words of a term list folded, each
// occurrence then checked to stand in its whole term: "tin" of "meeting",
// "council" without "state" before it are no candidates).
// Patterns with no clause are always candidates. A rule's excludes are
// indexed the same way, so that an exclude runs only where it can match.
// Immutable after Compile(); safe for concurrent use (per-thread scratch).
class SetIndex {
 public:
  static constexpr int kMinAtomLen = 3;
  using Candidates = std::vector<std::pair<std::size_t, std::size_t>>;

  // Adds a pattern of rule; gate is the id of a context gate (AddGate) the
  // sentence must pass too, or -1. Non-empty literals (none of them empty)
  // stand for the pattern's atoms. False (and *error) when RE2 rejects it.
  bool Add(const std::string& pattern, const Rule::Literals& literals, std::size_t rule,
           std::size_t pattern_index, int gate, std::string* error);
  // Adds exclude number index of rule (the pattern as compiled). False when
  // RE2 rejects it.
  bool AddExclude(const std::string& pattern, std::size_t rule, std::size_t index);
  // A context pattern whose formula gated patterns must satisfy too
  // (chemical symbols need "oxide", "metal", ... in their sentence). Returns
  // its id, or -1 when the context cannot be used as a gate.
  int AddGate(const std::string& context);
  // Builds the scanner; false when its table would exceed
  // limits::kMaxAtomScannerBytes.
  bool Compile();

  // The atom occurrences of one text, and how far InSentence has read them.
  struct Occurrences {
    std::vector<AtomScanner::Occurrence> folded;   // sorted by end
    std::vector<AtomScanner::Occurrence> capital;  // sorted by start
    std::size_t next_folded = 0, next_capital = 0;
  };
  // Every atom occurrence in text (AtomScanner::ScanApart), replacing *out.
  void Scan(std::string_view text, Occurrences* out) const;
  // Candidates in every sentence (patterns without clauses), sorted.
  const Candidates& always() const { return always_; }
  // Excludes without clauses (run wherever their rule hits), sorted.
  const Candidates& always_excludes() const { return always_excludes_; }

  // No bound on where a candidate's matches start.
  static constexpr std::size_t kNoBound = static_cast<std::size_t>(-1);
  // Where a candidate's matches in a sentence can start: none before first,
  // none after last.
  struct StartRange {
    std::size_t first = 0;
    std::size_t last = kNoBound;
    bool operator==(const StartRange&) const = default;
  };

  // Evaluates the formulas on the atoms of *occ (from Scan of text) that
  // lie wholly inside sentence, and sets *patterns to the (rule, pattern)
  // pairs and *excludes to the (rule, exclude) pairs whose formulas hold
  // there (each sorted; without the always ones). (*starts)[k] bounds where
  // a match of (*patterns)[k] in the sentence can start: last is the latest
  // start of an atom of its first clause (every match holds one; kNoBound
  // when unknown); first, for a term list's words, the earliest start of a
  // whole term (every match is one; else 0). Sentences must come in text
  // order: *occ remembers how far it was read. Cost: linear in the
  // occurrences and the clauses they satisfy.
  void InSentence(std::string_view text, Occurrences* occ, TextSpan sentence, Candidates* patterns,
                  Candidates* excludes, std::vector<StartRange>* starts) const;

 private:
  using Literal = std::pair<std::string, bool>;  // (literal, whole word ASCII-folded)
  struct Entry {
    std::size_t rule = 0;
    std::size_t index = 0;  // pattern or exclude of the rule
    bool exclude = false;
    std::vector<Literal> literals;          // one more clause: one of these
    std::vector<std::vector<int>> clauses;  // scanner atom ids
    std::size_t own_clauses = 0;            // the first ones; then its gate's
    bool term_starts = false;               // every match starts where a whole term of literals does
  };

  // Clauses of pattern over scanner atoms (FilteredRE2's); false when RE2
  // rejects it.
  bool Formula(const std::string& pattern, std::vector<std::vector<int>>* clauses, std::string* error);
  int AtomId(const std::string& atom);
  // True when the term's word (a literal atom) found at end stands in its
  // whole term there, which starts at *start.
  bool TermWordAt(int atom, std::string_view text, std::size_t end, std::size_t* start) const;
  bool is_literal(int atom) const { return static_cast<std::size_t>(atom) >= filter_atoms_.size(); }
  struct Scratch;
  // Counts the clauses of the atom found at [start, end) toward their
  // entries' formulas.
  void Count(std::string_view text, int atom, std::size_t start, std::size_t end, Scratch* s) const;

  AtomScanner scanner_;
  std::vector<Entry> entries_;                        // while adding
  std::vector<std::vector<std::vector<int>>> gates_;  // gate id -> clauses
  std::map<std::string, int> atom_ids_;               // FilteredRE2 atom -> id, while adding
  std::vector<std::string> filter_atoms_;             // scanner atoms [0, n)
  std::vector<Literal> literals_;                     // scanner atom - n -> literal
  std::vector<TermLiteral> terms_;                    // ... -> its pieces, for a term's words
  Candidates always_, always_excludes_;
  // The formulas, compiled: scanner atom -> its clauses (CSR) and length,
  // clause -> its entry and the clauses that entry needs, entry -> what it
  // stands for.
  struct AtomInfo {
    std::uint32_t clauses_begin = 0, clauses_end = 0;  // its clauses in atom_clauses_
    std::uint32_t length = 0;
    bool term_word = false;  // a term's word: checked to stand in its whole term
  };
  std::vector<AtomInfo> atom_info_;  // by scanner atom
  std::vector<std::uint32_t> atom_clauses_;
  struct ClauseInfo {
    std::uint32_t entry = 0;  // whose formula the clause is part of
    std::uint32_t need = 0;   // clauses that entry needs
  };
  std::vector<ClauseInfo> clause_info_;
  std::vector<std::int64_t> bound_clause_;  // entry -> clause bounding match starts, or -1
  std::vector<Entry> compiled_;  // without clauses (term_starts: of its bounding clause)
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_SET_INDEX_H_
