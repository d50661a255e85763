// Number, duration and date normalisers (English and Chinese).
// Tested by normalize_test.cc.
#include "rules/normalize.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <vector>

#include "base/clock.h"

namespace ecwatch {
namespace {

struct Word {
  const char* text;
  int64_t value;
};

constexpr Word kUnits[] = {
    {"a", 1},         {"an", 1},        {"one", 1},        {"two", 2},       {"three", 3},
    {"four", 4},      {"five", 5},      {"six", 6},        {"seven", 7},     {"eight", 8},
    {"nine", 9},      {"ten", 10},      {"eleven", 11},    {"twelve", 12},   {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},    {"forty", 40},    {"fifty", 50},
    {"sixty", 60},    {"seventy", 70},  {"eighty", 80},    {"ninety", 90},   {"hundred", 100},
    {"half", 0},
};

constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};

// Splits into lower-case ASCII words and digit runs (commas inside digits
// dropped) and keeps CJK bytes as they are.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool digit_comma = c == ',' && !cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back())) &&
                       i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (digit_comma) continue;
    if (std::isalnum(c) || c >= 0x80) {
      if (!cur.empty() && (std::isdigit(c) != 0) != (std::isdigit(static_cast<unsigned char>(cur.back())) != 0)) {
        flush();
      }
      cur += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::optional<int64_t> EnglishWordNumber(const std::string& w) {
  for (const auto& u : kUnits) {
    if (w == u.text) return u.value;
  }
  return std::nullopt;
}

// 一 二 两 三 ... 十 百 in UTF-8, each three bytes.
std::optional<int64_t> ChineseNumber(std::string_view s) {
  static const std::pair<const char*, int> kDigits[] = {
      {"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3}, {"四", 4},
      {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}};
  int64_t total = 0, digit = -1;
  bool any = false;
  for (size_t i = 0; i + 3 <= s.size(); i += 3) {
    std::string_view ch = s.substr(i, 3);
    bool found = false;
    for (const auto& [t, v] : kDigits) {
      if (ch == t) {
        digit = v;
        found = any = true;
      }
    }
    if (found) continue;
    if (ch == "十" || ch == "百") {
      int64_t mult = ch == "十" ? 10 : 100;
      total += (digit < 0 ? 1 : digit) * mult;
      digit = -1;
      any = true;
      continue;
    }
    return std::nullopt;
  }
  if (!any || s.size() % 3 != 0) return std::nullopt;
  return total + (digit < 0 ? 0 : digit);
}

int MonthIndex(const std::string& w) {
  if (w.size() < 3) return -1;
  for (int m = 0; m < 12; ++m) {
    if (w.compare(0, 3, kMonths[m]) == 0) return m + 1;
  }
  return -1;
}

bool IsDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> UnitDays(const std::string& w) {
  if (w.rfind("day", 0) == 0 || w == "天" || w == "日") return 1;
  if (w.rfind("week", 0) == 0 || w == "周") return 7;
  if (w.rfind("month", 0) == 0 || w == "月" || w == "个月") return -30;  // months: special
  if (w.rfind("year", 0) == 0 || w == "年") return 365;
  return std::nullopt;
}

int DaysOf(int64_t n, int unit, bool half) {
  double count = static_cast<double>(n) + (half ? 0.5 : 0.0);
  if (unit == -30) return static_cast<int>(std::lround(count * 365.0 / 12.0));
  return static_cast<int>(std::lround(count * unit));
}

// "<number> <unit>" in English tokens.
std::optional<int> EnglishSpan(const std::vector<std::string>& toks) {
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    std::optional<int64_t> n = IsDigits(toks[i]) ? std::optional<int64_t>(std::stoll(toks[i].substr(0, 9)))
                                                  : EnglishWordNumber(toks[i]);
    if (!n) continue;
    size_t j = i + 1;
    // "twenty five", "one and a half"
    if (j < toks.size()) {
      if (auto more = EnglishWordNumber(toks[j]); more && *n >= 20 && *more < 10 && *more > 0) {
        *n += *more;
        ++j;
      }
    }
    bool half = false;
    if (j + 2 < toks.size() && toks[j] == "and" && toks[j + 1] == "a" && toks[j + 2] == "half") {
      half = true;
      j += 3;
    }
    if (j < toks.size()) {
      if (auto unit = UnitDays(toks[j])) return DaysOf(*n, *unit, half);
    }
  }
  return std::nullopt;
}

// "一年", "六个月", "90天", "两年" in the raw UTF-8.
std::optional<int> ChineseSpan(std::string_view s) {
  static const std::pair<const char*, int> kUnitsZh[] = {
      {"个月", -30}, {"年", 365}, {"天", 1}, {"日", 1}, {"周", 7}, {"月", -30}};
  for (const auto& [u, days] : kUnitsZh) {
    size_t pos = s.find(u);
    if (pos == std::string_view::npos || pos == 0) continue;
    size_t start = pos;
    while (start > 0) {
      unsigned char c = static_cast<unsigned char>(s[start - 1]);
      if (c >= '0' && c <= '9') {
        --start;
        continue;
      }
      if (start >= 3 && ChineseNumber(s.substr(start - 3, 3))) {
        start -= 3;
        continue;
      }
      if (start >= 3 && (s.substr(start - 3, 3) == "十" || s.substr(start - 3, 3) == "百")) {
        start -= 3;
        continue;
      }
      break;
    }
    std::string_view num = s.substr(start, pos - start);
    if (num.empty()) continue;
    std::optional<int64_t> n = ParseNumber(num);
    if (n) return DaysOf(*n, days, false);
  }
  return std::nullopt;
}

bool StartsWithWord(const std::vector<std::string>& toks, std::initializer_list<const char*> words) {
  if (toks.empty()) return false;
  for (const char* w : words) {
    if (toks[0] == w) return true;
  }
  return false;
}

}  // namespace

std::optional<int64_t> ParseNumber(std::string_view text) {
  std::vector<std::string> toks = Tokens(text);
  if (toks.empty()) return std::nullopt;
  if (toks.size() == 1 && IsDigits(toks[0]) && toks[0].size() <= 15) return std::stoll(toks[0]);
  if (auto zh = ChineseNumber(text)) return zh;
  int64_t total = 0;
  for (const auto& t : toks) {
    auto n = EnglishWordNumber(t);
    if (!n) return std::nullopt;
    total += *n;
  }
  return total;
}

namespace {

// "YYYY-MM-DD" as printf's "%04d-%02d-%02d" writes it (month and day are
// 1..31 here), without printf for the usual four-digit year.
std::string IsoDate(int year, int month, int day) {
  if (year < 0 || year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  std::string out = "0000-00-00";
  for (int i = 3, y = year; i >= 0; --i, y /= 10) out[i] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view phrase, std::string_view published) {
  std::vector<std::string> toks = Tokens(phrase);
  int year = -1, month = -1, day = -1;
  // ISO or Chinese: 2026 11 10 (digits in order), or with 年/月/日 split away.
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string& t = toks[i];
    if (IsDigits(t) && t.size() == 4) {
      year = std::stoi(t);
    } else if (int m = MonthIndex(t); m > 0 && !IsDigits(t)) {
      month = m;
    } else if (IsDigits(t) && t.size() <= 2) {
      int v = std::stoi(t);
      if (year > 0 && month < 0 && v >= 1 && v <= 12) {
        month = v;  // 2026-11-10
      } else if (day < 0 && v >= 1 && v <= 31) {
        day = v;
      }
    }
  }
  if (month < 0 || day < 0) return std::nullopt;
  if (year < 0) {  // the publication date is read only when needed
    int64_t pub_days = 0;
    if (!ParseIsoDate(std::string(published), &pub_days)) return std::nullopt;
    int py = std::stoi(std::string(published.substr(0, 4)));
    year = py;
    if (DaysFromCivil(year, month, day) < pub_days - 31) ++year;
  }
  return IsoDate(year, month, day);
}

std::optional<int> DurationDays(std::string_view phrase, std::string_view published) {
  std::vector<std::string> toks = Tokens(phrase);
  if (StartsWithWord(toks, {"until", "till", "through", "to", "before"}) ||
      phrase.find("至") != std::string_view::npos || phrase.find("截至") != std::string_view::npos) {
    int64_t pub = 0;
    auto date = NormalizeDate(phrase, published);
    if (!date || !ParseIsoDate(std::string(published), &pub)) return std::nullopt;
    int64_t end = 0;
    ParseIsoDate(*date, &end);
    if (end <= pub) return std::nullopt;
    return static_cast<int>(end - pub);
  }
  if (auto d = EnglishSpan(toks)) return d;
  if (auto d = ChineseSpan(phrase)) return d;
  // "a year", "annual" forms without a number word are handled by EnglishSpan
  // ("a" is one); a bare unit ("for months") has no length.
  return std::nullopt;
}

}  // namespace ecwatch
