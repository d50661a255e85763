// SetIndex: which (rule, pattern) pairs can match in each sentence.
//
// Internal to rules/ (used by matcher.cc only); a class with inline members,
// kept apart so that matcher.cc stays about finding spans.
#ifndef ECWATCH_RULES_SET_INDEX_H_
#define ECWATCH_RULES_SET_INDEX_H_

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include "base/limits.h"
#include "rules/atom_scanner.h"
#include "rules/rule.h"
#include "rules/term_literal.h"

namespace ecwatch::rules_internal {

// Which rules can match a sentence. A combined DFA of every full pattern
// grows too many states (word gaps such as "(?:\w+\s+){0,6}" multiply across
// patterns), so RE2's FilteredRE2 derives literal atoms from the patterns
// (e.g. "suspend", "export control", "gallium"); one AtomScanner pass over the
// text finds where each atom occurs, and FilteredRE2 maps the atoms inside a
// sentence to the patterns that can match there. A pattern whose rule lists
// its literals (term lists: "US", "Dy", "镝", too short for RE2's atoms) is
// looked up by those instead: the same scan finds them (folded), and each
// occurrence is then compared as written (or, for the words of a term list,
// checked to stand in its whole term: "tin" of "meeting", "council" without
// "state" before it are no candidates). Patterns without either are always
// candidates. Immutable after Compile().
class SetIndex {
 public:
  static constexpr int kMinAtomLen = 3;
  using Candidates = std::vector<std::pair<std::size_t, std::size_t>>;
  SetIndex() : filter_(kMinAtomLen) {}
  // Adds a pattern of rule; gate is the id of a context gate (AddGate) the
  // sentence must pass too, or -1. Non-empty literals (none of them empty)
  // stand for the pattern's atoms.
  bool Add(const std::string& pattern, const Rule::Literals& literals, std::size_t rule, std::size_t pattern_index,
           int gate, std::string* error) {
    const auto& ls = literals.strings;
    const auto unusable = [&](const std::string& l) {
      return literals.words ? TermLiteral::Of(l).pieces.empty() : l.empty();
    };
    if (!ls.empty() && std::none_of(ls.begin(), ls.end(), unusable)) {
      for (const auto& l : ls) literal_users_[{l, literals.words}].push_back({rule, pattern_index, gate});
      return true;
    }
    int id = 0;
    if (filter_.Add(Filterable(pattern), RuleOptions(), &id) != RE2::NoError) {
      *error = "pattern rejected by the prefilter";
      return false;
    }
    rule_of_.push_back({rule, pattern_index});
    gate_of_.push_back(gate);
    return true;
  }
  // A context pattern whose atoms must be present for gated patterns (chemical
  // symbols need "oxide", "metal", ... in their sentence). Returns its id, or
  // -1 when the context cannot be used as a gate.
  int AddGate(const std::string& context) {
    int id = 0;
    if (filter_.Add(Filterable(context), RuleOptions(), &id) != RE2::NoError) return -1;
    rule_of_.push_back({kGate, 0});
    gate_of_.push_back(-1);
    return id;
  }
  bool Compile() {
    std::vector<std::string> atoms;
    if (!rule_of_.empty()) {
      filter_.Compile(&atoms);
      filter_.AllPotentials({}, &unfiltered_);
      std::sort(unfiltered_.begin(), unfiltered_.end());
    }
    filter_atoms_ = atoms.size();
    for (auto& [literal, users] : literal_users_) {
      const auto& [text, words] = literal;
      terms_.push_back(words ? TermLiteral::Of(text) : TermLiteral{});
      atoms.push_back(words ? terms_.back().pieces[terms_.back().anchor] : LowerAscii(text));
      literals_.push_back(literal);
      users_.push_back(std::move(users));
    }
    literal_users_.clear();
    if (atoms.empty()) return true;
    if (!scanner_.Build(atoms, limits::kMaxAtomScannerBytes)) return false;
    FromAtoms({}, {}, &no_atoms_);
    return true;
  }
  // Every atom occurrence in text, by end offset.
  void Scan(std::string_view text, std::vector<AtomScanner::Occurrence>* out) const {
    out->clear();
    scanner_.Scan(text, out);
  }
  std::size_t atom_length(int atom) const { return scanner_.atom_length(atom); }
  // True when atom stands for a literal (see IsLiteralAt), not a FilteredRE2 atom.
  bool is_literal(int atom) const { return static_cast<std::size_t>(atom) >= filter_atoms_; }
  // True when the literal atom, found folded, ends at end in text as
  // written, or (a term's word) stands in its whole term.
  bool IsLiteralAt(int atom, std::string_view text, std::size_t end) const {
    const std::size_t k = atom - filter_atoms_;
    const auto& [l, words] = literals_[k];
    if (words) return terms_[k].OccursAt(text, end);
    return text.compare(end - l.size(), l.size(), l) == 0;
  }
  // Candidates in every sentence (no atoms, no gate), sorted.
  const Candidates& always() const { return no_atoms_; }
  // (rule, pattern) pairs that can match in a sentence holding the
  // FilteredRE2 atoms and the literal atoms (each sorted, unique), sorted.
  void FromAtoms(const std::vector<int>& atoms, const std::vector<int>& literals, Candidates* rules) const {
    rules->clear();
    if (atoms.empty() && literals.empty() && !no_atoms_.empty()) {
      *rules = no_atoms_;
      return;
    }
    thread_local std::vector<int> patterns;
    if (atoms.empty()) {
      patterns = unfiltered_;
    } else {
      filter_.AllPotentials(atoms, &patterns);
      std::sort(patterns.begin(), patterns.end());
    }
    for (int p : patterns) {
      if (rule_of_[p].first == kGate) continue;
      if (!Passes(gate_of_[p], patterns)) continue;
      rules->push_back(rule_of_[p]);
    }
    for (int a : literals) {
      for (const User& u : users_[a - filter_atoms_]) {
        if (Passes(u.gate, patterns)) rules->push_back({u.rule, u.pattern});
      }
    }
    std::sort(rules->begin(), rules->end());
    rules->erase(std::unique(rules->begin(), rules->end()), rules->end());
  }

 private:
  struct User {
    std::size_t rule = 0;
    std::size_t pattern = 0;
    int gate = -1;
  };
  static RE2::Options RuleOptions() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(limits::kRe2MaxMem);
    return o;
  }
  // FilteredRE2 lower-cases its atoms by Unicode ("Ärger" -> "ärger") while
  // AtomScanner folds ASCII only, so an atom holding a cased non-ASCII letter
  // would miss "ÄRGER": such a pattern goes to the prefilter as one without
  // atoms (a candidate everywhere). Cased scripts: U+0080..U+07FF, U+1xxx,
  // U+2C00..U+2CFF, U+Axxx, fullwidth Latin letters, and beyond U+FFFF.
  static const std::string& Filterable(const std::string& pattern) {
    static const std::string kAnywhere = "(?s:.)";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const auto c = static_cast<unsigned char>(pattern[i]);
      const auto n = i + 1 < pattern.size() ? static_cast<unsigned char>(pattern[i + 1]) : 0;
      const auto n2 = i + 2 < pattern.size() ? static_cast<unsigned char>(pattern[i + 2]) : 0;
      const bool cased = (c >= 0xC2 && c <= 0xDF) || c == 0xE1 || c == 0xEA || c >= 0xF0 ||
                         (c == 0xE2 && n >= 0xB0 && n <= 0xB3) ||
                         (c == 0xEF && n == 0xBC && n2 >= 0xA1 && n2 <= 0xBA) ||
                         (c == 0xEF && n == 0xBD && n2 >= 0x81 && n2 <= 0x9A);
      if (cased) return kAnywhere;
    }
    return pattern;
  }
  static std::string LowerAscii(std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  }
  // True when gate is -1 or among the (sorted) potential filter ids.
  static bool Passes(int gate, const std::vector<int>& potentials) {
    return gate < 0 || std::binary_search(potentials.begin(), potentials.end(), gate);
  }
  static constexpr std::size_t kGate = static_cast<std::size_t>(-1);

  re2::FilteredRE2 filter_;
  AtomScanner scanner_;
  Candidates no_atoms_;                                        // candidates of a sentence without atoms
  std::vector<std::pair<std::size_t, std::size_t>> rule_of_;  // filter id -> (rule, pattern)
  std::vector<int> gate_of_;                                   // filter id -> gate id or -1
  std::vector<int> unfiltered_;                                // filter ids without atoms, sorted
  std::size_t filter_atoms_ = 0;                               // scanner atoms [0, n) are FilteredRE2's
  using Literal = std::pair<std::string, bool>;                // (literal, whole word ASCII-folded)
  std::map<Literal, std::vector<User>> literal_users_;         // while adding
  std::vector<Literal> literals_;                              // scanner atom - filter_atoms_ -> literal
  std::vector<TermLiteral> terms_;                             // ... -> its pieces, for a term's words
  std::vector<std::vector<User>> users_;                       // ... -> patterns it stands for
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_SET_INDEX_H_
