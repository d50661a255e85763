// EveryMatchHasDigit: a conservative reader of RE2 syntax for one property.
// Tested by digit_proof_test.cc (cases, and against RE2 on digit-free text).
#include "rules/digit_proof.h"

#include <cstddef>

namespace ecwatch::rules_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads a pattern once, left to right. Each reading function returns
// whether every match of what it read holds a digit; on anything it does
// not know, it clears known_ and the proof fails.
class Reader {
 public:
  explicit Reader(std::string_view p) : p_(p) {}

  bool Prove() {
    const bool must = Alternation();
    return known_ && i_ == p_.size() && must;
  }

 private:
  static constexpr int kMaxDepth = 100;  // nested groups read before giving up

  bool AtEnd() const { return i_ >= p_.size(); }
  char Peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0'; }
  bool Fail() {
    known_ = false;
    i_ = p_.size();
    return false;
  }

  // Branches separated by '|': each must hold a digit.
  bool Alternation() {
    bool must = Concatenation();
    while (known_ && Peek() == '|' && !AtEnd()) {
      ++i_;
      const bool branch = Concatenation();
      must = must && branch;
    }
    return must;
  }

  // Items up to '|', ')' or the end: one of them must hold a digit.
  bool Concatenation() {
    bool must = false;
    while (known_ && !AtEnd() && Peek() != '|' && Peek() != ')') {
      const bool item = Item();
      must = must || item;
    }
    return must;
  }

  // An atom and its repetition operators: it holds a digit when the atom
  // does and every operator repeats it at least once.
  bool Item() {
    bool must = Atom();
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
      must = must && min > 0;
      if (Peek() == '?') ++i_;  // non-greedy: the same strings
    }
    return must;
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

  bool Atom() {
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
      default:
        ++i_;  // '.', '^', '$', '{' as a literal, or any byte of a literal
        return IsDigit(c);
    }
  }

  bool Group() {
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
          return false;
        }
        if (Peek() != ':') return Fail();
        ++i_;
      }
    }
    const bool must = Alternation();
    if (!known_ || Peek() != ')' || AtEnd()) return Fail();
    ++i_;
    --depth_;
    return must;
  }

  // \d holds a digit; other known escapes are a non-digit character, a
  // non-digit class or an empty-width assertion.
  bool Escape() {
    ++i_;  // '\'
    if (AtEnd()) return Fail();
    const char c = p_[i_++];
    if (c == 'd') return true;
    if (c == 'p' || c == 'P') return SkipUnicodeClass();
    if (c == 'x') return SkipHex();
    if (c == 'D' || c == 'w' || c == 'W' || c == 's' || c == 'S' || c == 'b' || c == 'B' || c == 'A' ||
        c == 'z' || c == 'C' || c == 'n' || c == 't' || c == 'r' || c == 'f' || c == 'v' || c == 'a') {
      return false;
    }
    if (!IsAsciiAlnum(c) && static_cast<unsigned char>(c) < 0x80) return false;  // an escaped punctuation byte
    return Fail();  // \Q...\E, octal, back references, or unknown
  }

  bool SkipUnicodeClass() {
    if (Peek() == '{') {
      while (!AtEnd() && Peek() != '}') ++i_;
      if (AtEnd()) return Fail();
    }
    if (AtEnd()) return Fail();
    ++i_;
    return false;
  }

  bool SkipHex() {
    if (Peek() == '{') {
      while (!AtEnd() && Peek() != '}') ++i_;
      if (AtEnd()) return Fail();
      ++i_;
      return false;
    }
    if (i_ + 2 > p_.size()) return Fail();
    i_ += 2;
    return false;
  }

  // A class holds a digit when it is not negated and every member is one:
  // digits, ranges of digits, \d.
  bool Class() {
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
    return !negated && !empty && digits_only;
  }

  // One member of a class (a byte, an escape, or a range); true when all
  // it stands for are digits.
  bool ClassMember() {
    if (Peek() == '[' && Peek(1) == ':') return Fail();  // POSIX classes
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
    if (AtEnd()) return Fail();
    const char e = p_[i_++];
    if (e == 'd') return true;
    if (e == 'p' || e == 'P') return SkipUnicodeClass();
    if (e == 'x') return SkipHex();
    if (e == 'D' || e == 'w' || e == 'W' || e == 's' || e == 'S' || e == 'n' || e == 't' || e == 'r' ||
        e == 'f' || e == 'v' || e == 'a') {
      return false;
    }
    if (!IsAsciiAlnum(e) && static_cast<unsigned char>(e) < 0x80) return false;  // escaped punctuation
    return Fail();
  }

  std::string_view p_;
  std::size_t i_ = 0;
  bool known_ = true;
  int depth_ = 0;
};

}  // namespace

bool EveryMatchHasDigit(std::string_view pattern) { return Reader(pattern).Prove(); }

}  // namespace ecwatch::rules_internal
