// SimHash of article text over token shingles (UTF-8 aware, CJK per
// codepoint), and Hamming distance. This file's interface is simhash.h.
//
// Tested by tests/extract/simhash_test.cc.
#include "extract/simhash.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <type_traits>
#include <vector>

#include "base/limits.h"

namespace ecwatch {

namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// How one codepoint takes part in tokenising.
enum class CharKind { kSeparator, kWord, kStandalone };

// Decodes the UTF-8 sequence at text[*pos] and advances *pos past it;
// kInvalid (advancing one byte) for a malformed, overlong or surrogate one.
char32_t NextCodepoint(std::string_view text, std::size_t* pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  int extra = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1, cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2, cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3, cp = lead & 0x07;
  } else {
    ++*pos;
    return kInvalid;
  }
  if (*pos + extra >= text.size()) {  // truncated sequence
    ++*pos;
    return kInvalid;
  }
  for (int i = 1; i <= extra; ++i) {
    const unsigned char b = byte(*pos + i);
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  const char32_t min_for_length[] = {0, 0x80, 0x800, 0x10000};
  if (cp < min_for_length[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return kInvalid;
  }
  *pos += extra + 1;
  return cp;
}

bool InRange(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

bool IsCjk(char32_t cp) {
  return InRange(cp, 0x3040, 0x30FF) ||  // Hiragana, Katakana
         InRange(cp, 0x31F0, 0x31FF) ||  // Katakana phonetic extensions
         InRange(cp, 0x3400, 0x4DBF) ||  // CJK Extension A
         InRange(cp, 0x4E00, 0x9FFF) ||  // CJK Unified Ideographs
         InRange(cp, 0xF900, 0xFAFF) ||  // CJK Compatibility Ideographs
         InRange(cp, 0xFF66, 0xFF9F) ||  // half-width Katakana
         InRange(cp, 0x20000, 0x3FFFF);  // CJK Extensions B..
}

bool IsSeparator(char32_t cp) {
  if (cp < 0x80)
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return cp == kInvalid || InRange(cp, 0x80, 0xBF) || cp == 0xD7 || cp == 0xF7 ||
         InRange(cp, 0x2000, 0x2BFF) ||  // punctuation, symbols, arrows, shapes
         InRange(cp, 0x3000, 0x303F) ||  // CJK punctuation
         InRange(cp, 0xFE10, 0xFE1F) || InRange(cp, 0xFE30, 0xFE4F) ||  // vertical forms
         InRange(cp, 0xFF00, 0xFF0F) || InRange(cp, 0xFF1A, 0xFF20) ||
         InRange(cp, 0xFF3B, 0xFF40) || InRange(cp, 0xFF5B, 0xFF65) ||  // full-width punct
         InRange(cp, 0xFFF0, 0xFFFF);                                   // specials (U+FFFD)
}

// Classify(c) == CharKind::kWord for an ASCII byte c.
bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

CharKind Classify(char32_t cp) {
  if (IsSeparator(cp)) return CharKind::kSeparator;
  return IsCjk(cp) ? CharKind::kStandalone : CharKind::kWord;
}

// Simple case folding for the scripts of our sources; other codepoints as is.
char32_t Fold(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
  if (InRange(cp, 0xFF10, 0xFF19)) return cp - 0xFF10 + '0';    // full-width digits
  if (InRange(cp, 0xFF21, 0xFF3A)) return cp - 0xFF21 + 'a';    // full-width capitals
  if (InRange(cp, 0xFF41, 0xFF5A)) return cp - 0xFF41 + 'a';    // full-width small
  if (InRange(cp, 0xC0, 0xDE)) return cp + 0x20;                // Latin-1 (0xD7 is a separator)
  if (InRange(cp, 0x100, 0x17F) && cp % 2 == 0) return cp + 1;  // Latin Extended-A, mostly pairs
  if (InRange(cp, 0x391, 0x3A9)) return cp + 0x20;              // Greek
  if (InRange(cp, 0x410, 0x42F)) return cp + 0x20;              // Cyrillic
  if (InRange(cp, 0x400, 0x40F)) return cp + 0x50;
  return cp;
}

// splitmix64's finaliser: spreads every input bit over the output.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr uint64_t kFnvOffset = 0xCBF29CE484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001B3ull;

// Turns a token stream into shingle hashes: every kSimHashShingleTokens
// consecutive tokens give one hash, passed to sink.
template <typename Sink>
class Shingler {
 public:
  explicit Shingler(Sink& sink) : sink_(sink) {}

  void AddToken(uint64_t token_hash) {
    window_[count_ % kSimHashShingleTokens] = token_hash;
    ++count_;
    if (count_ < kSimHashShingleTokens) return;
    uint64_t h = 0;
    for (int i = 0; i < kSimHashShingleTokens; ++i) {
      h = Mix(h * 0x9E3779B97F4A7C15ull + window_[(count_ + i) % kSimHashShingleTokens]);
    }
    sink_(h);
  }

 private:
  Sink& sink_;
  std::array<uint64_t, kSimHashShingleTokens> window_{};
  int64_t count_ = 0;
};

// The prefix of text of at most max_bytes, not ending inside a UTF-8 sequence.
std::string_view CappedPrefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Calls sink(hash) for every shingle of the capped text, in text order.
template <typename Sink>
void ForEachShingle(std::string_view text, Sink&& sink) {
  text = CappedPrefix(text, limits::kMaxSimHashTextBytes);
  Shingler<std::remove_reference_t<Sink>> shingler(sink);
  uint64_t word = kFnvOffset;
  bool in_word = false;
  const auto end_word = [&] {
    if (in_word) shingler.AddToken(Mix(word));
    word = kFnvOffset;
    in_word = false;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {  // ASCII, most of the text: as below, without decoding
      ++pos;
      if (IsAsciiWordByte(byte)) {
        word = (word ^ Fold(byte)) * kFnvPrime;
        in_word = true;
      } else {
        end_word();
      }
      continue;
    }
    const char32_t cp = NextCodepoint(text, &pos);
    switch (Classify(cp)) {
      case CharKind::kSeparator:
        end_word();
        break;
      case CharKind::kStandalone:
        end_word();
        shingler.AddToken(Mix(kFnvOffset ^ cp));
        break;
      case CharKind::kWord:
        word = (word ^ Fold(cp)) * kFnvPrime;
        in_word = true;
        break;
    }
  }
  end_word();
}

// Lane j (byte j) of kByteToLanes[b] is bit j of b.
constexpr std::array<uint64_t, 256> MakeByteToLanes() {
  std::array<uint64_t, 256> table{};
  for (int b = 0; b < 256; ++b) {
    for (int j = 0; j < 8; ++j) table[b] |= static_cast<uint64_t>((b >> j) & 1) << (8 * j);
  }
  return table;
}
constexpr std::array<uint64_t, 256> kByteToLanes = MakeByteToLanes();

// Counts, for each of the 64 bit positions, the hashes that have it set.
// Eight 8-bit counters share one word (a table lookup adds a hash byte's
// eight bits at once); they are emptied into 64-bit totals before a lane can
// pass 255.
class BitCounter {
 public:
  void Add(uint64_t h) {
    for (int k = 0; k < 8; ++k) lanes_[k] += kByteToLanes[(h >> (8 * k)) & 0xFF];
    ++total_;
    if (++pending_ == kMaxPending) Flush();
  }
  int64_t total() const { return total_; }
  int64_t ones(int bit) {
    Flush();
    return ones_[bit];
  }

 private:
  static constexpr int kMaxPending = 255;  // an 8-bit lane's maximum
  void Flush() {
    for (int k = 0; k < 8; ++k) {
      for (int j = 0; j < 8; ++j) ones_[8 * k + j] += (lanes_[k] >> (8 * j)) & 0xFF;
      lanes_[k] = 0;
    }
    pending_ = 0;
  }

  std::array<uint64_t, 8> lanes_{};
  std::array<int64_t, 64> ones_{};
  int64_t total_ = 0;
  int pending_ = 0;
};

}  // namespace

std::vector<uint64_t> Shingles(std::string_view text) {
  std::vector<uint64_t> set;
  ForEachShingle(text, [&](uint64_t h) { set.push_back(h); });
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

uint64_t SimHash(std::string_view text) {
  BitCounter counter;
  ForEachShingle(text, [&](uint64_t h) { counter.Add(h); });
  if (counter.total() < kSimHashMinShingles) return 0;
  // A bit's votes are ones - (total - ones): positive when 2 * ones > total.
  uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (2 * counter.ones(bit) > counter.total()) out |= uint64_t{1} << bit;
  }
  return out;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

bool SimHashClose(uint64_t a, uint64_t b) {
  return a != 0 && b != 0 && HammingDistance(a, b) <= kSimHashMaxBits;
}

double ShingleContainment(std::string_view a, std::string_view b) {
  return ShingleContainment(Shingles(a), Shingles(b));
}

double ShingleContainment(const std::vector<uint64_t>& sa, const std::vector<uint64_t>& sb) {
  if (sa.empty() || sb.empty()) return 0;
  std::size_t common = 0;
  for (auto i = sa.begin(), j = sb.begin(); i != sa.end() && j != sb.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(std::min(sa.size(), sb.size()));
}

bool IsNearDuplicate(std::string_view a, std::string_view b) {
  return SimHashClose(SimHash(a), SimHash(b)) &&
         ShingleContainment(a, b) >= kNearDuplicateMinContainment;
}

}  // namespace ecwatch
