// DigitRunInEveryMatch: a conservative reader of RE2 syntax for one property.
// Tested by digit_proof_test.cc (cases, and against RE2 on digit-free text).
#include "rules/digit_proof.h"

#include <algorithm>
#include <cstddef>

namespace ecwatch::rules_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// What every match of a piece of pattern holds: all >= 0 when every match
// is digits only, at least all of them (-1 otherwise); run, a run of at
// least that many digits somewhere in it.
struct Digits {
  int all = -1;
  int run = 0;
};
constexpr int kMaxCount = 1000;  // counts saturate here
constexpr Digits kNone{-1, 0};   // a non-digit, or unknown
constexpr Digits kEmpty{0, 0};   // matches only the empty string (\b, ^, flags)
constexpr Digits kDigit{1, 1};

int Saturate(long long n) { return n > kMaxCount ? kMaxCount : static_cast<int>(n); }
bool IsAsciiAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// An escape (the byte after a backslash) that stands for no digit: a class without
// digits or with more than digits (\D \w \W \s \S \C), a control
// character, or an escaped punctuation byte.
bool IsNonDigitEscape(char c) {
  static constexpr std::string_view kLetters = "DwWsSCntrfva";
  return kLetters.find(c) != std::string_view::npos || (!IsAsciiAlnum(c) && static_cast<unsigned char>(c) < 0x80);
}

// Reads a pattern once, left to right. Each reading function returns what
// every match of what it read holds (Digits); on anything it does not know,
// it clears known_ and the proof fails.
class Reader {
 public:
  explicit Reader(std::string_view p) : p_(p) {}

  std::size_t Prove() {
    const Digits d = Alternation();
    return known_ && i_ == p_.size() ? static_cast<std::size_t>(d.run) : 0;
  }

 private:
  static constexpr int kMaxDepth = 100;  // nested groups read before giving up

  bool AtEnd() const { return i_ >= p_.size(); }
  char Peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }
  void GiveUp() {
    known_ = false;
    i_ = p_.size();
  }
  Digits Fail() {
    GiveUp();
    return kNone;
  }

  // Branches separated by '|': what each of them holds.
  Digits Alternation() {
    Digits d = Concatenation();
    while (known_ && Peek() == '|' && !AtEnd()) {
      ++i_;
      const Digits branch = Concatenation();
      d.all = d.all >= 0 && branch.all >= 0 ? std::min(d.all, branch.all) : -1;
      d.run = std::min(d.run, branch.run);
    }
    return d;
  }

  // Items up to '|', ')' or the end: what one of them holds, or what
  // neighbouring items of digits only hold together (empty-width items
  // between them add nothing to the text).
  Digits Concatenation() {
    Digits d = kEmpty;
    int streak = 0;  // digits of the items of digits only just read
    while (known_ && !AtEnd() && Peek() != '|' && Peek() != ')') {
      const Digits item = Item();
      streak = item.all >= 0 ? Saturate(static_cast<long long>(streak) + item.all) : 0;
      d.run = std::max({d.run, item.run, streak});
      d.all = d.all >= 0 && item.all >= 0 ? Saturate(static_cast<long long>(d.all) + item.all) : -1;
    }
    return d;
  }

  // An atom and its repetition operators: n repeats of digits only are n
  // times as many digits; none (n = 0) may be the empty string.
  Digits Item() {
    Digits d = Atom();
    while (known_ && !AtEnd()) {
      const char c = Peek();
      std::size_t min = 0;
      if (c == '*' || c == '?') {
        ++i_;
      } else if (c == '+') {
        ++i_;
        min = 1;
      } else if (c == '{' && Repeat(&min)) {
        // read by Repeat
      } else {
        break;
      }
      if (min == 0) {
        d = d.all >= 0 ? kEmpty : Digits{-1, 0};
      } else if (d.all >= 0) {
        d.all = Saturate(static_cast<long long>(d.all) * static_cast<long long>(min));
        d.run = d.all;
      }
      if (Peek() == '?') ++i_;  // non-greedy: the same strings
    }
    return d;
  }

  // {n}, {n,} or {n,m} at i_: reads it and sets *min, or returns false and
  // reads nothing (RE2 then takes '{' as a literal).
  bool Repeat(std::size_t* min) {
    std::size_t j = i_ + 1, n = 0, digits = 0;
    while (j < p_.size() && IsDigit(p_[j]) && digits < 6) n = n * 10 + static_cast<std::size_t>(p_[j++] - '0'), ++digits;
    if (digits == 0 || j >= p_.size()) return false;
    if (p_[j] == ',') {
      ++j;
      while (j < p_.size() && IsDigit(p_[j])) ++j;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    *min = n;
    return true;
  }

  Digits Atom() {
    const char c = Peek();
    switch (c) {
      case '(':
        return Group();
      case '[':
        return Class();
      case '\\':
        return Escape();
      case '*':
      case '+':
      case '?':
        return Fail();  // a repetition without an atom: not a valid pattern
      case '^':
      case '$':
        ++i_;
        return kEmpty;
      default:
        ++i_;  // '.', '{' as a literal, or any byte of a literal
        return IsDigit(c) ? kDigit : kNone;
    }
  }

  Digits Group() {
    if (++depth_ > kMaxDepth) return Fail();
    ++i_;  // '('
    if (Peek() == '?') {
      ++i_;
      if (Peek() == 'P' && Peek(1) == '<') {
        while (!AtEnd() && Peek() != '>') ++i_;
        if (AtEnd()) return Fail();
        ++i_;
      } else {
        while (!AtEnd() && (Peek() == 'i' || Peek() == 'm' || Peek() == 's' || Peek() == 'U' || Peek() == '-')) ++i_;
        if (Peek() == ')') {  // flags for the rest: matches the empty string
          ++i_;
          --depth_;
          return kEmpty;
        }
        if (Peek() != ':') return Fail();
        ++i_;
      }
    }
    const Digits d = Alternation();
    if (!known_ || Peek() != ')' || AtEnd()) return Fail();
    ++i_;
    --depth_;
    return d;
  }

  // \d is a digit; \b, \B, \A, \z are empty; other known escapes are a
  // non-digit character or class.
  Digits Escape() {
    ++i_;  // '\'
    if (AtEnd()) return Fail();
    const char c = p_[i_++];
    if (c == 'd') return kDigit;
    if (c == 'b' || c == 'B' || c == 'A' || c == 'z') return kEmpty;
    if (c == 'p' || c == 'P') return SkipUnicodeClass() ? kNone : Fail();
    if (c == 'x') return SkipHex() ? kNone : Fail();
    if (IsNonDigitEscape(c)) return kNone;
    return Fail();  // \Q...\E, octal, back references, or unknown
  }

  // Skip the name of \p or \P (a letter or {Name}), the digits of \x (two
  // or {hex}); false (and the proof fails) when they do not end.
  bool SkipUnicodeClass() { return Peek() == '{' ? SkipBraced() : SkipBytes(1); }
  bool SkipHex() { return Peek() == '{' ? SkipBraced() : SkipBytes(2); }

  bool SkipBraced() {
    while (!AtEnd() && Peek() != '}') ++i_;
    return SkipBytes(1);
  }

  bool SkipBytes(std::size_t n) {
    if (i_ + n > p_.size()) {
      GiveUp();
      return false;
    }
    i_ += n;
    return true;
  }

  // A class is a digit when it is not negated and every member is one:
  // digits, ranges of digits, \d.
  Digits Class() {
    ++i_;  // '['
    bool negated = false;
    if (Peek() == '^') {
      negated = true;
      ++i_;
    }
    bool digits_only = true, empty = true;
    if (Peek() == ']') {  // a literal ']' first
      digits_only = false;
      empty = false;
      ++i_;
    }
    while (known_ && !AtEnd() && Peek() != ']') {
      empty = false;
      if (!ClassMember()) digits_only = false;
    }
    if (!known_ || AtEnd()) return Fail();
    ++i_;  // ']'
    return !negated && !empty && digits_only ? kDigit : kNone;
  }

  // One member of a class (a byte, an escape, or a range); true when all
  // it stands for are digits.
  bool ClassMember() {
    if (Peek() == '[' && Peek(1) == ':') {  // POSIX classes
      GiveUp();
      return false;
    }
    char lo = 0;
    bool literal = false;
    bool digits = ClassAtom(&lo, &literal);
    if (known_ && Peek() == '-' && Peek(1) != ']' && i_ + 1 < p_.size()) {
      ++i_;  // a range lo-hi
      char hi = 0;
      bool hi_literal = false;
      ClassAtom(&hi, &hi_literal);
      digits = literal && hi_literal && IsDigit(lo) && IsDigit(hi);
    }
    return digits;
  }

  // A class atom: sets *c and *literal for a plain byte; true for \d.
  bool ClassAtom(char* c, bool* literal) {
    *literal = false;
    if (Peek() != '\\') {
      *c = p_[i_++];
      *literal = true;
      return IsDigit(*c);
    }
    ++i_;
    if (AtEnd()) {
      GiveUp();
      return false;
    }
    const char e = p_[i_++];
    if (e == 'd') return true;
    if (e == 'p' || e == 'P') {
      SkipUnicodeClass();
      return false;
    }
    if (e == 'x') {
      SkipHex();
      return false;
    }
    if (!IsNonDigitEscape(e)) GiveUp();
    return false;
  }

  std::string_view p_;
  std::size_t i_ = 0;
  bool known_ = true;
  int depth_ = 0;
};

}  // namespace

std::size_t DigitRunInEveryMatch(std::string_view pattern) { return Reader(pattern).Prove(); }

}  // namespace ecwatch::rules_internal
