// Date recognition for metadata. Tested by date_test.cc.
#include "extract/date.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace ecwatch {
namespace {

constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at s[*pos].
bool ReadDigits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[*pos + i])) return false;
    v = v * 10 + (s[*pos + i] - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

// Reads 1 or 2 digits.
bool ReadSmall(std::string_view s, size_t* pos, int* out) {
  if (ReadDigits(s, pos, 2, out)) return true;
  return ReadDigits(s, pos, 1, out);
}

bool ValidDate(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] &&
         !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

std::string FormatDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

int MonthFromName(std::string_view word) {
  if (word.size() < 3) return 0;
  std::string lower;
  for (char c : word.substr(0, 3)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i) {
    if (lower == kMonths[i]) return i + 1;
  }
  return 0;
}

// "HH:MM[:SS][.fff][Z|+HH:MM|+HHMM| GMT]" at s[pos]; appends "THH:MM:SS..." to out.
bool ReadTime(std::string_view s, size_t pos, std::string* out) {
  int h, mi, sec = 0;
  if (!ReadSmall(s, &pos, &h) || pos >= s.size() || s[pos] != ':' ) return false;
  ++pos;
  if (!ReadDigits(s, &pos, 2, &mi)) return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadDigits(s, &pos, 2, &sec)) return false;
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "T%02d:%02d:%02d", h, mi, sec);
  *out += buf;
  if (pos >= s.size()) return true;
  if (s[pos] == 'Z' || s.substr(pos, 3) == "GMT" || s.substr(pos, 3) == "UTC") {
    *out += 'Z';
  } else if (s[pos] == '+' || s[pos] == '-') {
    char sign = s[pos++];
    int oh, om = 0;
    if (!ReadDigits(s, &pos, 2, &oh)) return true;
    if (pos < s.size() && s[pos] == ':') ++pos;
    ReadDigits(s, &pos, 2, &om);
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d", sign, oh, om);
    *out += buf;
  }
  return true;
}

// Numeric: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, CJK YYYY年M月D日.
std::string NumericDate(std::string_view s) {
  size_t pos = 0;
  int y, m, d;
  if (!ReadDigits(s, &pos, 4, &y)) return "";
  if (pos < s.size() && IsDigit(s[pos])) {  // YYYYMMDD
    if (!ReadDigits(s, &pos, 2, &m) || !ReadDigits(s, &pos, 2, &d)) return "";
  } else {
    auto sep = [&]() {
      if (pos < s.size() && (s[pos] == '-' || s[pos] == '/' || s[pos] == '.')) return ++pos, true;
      for (std::string_view cjk : {"\xE5\xB9\xB4", "\xE6\x9C\x88"}) {  // 年 月
        if (s.substr(pos, 3) == cjk) return pos += 3, true;
      }
      return false;
    };
    if (!sep() || !ReadSmall(s, &pos, &m) || !sep() || !ReadSmall(s, &pos, &d)) return "";
    if (s.substr(pos, 3) == "\xE6\x97\xA5") pos += 3;  // 日
  }
  if (!ValidDate(y, m, d)) return "";
  std::string out = FormatDate(y, m, d);
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    size_t t = pos + 1;
    while (t < s.size() && s[t] == ' ') ++t;
    ReadTime(s, t, &out);
  }
  return out;
}

// Textual: "[Fri, ]07 Nov 2025[ 10:00:00 GMT]", "November 7, 2025".
std::string TextualDate(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size() && words.size() < 8) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  for (size_t w = 0; w + 2 < words.size() + 0 && w < 3; ++w) {
    int month = MonthFromName(words[w + 1]), day, year;
    size_t p = 0, q = 0;
    std::string_view dw = words[w], yw = words[w + 2];
    while (!dw.empty() && !IsDigit(dw.back())) dw.remove_suffix(1);  // "7th"
    if (month && ReadSmall(dw, &p, &day) && p == dw.size() && ReadDigits(yw, &q, 4, &year)) {
      if (ValidDate(year, month, day)) return FormatDate(year, month, day);
    }
    month = MonthFromName(words[w]);
    std::string_view dw2 = words[w + 1];
    while (!dw2.empty() && !IsDigit(dw2.back())) dw2.remove_suffix(1);
    p = 0, q = 0;
    if (month && ReadSmall(dw2, &p, &day) && p == dw2.size() && ReadDigits(yw, &q, 4, &year)) {
      if (ValidDate(year, month, day)) return FormatDate(year, month, day);
    }
  }
  return "";
}

}  // namespace

std::string NormalizeDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty() || text.size() > 100) return "";
  std::string numeric = NumericDate(text);
  if (!numeric.empty()) return numeric;
  std::string textual = TextualDate(text);
  if (textual.empty()) return "";
  // RFC 822 keeps the time after the year: "07 Nov 2025 10:00:00 GMT".
  size_t colon = text.find(':');
  if (colon != std::string_view::npos && colon >= 2) {
    size_t start = colon - (IsDigit(text[colon - 2]) ? 2 : 1);
    std::string with_time = textual;
    if (ReadTime(text, start, &with_time)) return with_time;
  }
  return textual;
}

std::string DateFromUrl(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return "";
  for (size_t i = start; i + 9 < url.size(); ++i) {
    if (url[i] != '/' || !IsDigit(url[i + 1])) continue;
    std::string_view rest = url.substr(i + 1);
    size_t pos = 0;
    int y, m, d;
    if (!ReadDigits(rest, &pos, 4, &y) || y < 1990 || y > 2100) continue;
    char sep = pos < rest.size() ? rest[pos] : 0;
    if (sep == '/' || sep == '-' || sep == '_') {
      ++pos;
      if (!ReadDigits(rest, &pos, 2, &m) || pos >= rest.size() || rest[pos] != sep) continue;
      ++pos;
      if (!ReadDigits(rest, &pos, 2, &d)) continue;
    } else if (!ReadDigits(rest, &pos, 2, &m) || !ReadDigits(rest, &pos, 2, &d)) {
      continue;
    }
    if (pos < rest.size() && IsDigit(rest[pos])) continue;
    if (ValidDate(y, m, d)) return FormatDate(y, m, d);
  }
  return "";
}

}  // namespace ecwatch
