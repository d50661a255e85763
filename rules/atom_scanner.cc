// AtomScanner: Aho-Corasick over byte classes for FilteredRE2 atoms.
// Tested by atom_scanner_test.cc.
#include "rules/atom_scanner.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>

namespace ecwatch::rules_internal {
namespace {

unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }

}  // namespace

// Class 0 is every byte that occurs in no atom; each other ASCII byte gets
// its own class, and an upper-case letter shares the class of its lower
// case. Bytes from 0x80 share kNonAsciiClasses classes by their low bits
// (CJK terms would otherwise bring some 70 classes, and a row per state that
// no cache holds); atoms holding such bytes are compared after the scan.
void AtomScanner::BuildClasses(const std::vector<std::string>& atoms) {
  class_.fill(0);
  classes_ = 1;
  std::array<std::uint8_t, kNonAsciiClasses> shared{};
  for (const auto& a : atoms) {
    for (char ch : a) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 'A' && c <= 'Z') continue;  // the folded text never holds them
      if (c >= 0x80) {
        std::uint8_t& k = shared[c % kNonAsciiClasses];
        if (k == 0) k = static_cast<std::uint8_t>(classes_++);
        continue;
      }
      if (class_[c] == 0) class_[c] = static_cast<std::uint8_t>(classes_++);
    }
  }
  for (unsigned c = 'A'; c <= 'Z'; ++c) class_[c] = class_[Lower(static_cast<unsigned char>(c))];
  for (unsigned c = 0x80; c <= 0xFF; ++c) class_[c] = shared[c % kNonAsciiClasses];
}

// Exact atoms are found folded, then compared as written: their 8 last
// bytes as one masked word where they fit, else bytewise. Other atoms with
// bytes from 0x80 are compared bytewise, ASCII case folded.
void AtomScanner::BuildChecks(const std::vector<std::string>& atoms, const std::vector<bool>& exact) {
  check_.assign(atoms.size(), kNone);
  written_.assign(atoms.size(), std::string());
  exact_mask_.assign(atoms.size(), 0);
  exact_value_.assign(atoms.size(), 0);
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    const bool non_ascii = std::any_of(atoms[i].begin(), atoms[i].end(),
                                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (i < exact.size() && exact[i]) {
      check_[i] = kExact;
    } else if (non_ascii) {
      check_[i] = kFolded;
    } else {
      continue;
    }
    written_[i] = atoms[i];
    const std::size_t n = atoms[i].size();
    if (check_[i] != kExact || n > 8 || std::endian::native != std::endian::little) continue;  // bytewise
    for (std::size_t k = 0; k < n; ++k) {
      const unsigned shift = static_cast<unsigned>(8 * (8 - n + k));
      exact_mask_[i] |= std::uint64_t{0xFF} << shift;
      exact_value_[i] |= std::uint64_t{static_cast<unsigned char>(atoms[i][k])} << shift;
    }
  }
}

bool AtomScanner::CheckAt(int atom, std::string_view text, std::size_t end) const {
  const std::string& a = written_[atom];
  if (end >= 8 && exact_mask_[atom] != 0) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + end - 8, 8);
    return (word & exact_mask_[atom]) == exact_value_[atom];
  }
  if (check_[atom] == kExact) return text.compare(end - a.size(), a.size(), a) == 0;
  const char* t = text.data() + end - a.size();
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (Lower(static_cast<unsigned char>(t[k])) != static_cast<unsigned char>(a[k])) return false;
  }
  return true;
}

bool AtomScanner::Build(const std::vector<std::string>& atoms, std::size_t max_bytes,
                        const std::vector<bool>& exact) {
  static_assert(sizeof(std::uint64_t) == 8);
  std::vector<std::string> folded = atoms;
  for (std::size_t i = 0; i < folded.size() && i < exact.size(); ++i) {
    if (exact[i]) {
      for (char& c : folded[i]) c = static_cast<char>(Lower(static_cast<unsigned char>(c)));
    }
  }
  BuildChecks(atoms, exact);
  return BuildFolded(folded, max_bytes);
}

// Renumbers the trie's states breadth-first, so that the rows of the states
// near the root, where the scan spends most bytes, lie together in memory.
void AtomScanner::Breadthwise(std::vector<std::map<std::uint8_t, std::int32_t>>* trie,
                              std::vector<std::vector<std::int32_t>>* own) {
  std::vector<std::int32_t> order{0}, id(trie->size(), 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (const auto& [c, t] : (*trie)[order[k]]) {
      id[t] = static_cast<std::int32_t>(order.size());
      order.push_back(t);
    }
  }
  std::vector<std::map<std::uint8_t, std::int32_t>> t2(trie->size());
  std::vector<std::vector<std::int32_t>> o2(trie->size());
  for (std::size_t s = 0; s < trie->size(); ++s) {
    for (const auto& [c, t] : (*trie)[s]) t2[id[s]][c] = id[t];
    o2[id[s]] = std::move((*own)[s]);
  }
  *trie = std::move(t2);
  *own = std::move(o2);
}

bool AtomScanner::BuildFolded(const std::vector<std::string>& atoms, std::size_t max_bytes) {
  BuildClasses(atoms);
  lengths_.clear();
  // Trie: goto edges in maps while building, then the dense table.
  std::vector<std::map<std::uint8_t, std::int32_t>> trie(1);
  std::vector<std::vector<std::int32_t>> own(1);
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    std::int32_t s = 0;
    for (char ch : atoms[i]) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 'A' && c <= 'Z') {
        s = -1;  // can never match the folded text
        break;
      }
      auto [it, added] = trie[s].try_emplace(class_[c], static_cast<std::int32_t>(trie.size()));
      if (added) {
        trie.emplace_back();
        own.emplace_back();
      }
      s = it->second;
    }
    if (s > 0) own[s].push_back(static_cast<std::int32_t>(i));
    lengths_.push_back(atoms[i].size());
  }
  Breadthwise(&trie, &own);
  max_length_ = atoms.empty() ? 0 : std::max_element(lengths_.begin(), lengths_.end()).operator*();
  const std::size_t states = trie.size();
  if (states * classes_ * sizeof(std::int32_t) > max_bytes) {
    next_.clear();
    out_begin_.clear();
    return false;
  }
  next_.assign(states * classes_, 0);
  std::vector<std::uint32_t> fail(states, 0), order;
  // Breadth-first: a state's fail link is complete before its children's.
  for (const auto& [c, t] : trie[0]) {
    next_[c] = t;
    order.push_back(t);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::uint32_t s = order[k];
    for (std::size_t c = 0; c < classes_; ++c) next_[s * classes_ + c] = next_[fail[s] * classes_ + c];
    for (const auto& [c, t] : trie[s]) {
      fail[t] = next_[fail[s] * classes_ + c];
      next_[s * classes_ + c] = t;
      order.push_back(t);
    }
  }
  // Outputs of a state: its own atoms (longest is the state's depth), then
  // those of its fail state (shorter suffixes).
  std::vector<std::vector<std::int32_t>> all(states);
  for (std::uint32_t s : order) {
    all[s] = own[s];
    all[s].insert(all[s].end(), all[fail[s]].begin(), all[fail[s]].end());
  }
  out_begin_.assign(states + 1, 0);
  outputs_.clear();
  for (std::size_t s = 0; s < states; ++s) {
    out_begin_[s] = static_cast<std::int32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), all[s].begin(), all[s].end());
  }
  out_begin_[states] = static_cast<std::int32_t>(outputs_.size());
  BuildRows();
  return true;
}

// Rewrites each target state s in next_ as its row offset s * classes_
// (below max_bytes / 4, so 31 bits), with the top bit set when s has
// outputs (state 0, the root, has none): Scan then needs neither a multiply
// nor a second load per byte. A row offset turns back into its state by an
// exact division: a shift and a multiply by the inverse of the odd factor.
void AtomScanner::BuildRows() {
  for (std::uint32_t& t : next_) {
    const auto row = static_cast<std::uint32_t>(t * classes_);
    t = out_begin_[t] == out_begin_[t + 1] ? row : row | kHasOutputs;
  }
  class_shift_ = static_cast<unsigned>(std::countr_zero(classes_));
  const auto odd = static_cast<std::uint32_t>(classes_ >> class_shift_);
  std::uint32_t inverse = odd;  // Newton's iteration for odd * inverse == 1 (mod 2^32)
  for (int k = 0; k < 5; ++k) inverse *= 2 - odd * inverse;
  class_inverse_ = inverse;
}

// Walks text[lane->pos, lane->end) from state lane->row: the bytes of a
// chunk without a branch, each position whose state has outputs noted (and
// kept by advancing the count); the outputs at ends above lane->emit_after
// are then read off into *out.
void AtomScanner::Walk(std::string_view text, Lane* lane, std::size_t bytes, std::vector<Occurrence>* out) const {
  std::uint32_t ends[kChunk], rows_at[kChunk];
  const std::uint32_t* rows = next_.data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + lane->pos;
  std::uint32_t row = lane->row;
  std::size_t n = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    const std::uint32_t t = rows[row + class_[p[i]]];
    row = t & ~kHasOutputs;
    ends[n] = static_cast<std::uint32_t>(i + 1);
    rows_at[n] = row;
    n += t >> 31;
  }
  lane->row = row;
  Emit(text, lane->pos, lane->emit_after, ends, rows_at, n, out);
  lane->pos += bytes;
}

// Two lanes over the two halves of a long text, interleaved byte by byte:
// each step of one depends on the table load of its previous step, so two
// independent walks keep two loads in flight. The second lane starts
// max_length_ - 1 bytes before the middle (the automaton's state depends on
// no more bytes than that) and keeps only the occurrences ending after it.
void AtomScanner::Scan(std::string_view text, std::vector<Occurrence>* out) const {
  if (next_.empty()) return;
  const std::size_t mid = text.size() / 2;
  if (text.size() < 2 * kChunk || mid < max_length_) {
    Lane one{0, text.size(), 0, 0};
    while (one.pos < one.end) Walk(text, &one, std::min(kChunk, one.end - one.pos), out);
    return;
  }
  Lane a{0, mid, 0, 0}, b{mid - (max_length_ - 1), text.size(), 0, mid};
  thread_local std::vector<Occurrence> second;
  second.clear();
  while (a.pos < a.end && b.pos < b.end) {
    const std::size_t bytes = std::min({kChunk, a.end - a.pos, b.end - b.pos});
    WalkTwo(text, &a, &b, bytes, out, &second);
  }
  while (a.pos < a.end) Walk(text, &a, std::min(kChunk, a.end - a.pos), out);
  while (b.pos < b.end) Walk(text, &b, std::min(kChunk, b.end - b.pos), &second);
  out->insert(out->end(), second.begin(), second.end());
}

void AtomScanner::WalkTwo(std::string_view text, Lane* a, Lane* b, std::size_t bytes, std::vector<Occurrence>* out_a,
                          std::vector<Occurrence>* out_b) const {
  std::uint32_t ends_a[kChunk], rows_a[kChunk], ends_b[kChunk], rows_b[kChunk];
  const std::uint32_t* rows = next_.data();
  const auto* pa = reinterpret_cast<const unsigned char*>(text.data()) + a->pos;
  const auto* pb = reinterpret_cast<const unsigned char*>(text.data()) + b->pos;
  std::uint32_t row_a = a->row, row_b = b->row;
  std::size_t na = 0, nb = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    const std::uint32_t ta = rows[row_a + class_[pa[i]]];
    const std::uint32_t tb = rows[row_b + class_[pb[i]]];
    row_a = ta & ~kHasOutputs;
    row_b = tb & ~kHasOutputs;
    ends_a[na] = ends_b[nb] = static_cast<std::uint32_t>(i + 1);
    rows_a[na] = row_a;
    rows_b[nb] = row_b;
    na += ta >> 31;
    nb += tb >> 31;
  }
  a->row = row_a;
  b->row = row_b;
  Emit(text, a->pos, a->emit_after, ends_a, rows_a, na, out_a);
  Emit(text, b->pos, b->emit_after, ends_b, rows_b, nb, out_b);
  a->pos += bytes;
  b->pos += bytes;
}

// The outputs of the n noted positions (ends relative to base), those
// ending after emit_after, checked where their atom needs it.
void AtomScanner::Emit(std::string_view text, std::size_t base, std::size_t emit_after, const std::uint32_t* ends,
                       const std::uint32_t* rows_at, std::size_t n, std::vector<Occurrence>* out) const {
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t end = base + ends[k];
    if (end <= emit_after) continue;
    const std::size_t s = (rows_at[k] >> class_shift_) * class_inverse_;
    for (std::int32_t j = out_begin_[s]; j < out_begin_[s + 1]; ++j) {
      const std::int32_t atom = outputs_[j];
      if (check_[atom] != kNone && !CheckAt(atom, text, end)) continue;
      out->push_back({end, atom});
    }
  }
}

}  // namespace ecwatch::rules_internal
