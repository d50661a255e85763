// Paragraph and sentence splitting for the matcher (English and Chinese).
// Tested by text_split_test.cc.
#include "rules/text_split.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cctype>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ecwatch {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// ASCII letters (as std::isalpha in the C locale, without its call).
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A word of up to 8 ASCII bytes, lower-cased, as one integer (first byte
// lowest): the abbreviation table's key.
constexpr std::uint64_t Key(std::string_view word) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    k |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
  }
  return k;
}

// Words after which a period does not end a sentence, as keys in a table
// without collisions (a multiplier found at compile time): a word is looked
// up with one load and one compare, no search whose branches follow the text.
struct Abbreviations {
  static constexpr std::string_view kWords[] = {
      "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "st", "no", "nos", "co", "corp", "inc",
      "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "vs", "gov", "sen", "rep", "gen", "jr", "sr", "mt", "pct", "approx", "dept", "fig", "art",
      "e.g", "i.e", "etc", "p.m", "a.m", "ft", "bros"};
  static constexpr std::size_t kMaxLength = 6;  // no abbreviation is longer
  static constexpr unsigned kSlotBits = 9;
  std::array<std::uint64_t, std::size_t{1} << kSlotBits> slots{};  // key, or 0 (no word has key 0)
  std::uint64_t multiplier = 0;

  static constexpr std::size_t Slot(std::uint64_t key, std::uint64_t m) { return (key * m) >> (64 - kSlotBits); }
  constexpr Abbreviations() {
    for (std::uint64_t m = 0x9E3779B97F4A7C15ull;; m = (m * 6364136223846793005ull + 1442695040888963407ull) | 1) {
      slots.fill(0);
      bool collision = false;
      for (std::string_view w : kWords) {
        std::uint64_t& slot = slots[Slot(Key(w), m)];
        collision = collision || slot != 0;
        slot = Key(w);
      }
      if (!collision) {
        multiplier = m;
        return;
      }
    }
  }
  constexpr bool Has(std::uint64_t key) const { return slots[Slot(key, multiplier)] == key; }
};
constexpr Abbreviations kAbbreviations;

bool IsAbbreviation(std::string_view word) {
  if (word.size() == 1 && IsAsciiLetter(word[0])) return true;  // initial
  if (word.empty() || word.size() > Abbreviations::kMaxLength) return false;
  return kAbbreviations.Has(Key(word));
}

// The word that ends at text[end) (letters and inner periods), read back
// at most kMaxLength + 1 bytes: a longer word is no abbreviation either.
std::string_view WordBefore(std::string_view text, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && end - b <= Abbreviations::kMaxLength && (IsAsciiLetter(text[b - 1]) || text[b - 1] == '.')) --b;
  return text.substr(b, end - b);
}

// Length of a CJK sentence terminator at i (。 E3 80 82; ！ EF BC 81;
// ？ EF BC 9F; ； EF BC 9B), else 0.
std::size_t CjkStop(std::string_view text, std::size_t i) {
  if (i + 2 >= text.size()) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
  if (static_cast<unsigned char>(text[i]) == 0xE3) return b1 == 0x80 && b2 == 0x82 ? 3 : 0;
  return b1 == 0xBC && (b2 == 0x81 || b2 == 0x9F || b2 == 0x9B) ? 3 : 0;
}

// Bytes that can end a sentence (or start a CJK terminator), as a table:
// the split looks at every byte of the text.
struct StopBytes {
  bool is[256] = {};
  constexpr StopBytes() {
    for (unsigned char c : {'.', '!', '?', '\n'}) is[c] = true;
    is[0xE3] = is[0xEF] = true;
  }
};
constexpr StopBytes kStopBytes;

bool IsStopByte(unsigned char c) { return kStopBytes.is[c]; }

// The stop bytes of a text, found 64 bytes at a time (with SSE2, on every
// x86-64: most bytes end nothing) and kept as a bit mask per block, so that
// the many short searches of one document read each byte once.
class StopScan {
 public:
  explicit StopScan(std::string_view text) : text_(text) {}

  // The first stop byte in [i, e), else e.
  std::size_t Next(std::size_t i, std::size_t e) {
    while (i < e) {
      const std::size_t block = i & ~std::size_t{63};
      if (block != block_) Load(block);
      if (const std::uint64_t m = mask_ >> (i - block)) return std::min(e, i + std::countr_zero(m));
      i = block + 64;
    }
    return e;
  }

 private:
  // mask_ bit k: text_[block + k] is a stop byte.
  void Load(std::size_t block) {
    block_ = block;
    mask_ = 0;
    std::size_t k = 0;
#if defined(__SSE2__)
    if (block + 64 <= text_.size()) {
      const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), ask = _mm_set1_epi8('?');
      const __m128i nl = _mm_set1_epi8('\n');
      for (; k < 64; k += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + block + k));
        const __m128i ascii = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                           _mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmpeq_epi8(v, nl)));
        auto bits = static_cast<unsigned>(_mm_movemask_epi8(ascii));
        if (_mm_movemask_epi8(v) != 0) {  // bytes from 0x80: the CJK leads too
          const __m128i cjk = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE3))),
                                           _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xEF))));
          bits |= static_cast<unsigned>(_mm_movemask_epi8(cjk));
        }
        mask_ |= std::uint64_t{bits} << k;
      }
      return;
    }
#endif
    for (; k < 64 && block + k < text_.size(); ++k) {
      if (IsStopByte(static_cast<unsigned char>(text_[block + k]))) mask_ |= std::uint64_t{1} << k;
    }
  }

  std::string_view text_;
  std::size_t block_ = static_cast<std::size_t>(-1);  // none loaded
  std::uint64_t mask_ = 0;
};

TextSpan Trimmed(std::string_view text, std::size_t b, std::size_t e) {
  while (b < e && IsSpace(text[b])) ++b;
  while (e > b && IsSpace(text[e - 1])) --e;
  return {b, e};
}

void AddTrimmed(std::string_view text, std::size_t b, std::size_t e, std::vector<TextSpan>* out) {
  const TextSpan t = Trimmed(text, b, e);
  if (t.end > t.start) out->push_back(t);
}

// Where the sentence starting at or after b ends (exclusive), within [b, e).
std::size_t SentenceEnd(std::string_view text, std::size_t b, std::size_t e, StopScan* stops) {
  for (std::size_t i = stops->Next(b, e); i < e; i = stops->Next(i + 1, e)) {
    const char c = text[i];
    if (c == '\n') return i + 1;
    if (static_cast<unsigned char>(c) >= 0x80) {
      if (std::size_t n = CjkStop(text, i)) return i + n;
      continue;
    }
    std::size_t j = i + 1;
    while (j < e && (text[j] == '"' || text[j] == '\'' || text[j] == ')')) ++j;
    // Closing curly quote (U+201D) after the stop.
    if (j + 3 <= text.size() && text[j] == '\xE2' && text[j + 1] == '\x80' && text[j + 2] == '\x9D') j += 3;
    if (j < e && !IsSpace(text[j])) continue;
    if (c == '.' && IsAbbreviation(WordBefore(text, i))) continue;
    std::size_t k = j;
    while (k < e && IsSpace(text[k])) ++k;
    if (k < e && text[k] >= 'a' && text[k] <= 'z') continue;
    return j;
  }
  return e;
}

// Appends the sentences of paragraph p (index pi) to *out.
void SplitParagraph(std::string_view text, TextSpan p, std::size_t pi, StopScan* stops, Segments* out) {
  out->first_sentence.push_back(out->sentences.size());
  std::size_t s = p.start;
  while (s < p.end) {
    const std::size_t e = SentenceEnd(text, s, p.end, stops);
    const std::size_t before = out->sentences.size();
    AddTrimmed(text, s, e, &out->sentences);
    if (out->sentences.size() > before) out->paragraph_of.push_back(pi);
    s = e;
  }
  out->paragraphs.push_back(p);
}

}  // namespace

Segments SplitText(std::string_view text) {
  Segments out;
  // News copy has a sentence per 100 bytes or so: one allocation per vector
  // for most documents instead of a dozen regrowths.
  const std::size_t guess = text.size() / 64 + 4;
  out.sentences.reserve(guess);
  out.paragraph_of.reserve(guess);
  StopScan stops(text);
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find("\n\n", b);
    if (e == std::string_view::npos) e = text.size();
    const TextSpan p = Trimmed(text, b, e);
    if (p.end > p.start) SplitParagraph(text, p, out.paragraphs.size(), &stops, &out);
    b = e + 2;
  }
  return out;
}

}  // namespace ecwatch
