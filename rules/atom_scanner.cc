// AtomScanner: Aho-Corasick over byte classes for FilteredRE2 atoms.
// Tested by atom_scanner_test.cc.
#include "rules/atom_scanner.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <iterator>
#include <map>

namespace ecwatch::rules_internal {
namespace {

unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; }

// Whether byte c has a class of its own: letters (an upper-case letter
// shares the class of its lower case), space, period and hyphen. Other
// bytes that atoms hold (digits, tabs and line breaks from \s, rare
// punctuation) share one class, and bytes from 0x80 share kNonAsciiClasses
// classes by their low bits: each class is a column of every state's row,
// and a row that no cache holds slows every byte (CJK terms alone would
// bring some 70 classes; the digits, tabs, line breaks and punctuation of a
// few dozen atoms, a dozen). Atoms holding shared-class bytes are compared
// after the scan.
bool OwnClass(unsigned char c) { return (c >= 'a' && c <= 'z') || c == ' ' || c == '.' || c == '-'; }

}  // namespace

// Class 0 is every byte that occurs in no atom; the others as above.
void AtomScanner::BuildClasses(const std::vector<std::string>& atoms) {
  class_.fill(0);
  classes_ = 1;
  std::array<std::uint8_t, kNonAsciiClasses> shared{};
  std::uint8_t other = 0;  // the shared class of the other ASCII bytes
  std::array<bool, 128> other_used{};
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    if (capital_[i]) continue;
    for (char ch : atoms[i]) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 'A' && c <= 'Z') continue;  // the folded text never holds them
      if (c >= 0x80) {
        std::uint8_t& k = shared[c % kNonAsciiClasses];
        if (k == 0) k = static_cast<std::uint8_t>(classes_++);
      } else if (!OwnClass(c)) {
        if (other == 0) other = static_cast<std::uint8_t>(classes_++);
        other_used[c] = true;
      } else if (class_[c] == 0) {
        class_[c] = static_cast<std::uint8_t>(classes_++);
      }
    }
  }
  for (unsigned c = 0; c < 128; ++c) {
    if (other_used[c]) class_[c] = other;
  }
  for (unsigned c = 'A'; c <= 'Z'; ++c) class_[c] = class_[Lower(static_cast<unsigned char>(c))];
  for (unsigned c = 0x80; c <= 0xFF; ++c) class_[c] = shared[c % kNonAsciiClasses];
}

// Exact atoms are found folded, then compared as written: their 8 last
// bytes as one masked word where they fit, else bytewise. Other atoms with
// bytes of a shared class are compared bytewise, ASCII case folded.
void AtomScanner::BuildChecks(const std::vector<std::string>& atoms, const std::vector<bool>& exact) {
  check_.assign(atoms.size(), kNone);
  written_.assign(atoms.size(), std::string());
  exact_mask_.assign(atoms.size(), 0);
  exact_value_.assign(atoms.size(), 0);
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    if (capital_[i]) continue;  // found apart, as written: nothing to compare
    const bool shares = std::any_of(atoms[i].begin(), atoms[i].end(), [](char ch) {
      const auto c = Lower(static_cast<unsigned char>(ch));
      return c >= 0x80 || !OwnClass(c);
    });
    if (i < exact.size() && exact[i]) {
      check_[i] = kExact;
    } else if (shares) {
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
  capitals_ = CapitalAtoms();
  capital_.assign(atoms.size(), false);
  for (std::size_t i = 0; i < atoms.size() && i < exact.size(); ++i) {
    if (!exact[i] || !CapitalAtoms::Takes(atoms[i])) continue;
    capitals_.Add(atoms[i], static_cast<int>(i));
    capital_[i] = true;
  }
  std::vector<std::string> folded = atoms;
  for (std::size_t i = 0; i < folded.size() && i < exact.size(); ++i) {
    if (exact[i]) {
      for (char& c : folded[i]) c = static_cast<char>(Lower(static_cast<unsigned char>(c)));
    }
  }
  BuildChecks(atoms, exact);
  if (BuildFolded(folded, max_bytes)) return true;
  capitals_ = CapitalAtoms();  // an empty scanner
  return false;
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
    lengths_.push_back(atoms[i].size());
    if (capital_[i]) continue;  // found apart
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
    for (std::int32_t atom : all[s]) outputs_.push_back(check_[atom] == kNone ? atom : atom | kChecked);
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

// Walks n lanes, each over its next bytes from its state, interleaved byte
// by byte: the bytes of a chunk without a branch, each position whose state
// has outputs noted (and kept by advancing the count); the outputs at ends
// above the lane's emit_after are then read off into outs[k]. Each step of a
// lane waits for the table load of its previous step; independent lanes keep
// several loads in flight.
template <std::size_t kLanes>
void AtomScanner::WalkLanes(std::string_view text, Lane* lanes, std::size_t bytes,
                            std::vector<Occurrence>* const* outs) const {
  std::uint32_t ends[kLanes][kChunk], rows_at[kLanes][kChunk];
  const std::uint32_t* rows = next_.data();
  const unsigned char* p[kLanes];
  std::size_t row[kLanes];  // as wide as a pointer: indexes without a zero-extension each byte
  std::size_t n[kLanes];
  for (std::size_t k = 0; k < kLanes; ++k) {
    p[k] = reinterpret_cast<const unsigned char*>(text.data()) + lanes[k].pos;
    row[k] = lanes[k].row;
    n[k] = 0;
  }
  for (std::size_t i = 0; i < bytes; ++i) {
    for (std::size_t k = 0; k < kLanes; ++k) {
      const std::size_t t = rows[row[k] + class_[p[k][i]]];
      row[k] = t & ~std::size_t{kHasOutputs};
      ends[k][n[k]] = static_cast<std::uint32_t>(i + 1);
      rows_at[k][n[k]] = static_cast<std::uint32_t>(row[k]);
      n[k] += t >> 31;
    }
  }
  for (std::size_t k = 0; k < kLanes; ++k) {
    lanes[k].row = static_cast<std::uint32_t>(row[k]);
    Emit(text, lanes[k].pos, lanes[k].emit_after, ends[k], rows_at[k], n[k], outs[k]);
    lanes[k].pos += bytes;
  }
}

void AtomScanner::Scan(std::string_view text, std::vector<Occurrence>* out) const {
  thread_local std::vector<Occurrence> folded, capital;
  folded.clear();
  capital.clear();
  ScanApart(text, &folded, &capital);
  const auto before = [this](const Occurrence& a, const Occurrence& b) {
    if (a.end != b.end) return a.end < b.end;
    if (lengths_[a.atom] != lengths_[b.atom]) return lengths_[a.atom] > lengths_[b.atom];
    return a.atom < b.atom;
  };
  std::sort(capital.begin(), capital.end(), before);
  std::merge(folded.begin(), folded.end(), capital.begin(), capital.end(), std::back_inserter(*out), before);
}

void AtomScanner::ScanApart(std::string_view text, std::vector<Occurrence>* folded,
                            std::vector<Occurrence>* capital) const {
  Walk(text, folded);
  if (!capitals_.empty()) capitals_.Scan(text, capital);
}

// The automaton's occurrences, appended to *out: up to kMaxLanes lanes,
// each walking the same number of bytes, so that all end together. Lane
// k > 0 starts max_length_ - 1 bytes (the most the automaton's state
// depends on) or more before the end of lane k - 1 and keeps only the
// occurrences ending after it; the last lane ends at the text's end.
void AtomScanner::Walk(std::string_view text, std::vector<Occurrence>* out) const {
  if (next_.empty()) return;
  std::size_t n = kMaxLanes;
  while (n > 1 && (text.size() / n < kMinLaneBytes || text.size() / n < max_length_)) n /= 2;
  const std::size_t overlap = max_length_ - 1;
  const std::size_t len = (text.size() + (n - 1) * overlap + n - 1) / n;  // bytes per lane
  Lane lanes[kMaxLanes];
  thread_local std::vector<Occurrence> later[kMaxLanes];
  std::vector<Occurrence>* outs[kMaxLanes] = {out};
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t after = k == 0 ? 0 : k * (len - overlap) + overlap;  // where lane k - 1 ends
    const std::size_t pos = k + 1 == n ? text.size() - len : k * (len - overlap);
    lanes[k] = {pos, 0, after};
    if (k > 0) {
      later[k].clear();
      outs[k] = &later[k];
    }
  }
  for (std::size_t done = 0; done < len; done += kChunk) {
    const std::size_t bytes = std::min(kChunk, len - done);
    if (n == 4) WalkLanes<4>(text, lanes, bytes, outs);
    if (n == 2) WalkLanes<2>(text, lanes, bytes, outs);
    if (n == 1) WalkLanes<1>(text, lanes, bytes, outs);
  }
  for (std::size_t k = 1; k < n; ++k) out->insert(out->end(), later[k].begin(), later[k].end());
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
      const std::int32_t output = outputs_[j];
      const std::int32_t atom = output & ~kChecked;
      if (output != atom && !CheckAt(atom, text, end)) continue;
      out->push_back({end, atom});
    }
  }
}

}  // namespace ecwatch::rules_internal
