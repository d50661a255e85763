// LiteralAlternation: term-list alternations recognised at load, matched
// without RE2 (leftmost-first, \b and (?i) as RE2 has them).
// Tested by literal_alternation_test.cc (against RE2).
#include "rules/literal_alternation.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rules/term_list.h"

namespace ecwatch::rules_internal {
namespace {

constexpr std::string_view kMeta = "\\^$.|?*+()[]{}";

constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return t;
}();

bool IsWordByte(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A literal byte may stand as written: printable ASCII, no metacharacter,
// no separator byte (space, hyphen).
bool IsPlainLiteral(char c) {
  return c > ' ' && c <= '~' && c != '-' && kMeta.find(c) == std::string_view::npos;
}

// \b at i of text: a word byte on exactly one side (outside the text: none).
bool BoundaryAt(std::string_view text, std::size_t i) {
  const bool before = i > 0 && IsWordByte(text[i - 1]);
  const bool after = i < text.size() && IsWordByte(text[i]);
  return before != after;
}

// Length of the separator (\t \n \f \r space, hyphen, U+2010..U+2014)
// starting at i and ending by end, else 0.
std::size_t SeparatorAt(std::string_view text, std::size_t i, std::size_t end) {
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '-') return 1;
  if (c == '\xE2' && i + 3 <= end && text[i + 1] == '\x80' && static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
      static_cast<unsigned char>(text[i + 2]) <= 0x94) {
    return 3;
  }
  return 0;
}

// The chemical symbols' shape (rules/term_list.cc): "\b(?:" alternatives
// of literals only, then this.
constexpr std::string_view kSymbolsHead = "\\b(?:";
constexpr std::string_view kSymbolsTail = ")(?:\\b|[0-9])";

// Parses one alternative ("\b" literals and separators, optional "\b");
// false when it has another shape.
bool ParseAlternative(std::string_view s, bool fold, std::string* body, bool* end_boundary) {
  if (s.substr(0, 2) != "\\b") return false;
  s.remove_prefix(2);
  *end_boundary = false;
  bool after_separator = true;  // no separator first
  while (!s.empty()) {
    if (s == "\\b") {
      *end_boundary = true;
      break;
    }
    if (s.substr(0, kTermWordSeparator.size()) == kTermWordSeparator) {
      if (after_separator) return false;
      body->push_back('\0');
      after_separator = true;
      s.remove_prefix(kTermWordSeparator.size());
      continue;
    }
    char c = s[0];
    if (c == '\\') {
      if (s.size() < 2 || kMeta.find(s[1]) == std::string_view::npos) return false;
      c = s[1];
      s.remove_prefix(2);
    } else {
      if (!IsPlainLiteral(c)) return false;
      s.remove_prefix(1);
    }
    body->push_back(fold ? Lower(c) : c);
    after_separator = false;
  }
  // Starts with a word byte (so \b means "no word byte before"); ends with
  // a literal.
  return !body->empty() && IsWordByte((*body)[0]) && !after_separator;
}

#if defined(__SSE2__)
// Bit i set when p[i] is a word byte that does not follow one (*prev_word:
// whether the byte before p[0] is one; set to whether p[15] is).
unsigned WordStarts16(const char* p, bool* prev_word) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed compares: bytes from 0x80 are negative, never in a range below.
  const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));  // a letter's lower case
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
  const __m128i word = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(x, _mm_set1_epi8('_')));
  const unsigned w = static_cast<unsigned>(_mm_movemask_epi8(word));
  const unsigned starts = w & ~((w << 1) | (*prev_word ? 1u : 0u));
  *prev_word = (w >> 15) & 1;
  return starts & 0xFFFF;
}
#endif

}  // namespace

std::optional<LiteralAlternation> LiteralAlternation::Parse(std::string_view pattern) {
  LiteralAlternation out;
  if (pattern.substr(0, 4) == "(?i)") {
    out.fold_ = true;
    pattern.remove_prefix(4);
  }
  const bool symbols = !out.fold_ && pattern.size() > kSymbolsHead.size() + kSymbolsTail.size() &&
                       pattern.substr(0, kSymbolsHead.size()) == kSymbolsHead &&
                       pattern.substr(pattern.size() - kSymbolsTail.size()) == kSymbolsTail;
  if (symbols) {
    pattern = pattern.substr(kSymbolsHead.size(), pattern.size() - kSymbolsHead.size() - kSymbolsTail.size());
  } else if (pattern.size() < 4 || pattern.substr(0, 3) != "(?:" || pattern.back() != ')') {
    return std::nullopt;
  } else {
    pattern = pattern.substr(3, pattern.size() - 4);
  }
  // Split at unescaped '|' (an escaped byte is skipped whole).
  std::size_t from = 0;
  for (std::size_t i = 0; i <= pattern.size(); ++i) {
    if (i < pattern.size() && pattern[i] == '\\') {
      ++i;
      continue;
    }
    if (i < pattern.size() && pattern[i] != '|') continue;
    Alternative alt;
    bool end_boundary = false;
    // A symbol is read as a term's alternative under the shape's "\b";
    // literals only: no separator, no "\b" of its own.
    const std::string alternative = (symbols ? "\\b" : "") + std::string(pattern.substr(from, i - from));
    if (!ParseAlternative(alternative, out.fold_, &alt.body, &end_boundary) ||
        (symbols && (end_boundary || alt.body.find(kSeparator) != std::string::npos))) {
      return std::nullopt;
    }
    alt.end = symbols ? End::kBoundaryOrDigit : end_boundary ? End::kBoundary : End::kNone;
    for (char c : alt.body) out.folds_s_or_k_ = out.folds_s_or_k_ || c == 's' || c == 'k';
    SetHead(out.fold_, &alt);
    out.alternatives_.push_back(std::move(alt));
    from = i + 1;
  }
  out.pairs_.assign(65536 / 64, 0);
  for (const auto& a : out.alternatives_) out.AddPairs(a.body);
  for (const auto& a : out.alternatives_) {
    const char c = a.body[0];
    out.may_start_[static_cast<unsigned char>(c)] = true;
    if (out.fold_ && c >= 'a' && c <= 'z') out.may_start_[static_cast<unsigned char>(c - 'a' + 'A')] = true;
  }
  // Index by first byte, pattern order kept within each byte.
  std::array<std::uint32_t, 256> count{};
  for (const auto& a : out.alternatives_) ++count[static_cast<unsigned char>(a.body[0])];
  for (int b = 0; b < 256; ++b) out.first_[b + 1] = out.first_[b] + count[b];
  out.by_first_.resize(out.alternatives_.size());
  std::array<std::uint32_t, 256> fill{};
  for (std::uint32_t k = 0; k < out.alternatives_.size(); ++k) {
    const unsigned char b = static_cast<unsigned char>(out.alternatives_[k].body[0]);
    out.by_first_[out.first_[b] + fill[b]++] = k;
  }
  return out;
}

void LiteralAlternation::SetHead(bool fold, Alternative* alt) {
  for (std::size_t i = 0; i < 8 && i < alt->body.size() && alt->body[i] != kSeparator; ++i) {
    const char c = alt->body[i];
    const int shift = static_cast<int>(8 * i);
    alt->value |= std::uint64_t{static_cast<unsigned char>(c)} << shift;
    alt->keep |= std::uint64_t{0xFF} << shift;
    // A letter's two cases differ in bit 0x20 only, and no other byte b has
    // b | 0x20 equal to a lower-case letter.
    if (fold && c >= 'a' && c <= 'z') alt->fold |= std::uint64_t{0x20} << shift;
    alt->head = i + 1;
  }
}

void LiteralAlternation::AddPairs(const std::string& body) {
  const unsigned b1 = static_cast<unsigned char>(body[0]);
  auto set = [this, b1](unsigned b2) { pairs_[(b1 << 8 | b2) >> 6] |= std::uint64_t{1} << (b2 & 63); };
  if (body.size() == 1) {
    for (unsigned b2 = 0; b2 < 256; ++b2) set(b2);
  } else if (body[1] == kSeparator) {
    for (char c : std::string_view(" \t\n\f\r-\xE2")) set(static_cast<unsigned char>(c));
  } else {
    set(static_cast<unsigned char>(body[1]));
    if (fold_ && body[1] >= 'a' && body[1] <= 'z') set(static_cast<unsigned char>(body[1] - 'a' + 'A'));
  }
}

bool LiteralAlternation::PairPossible(std::string_view text, std::size_t s, std::size_t end) const {
  if (s + 1 >= end) return true;  // MatchAt decides
  const unsigned b1 = static_cast<unsigned char>(fold_ ? Lower(text[s]) : text[s]);
  const unsigned b2 = static_cast<unsigned char>(text[s + 1]);
  return (pairs_[(b1 << 8 | b2) >> 6] >> (b2 & 63)) & 1;
}

bool LiteralAlternation::HoldsLongSOrKelvin(std::string_view text, std::size_t start,
                                            std::size_t end) {
  if (start >= end) return false;
  // U+017F is C5 BF, U+212A is E2 84 AA: refuse a range holding a C5 or
  // E2 84 lead (a superset of both).
  const char* const first = text.data() + start;
  const std::size_t n = end - start;
  if (std::memchr(first, '\xC5', n) != nullptr) return true;
  for (const char* p = first; (p = static_cast<const char*>(std::memchr(p, '\xE2', first + n - p))) != nullptr;) {
    if (++p < first + n && *p == '\x84') return true;
  }
  return false;
}

bool LiteralAlternation::MatchAt(const Alternative& alt, std::string_view text, std::size_t start,
                                 std::size_t end, std::size_t* match_end) const {
  std::size_t i = start;
  for (char want : alt.body) {
    if (want == kSeparator) {
      const std::size_t run_start = i;
      while (i < end) {
        const std::size_t n = SeparatorAt(text, i, end);
        if (n == 0) break;
        i += n;
      }
      if (i == run_start) return false;
      continue;
    }
    if (i >= end) return false;
    const char got = fold_ ? Lower(text[i]) : text[i];
    if (got != want) return false;
    ++i;
  }
  if (alt.end != End::kNone && !BoundaryAt(text, i)) {
    // "(?:\b|[0-9])": RE2 tries the boundary first, then one digit.
    if (alt.end == End::kBoundary || i >= end || text[i] < '0' || text[i] > '9') return false;
    ++i;
  }
  *match_end = i;
  return true;
}

bool LiteralAlternation::MatchFrom(std::string_view text, std::size_t s, std::size_t end,
                                   std::size_t* match_end) const {
  const unsigned char b = static_cast<unsigned char>(fold_ ? Lower(text[s]) : text[s]);
  if (first_[b] == first_[b + 1] || !PairPossible(text, s, end)) return false;
  std::uint64_t head = 0;
  const bool whole_head = std::endian::native == std::endian::little && s + 8 <= end;
  if (whole_head) std::memcpy(&head, text.data() + s, 8);  // byte i of the text is bits 8i.. (SetHead)
  for (std::uint32_t k = first_[b]; k < first_[b + 1]; ++k) {
    const Alternative& alt = alternatives_[by_first_[k]];
    if (whole_head && ((head | alt.fold) & alt.keep) != alt.value) continue;
    if (MatchAt(alt, text, s, end, match_end)) return true;
  }
  return false;
}

bool LiteralAlternation::Find(std::string_view text, std::size_t pos, std::size_t end, std::size_t max_start,
                              std::size_t* match_start, std::size_t* match_end) const {
  // Every alternative starts with \b and a word byte: only word starts are tried.
  bool prev_word = pos > 0 && IsWordByte(text[pos - 1]);
  const std::size_t last = max_start < end ? max_start + 1 : end;
  std::size_t s = pos;
#if defined(__SSE2__)
  for (; s + 16 <= last; s += 16) {
    unsigned starts = WordStarts16(text.data() + s, &prev_word);
    for (; starts != 0; starts &= starts - 1) {
      const std::size_t at = s + static_cast<std::size_t>(__builtin_ctz(starts));
      if (!may_start_[static_cast<unsigned char>(text[at])]) continue;
      if (MatchFrom(text, at, end, match_end)) {
        *match_start = at;
        return true;
      }
    }
  }
#endif
  for (; s < last; ++s) {
    const bool word = IsWordByte(text[s]);
    const bool start = word && !prev_word;
    prev_word = word;
    if (start && MatchFrom(text, s, end, match_end)) {
      *match_start = s;
      return true;
    }
  }
  return false;
}

}  // namespace ecwatch::rules_internal
