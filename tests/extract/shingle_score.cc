// Shingle scorer for extraction_quality_test.cc.
#include "tests/extract/shingle_score.h"

#include <map>

namespace ecwatch::scoring {
namespace {

// Decodes one code point at s[*i] (invalid bytes decode as U+FFFD).
char32_t Next(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (*i + len > s.size() || (len == 1 && c >= 0x80)) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

bool IsWord(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  if (c <= 0xBF) {
    return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
           (c >= 0xBC && c <= 0xBE);
  }
  if (c == 0xD7 || c == 0xF7) return false;
  struct Range {
    char32_t lo, hi;
  };
  static constexpr Range kNonWord[] = {
      {0x02C2, 0x02C5}, {0x0300, 0x036F}, {0x2000, 0x206F}, {0x20A0, 0x20FF}, {0x2190, 0x245F},
      {0x2500, 0x2775}, {0x2794, 0x2BFF}, {0x2E00, 0x2E7F}, {0x3000, 0x3004}, {0x3008, 0x3020},
      {0x3030, 0x3030}, {0xFE00, 0xFE0F}, {0xFE30, 0xFE4F}, {0xFF00, 0xFF0F}, {0xFF1A, 0xFF20},
      {0xFF3B, 0xFF3E}, {0xFF40, 0xFF40}, {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF}};
  for (const Range& r : kNonWord) {
    if (c >= r.lo && c <= r.hi) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> Tokens(std::string_view utf8) {
  std::vector<std::string> tokens;
  std::string current;
  for (size_t i = 0; i < utf8.size();) {
    size_t start = i;
    char32_t c = Next(utf8, &i);
    if (IsWord(c)) {
      current.append(utf8.substr(start, i - start));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

namespace {

std::map<std::vector<std::string>, int> Shingles(const std::vector<std::string>& tokens, size_t n) {
  std::map<std::vector<std::string>, int> out;
  if (tokens.empty()) return out;
  if (tokens.size() < n) {
    out[tokens] = 1;
    return out;
  }
  for (size_t i = 0; i + n <= tokens.size(); ++i) {
    ++out[std::vector<std::string>(tokens.begin() + i, tokens.begin() + i + n)];
  }
  return out;
}

}  // namespace

CaseCounts Match(const std::vector<std::string>& expected, const std::vector<std::string>& predicted,
                 size_t n) {
  auto e = Shingles(expected, n), p = Shingles(predicted, n);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [key, ec] : e) {
    auto it = p.find(key);
    int pc = it == p.end() ? 0 : it->second;
    tp += std::min(ec, pc);
    if (ec > pc) fn += ec - pc;
  }
  for (const auto& [key, pc] : p) {
    auto it = e.find(key);
    int ec = it == e.end() ? 0 : it->second;
    if (pc > ec) fp += pc - ec;
  }
  double total = tp + fp + fn;
  if (total == 0) return {};
  return {tp / total, fp / total, fn / total};
}

Summary Aggregate(const std::vector<CaseCounts>& cases) {
  double p_sum = 0, r_sum = 0;
  int p_n = 0, r_n = 0;
  for (const CaseCounts& c : cases) {
    bool perfect = c.fp == 0 && c.fn == 0;
    if (c.tp + c.fp > 0) p_sum += perfect ? 1.0 : c.tp / (c.tp + c.fp), ++p_n;
    if (c.tp + c.fn > 0) r_sum += perfect ? 1.0 : c.tp / (c.tp + c.fn), ++r_n;
  }
  Summary s;
  s.precision = p_n ? p_sum / p_n : 0;
  s.recall = r_n ? r_sum / r_n : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace ecwatch::scoring
