// SetIndex: per-pattern atom formulas evaluated per sentence on one atom scan.
// Tested by set_index_test.cc and matcher_test.cc.
#include "rules/set_index.h"

#include <algorithm>
#include <limits>

#include "base/limits.h"
#include "rules/atom_formula.h"

namespace ecwatch::rules_internal {
namespace {

// FilteredRE2 lower-cases its atoms by Unicode ("Ärger" -> "ärger") while
// AtomScanner folds ASCII only, so an atom holding a cased non-ASCII letter
// would miss "ÄRGER": such a pattern gets no formula (a candidate
// everywhere). Cased scripts: U+0080..U+07FF, U+1xxx, U+2C00..U+2CFF, U+Axxx,
// fullwidth Latin letters, and beyond U+FFFF.
bool HasCasedNonAscii(const std::string& pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto c = static_cast<unsigned char>(pattern[i]);
    const auto n = i + 1 < pattern.size() ? static_cast<unsigned char>(pattern[i + 1]) : 0;
    const auto n2 = i + 2 < pattern.size() ? static_cast<unsigned char>(pattern[i + 2]) : 0;
    const bool cased = (c >= 0xC2 && c <= 0xDF) || c == 0xE1 || c == 0xEA || c >= 0xF0 ||
                       (c == 0xE2 && n >= 0xB0 && n <= 0xB3) ||
                       (c == 0xEF && n == 0xBC && n2 >= 0xA1 && n2 <= 0xBA) ||
                       (c == 0xEF && n == 0xBD && n2 >= 0x81 && n2 <= 0x9A);
    if (cased) return true;
  }
  return false;
}

}  // namespace

// Per-thread evaluation state. Stamps only grow (a stamp is one sentence of
// one call), so the arrays are never cleared and may serve several indexes.
struct SetIndex::Scratch {
  // Per clause and per entry, what one visit reads and writes lies together.
  struct ClauseState {
    std::uint32_t seen = 0;  // stamp when satisfied
    std::size_t first = 0;   // earliest start of its atoms' whole terms (valid when seen)
    std::size_t last = 0;    // latest start of its atoms (valid when seen)
  };
  struct EntryState {
    std::uint32_t seen = 0;   // stamp when count is valid
    std::uint32_t count = 0;  // clauses satisfied
  };
  std::vector<ClauseState> clause;
  std::vector<EntryState> entry;
  std::vector<std::uint32_t> found;        // entries whose formula holds: the first found_count
  std::size_t found_count = 0;
  std::uint32_t stamp = 0;

  void Next(std::size_t clauses, std::size_t entries) {
    if (clause.size() < clauses) clause.resize(clauses);
    if (entry.size() < entries) {
      entry.resize(entries);
      found.resize(entries + 1, 0);  // Count writes one past the entries found
    }
    if (++stamp == std::numeric_limits<std::uint32_t>::max()) {
      std::fill(clause.begin(), clause.end(), ClauseState{});
      std::fill(entry.begin(), entry.end(), EntryState{});
      stamp = 1;
    }
    found_count = 0;
  }
};

int SetIndex::AtomId(const std::string& atom) {
  auto [it, added] = atom_ids_.try_emplace(atom, static_cast<int>(filter_atoms_.size()));
  if (added) filter_atoms_.push_back(atom);
  return it->second;
}

bool SetIndex::Formula(const std::string& pattern, std::vector<std::vector<int>>* clauses, std::string* error) {
  clauses->clear();
  AtomFormula f;
  if (!AtomFormula::Derive(pattern, kMinAtomLen, &f, error)) return false;
  if (HasCasedNonAscii(pattern)) return true;
  for (const auto& c : f.clauses) {
    std::vector<int> ids;
    for (const auto& a : c) ids.push_back(AtomId(a));
    clauses->push_back(std::move(ids));
  }
  return true;
}

bool SetIndex::Add(const std::string& pattern, const Rule::Literals& literals, std::size_t rule,
                   std::size_t pattern_index, int gate, std::string* error) {
  Entry e{rule, pattern_index, false, {}, {}, 0};
  const auto& ls = literals.strings;
  const auto unusable = [&](const std::string& l) {
    return literals.words ? TermLiteral::Of(l).pieces.empty() : l.empty();
  };
  if (!ls.empty() && std::none_of(ls.begin(), ls.end(), unusable)) {
    for (const auto& l : ls) e.literals.emplace_back(l, literals.words);
    // A term list's words pattern matches whole terms only: each match
    // starts where one of its terms does (not so when a term begins with a
    // separator, which the check leaves out).
    e.term_starts = literals.words && std::none_of(ls.begin(), ls.end(), [](const std::string& l) {
                      return TermLiteral::Of(l).leading_separator;
                    });
  } else if (!Formula(pattern, &e.clauses, error)) {
    return false;
  }
  e.own_clauses = e.clauses.size() + (e.literals.empty() ? 0 : 1);
  if (gate >= 0) e.clauses.insert(e.clauses.end(), gates_[gate].begin(), gates_[gate].end());
  entries_.push_back(std::move(e));
  return true;
}

bool SetIndex::AddExclude(const std::string& pattern, std::size_t rule, std::size_t index) {
  Entry e{rule, index, true, {}, {}, 0};
  std::string error;
  if (!Formula(pattern, &e.clauses, &error)) return false;
  e.own_clauses = e.clauses.size();
  entries_.push_back(std::move(e));
  return true;
}

int SetIndex::AddGate(const std::string& context) {
  std::vector<std::vector<int>> clauses;
  std::string error;
  if (!Formula(context, &clauses, &error)) return -1;
  gates_.push_back(std::move(clauses));
  return static_cast<int>(gates_.size() - 1);
}

bool SetIndex::Compile() {
  // Literal atoms follow FilteredRE2's, one per distinct literal.
  std::map<Literal, int> literal_ids;
  for (Entry& e : entries_) {
    if (e.literals.empty()) continue;
    std::vector<int> clause;
    for (const Literal& l : e.literals) {
      auto [it, added] = literal_ids.try_emplace(l, static_cast<int>(filter_atoms_.size() + literals_.size()));
      if (added) {
        literals_.push_back(l);
        terms_.push_back(l.second ? TermLiteral::Of(l.first) : TermLiteral{});
      }
      clause.push_back(it->second);
    }
    e.clauses.insert(e.clauses.begin(), std::move(clause));
    e.literals.clear();
  }
  // Literals are found as written by the scanner; a term's word by its
  // longest piece, folded, and then checked to stand in its whole term.
  std::vector<std::string> atoms = filter_atoms_;
  std::vector<bool> exact(atoms.size(), false);
  for (std::size_t k = 0; k < literals_.size(); ++k) {
    const bool words = literals_[k].second;
    atoms.push_back(words ? terms_[k].pieces[terms_[k].anchor] : literals_[k].first);
    exact.push_back(!words);
  }
  // Clauses by atom (CSR).
  std::vector<std::vector<std::uint32_t>> by_atom(atoms.size());
  for (Entry& e : entries_) {
    if (e.clauses.empty()) {
      (e.exclude ? always_excludes_ : always_).emplace_back(e.rule, e.index);
      continue;
    }
    const auto entry = static_cast<std::uint32_t>(compiled_.size());
    // Clause 0 is the pattern's own (literals, or its formula's first)
    // unless the pattern has none and only a gate's.
    bound_clause_.push_back(e.own_clauses > 0 ? static_cast<std::int64_t>(clause_info_.size()) : -1);
    for (const auto& c : e.clauses) {
      const auto clause = static_cast<std::uint32_t>(clause_info_.size());
      clause_info_.push_back({entry, static_cast<std::uint32_t>(e.clauses.size())});
      for (int a : c) by_atom[a].push_back(clause);
    }
    compiled_.push_back({e.rule, e.index, e.exclude, {}, {}, 0, e.term_starts});
  }
  entries_.clear();
  atom_ids_.clear();
  std::sort(always_.begin(), always_.end());
  std::sort(always_excludes_.begin(), always_excludes_.end());
  for (std::size_t a = 0; a < by_atom.size(); ++a) {
    auto& v = by_atom[a];
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    AtomInfo info;
    info.clauses_begin = static_cast<std::uint32_t>(atom_clauses_.size());
    atom_clauses_.insert(atom_clauses_.end(), v.begin(), v.end());
    info.clauses_end = static_cast<std::uint32_t>(atom_clauses_.size());
    info.length = static_cast<std::uint32_t>(atoms[a].size());
    info.term_word = is_literal(static_cast<int>(a)) && literals_[a - filter_atoms_.size()].second;
    atom_info_.push_back(info);
  }
  if (atoms.empty()) return true;
  return scanner_.Build(atoms, limits::kMaxAtomScannerBytes, exact);
}

bool SetIndex::TermWordAt(int atom, std::string_view text, std::size_t end, std::size_t* start) const {
  return terms_[atom - filter_atoms_.size()].OccursAt(text, end, start);
}

void SetIndex::Scan(std::string_view text, Occurrences* out) const {
  out->folded.clear();
  out->capital.clear();
  out->next_folded = out->next_capital = 0;
  scanner_.ScanApart(text, &out->folded, &out->capital);
}

// A clause counts once per sentence toward its entry; an entry whose every
// clause counted is found.
inline void SetIndex::Count(std::string_view text, int atom, std::size_t start, std::size_t end,
                            Scratch* s) const {
  const AtomInfo& info = atom_info_[atom];
  const std::uint32_t* c = atom_clauses_.data() + info.clauses_begin;
  const std::uint32_t* c_end = atom_clauses_.data() + info.clauses_end;
  std::size_t term_start = start;
  if (c == c_end || (info.term_word && !TermWordAt(atom, text, end, &term_start))) return;
  const std::uint32_t stamp = s->stamp;
  // Without a branch on the scratch state: whether a clause or an entry was
  // seen before in this sentence follows the text, which no predictor does.
  for (; c != c_end; ++c) {
    Scratch::ClauseState& cs = s->clause[*c];
    const bool fresh = cs.seen != stamp;
    cs.first = fresh ? term_start : std::min(cs.first, term_start);
    cs.last = fresh ? start : std::max(cs.last, start);
    cs.seen = stamp;
    const ClauseInfo ci = clause_info_[*c];
    Scratch::EntryState& es = s->entry[ci.entry];
    const std::uint32_t count = (es.seen == stamp ? es.count : 0) + (fresh ? 1 : 0);
    es.seen = stamp;
    es.count = count;
    s->found[s->found_count] = ci.entry;  // kept only when the entry is complete just now
    s->found_count += fresh && count == ci.need;
  }
}

void SetIndex::InSentence(std::string_view text, Occurrences* occ, TextSpan sentence, Candidates* patterns,
                          Candidates* excludes, std::vector<StartRange>* starts) const {
  patterns->clear();
  excludes->clear();
  starts->clear();
  // Folded atoms by end: those ending in the sentence and starting in it.
  const auto& folded = occ->folded;
  std::size_t i = occ->next_folded;
  while (i < folded.size() && folded[i].end <= sentence.start) ++i;
  const auto in_sentence = [&](std::size_t k) { return k < folded.size() && folded[k].end <= sentence.end; };
  // Capital atoms by start: those starting in the sentence and ending in it.
  const auto& capital = occ->capital;
  std::size_t j = occ->next_capital;
  const auto start_of = [this](const AtomScanner::Occurrence& o) { return o.end - atom_info_[o.atom].length; };
  while (j < capital.size() && start_of(capital[j]) < sentence.start) ++j;
  std::size_t j_end = j;
  while (j_end < capital.size() && start_of(capital[j_end]) < sentence.end) ++j_end;
  occ->next_capital = j_end;
  if (!in_sentence(i) && j == j_end) {
    occ->next_folded = i;
    return;
  }
  thread_local Scratch s;
  s.Next(clause_info_.size(), compiled_.size());
  for (; in_sentence(i); ++i) {  // one pass finds the sentence's end and counts
    const std::size_t start = start_of(folded[i]);
    if (start >= sentence.start) Count(text, folded[i].atom, start, folded[i].end, &s);
  }
  occ->next_folded = i;
  for (; j < j_end; ++j) {
    if (capital[j].end <= sentence.end) {
      Count(text, capital[j].atom, start_of(capital[j]), capital[j].end, &s);
    }
  }
  // Entries were added by rule, then pattern: their ids are in that order.
  std::sort(s.found.begin(), s.found.begin() + static_cast<std::ptrdiff_t>(s.found_count));
  for (std::size_t k = 0; k < s.found_count; ++k) {
    const std::uint32_t e = s.found[k];
    const Entry& x = compiled_[e];
    if (x.exclude) {
      excludes->emplace_back(x.rule, x.index);
      continue;
    }
    patterns->emplace_back(x.rule, x.index);
    // A term list's literals are its clause 0, the bounding one.
    const std::int64_t c = bound_clause_[e];
    starts->push_back({x.term_starts ? s.clause[static_cast<std::size_t>(c)].first : 0,
                       c < 0 ? kNoBound : s.clause[static_cast<std::size_t>(c)].last});
  }
}

}  // namespace ecwatch::rules_internal
