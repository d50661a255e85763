// ValueIsWholeMatch: reads a pattern's outer shape around (?P<value>...).
// Tested by value_span_test.cc (cases, and against RE2's captures).
#include "rules/value_span.h"

#include <cstddef>
#include <string>

#include <re2/re2.h>

namespace ecwatch::rules_internal {
namespace {

constexpr std::string_view kValueOpen = "(?P<value>";

// Skips empty-width items at p[*i]: flag groups such as (?i), \b, ^, $,
// \A, \z.
void SkipEmptyWidth(std::string_view p, std::size_t* i) {
  for (;;) {
    if (p.substr(*i, 2) == "\\b" || p.substr(*i, 2) == "\\A" || p.substr(*i, 2) == "\\z") {
      *i += 2;
    } else if (*i < p.size() && (p[*i] == '^' || p[*i] == '$')) {
      ++*i;
    } else if (p.substr(*i, 2) == "(?" && p.substr(*i, kValueOpen.size()) != kValueOpen) {
      std::size_t j = *i + 2;
      while (j < p.size() && (p[j] == 'i' || p[j] == 'm' || p[j] == 's' || p[j] == 'U' || p[j] == '-')) ++j;
      if (j == *i + 2 || j >= p.size() || p[j] != ')') return;  // not a flag group
      *i = j + 1;
    } else {
      return;
    }
  }
}

// The offset of the ')' closing the group whose body starts at p[i], or
// npos when the reader meets syntax it does not know (\Q, POSIX classes)
// or the group does not close.
std::size_t GroupEnd(std::string_view p, std::size_t i) {
  int depth = 1;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size() || p[i + 1] == 'Q') return std::string_view::npos;
      i += 2;
    } else if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;  // a literal ']' first
      while (i < p.size() && p[i] != ']') {
        if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') return std::string_view::npos;
        i += p[i] == '\\' ? 2 : 1;
      }
      if (i >= p.size()) return std::string_view::npos;
      ++i;
    } else if (c == '(') {
      ++depth;
      ++i;
    } else if (c == ')') {
      if (--depth == 0) return i;
      ++i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool ValueIsWholeMatch(std::string_view pattern) {
  std::size_t i = 0;
  SkipEmptyWidth(pattern, &i);
  if (pattern.substr(i, kValueOpen.size()) != kValueOpen) return false;
  const std::size_t body = i + kValueOpen.size();
  const std::size_t close = GroupEnd(pattern, body);
  if (close == std::string_view::npos) return false;
  std::size_t after = close + 1;
  SkipEmptyWidth(pattern, &after);
  if (after != pattern.size()) return false;
  // The body alone must be a valid pattern without captures: a misread
  // group end leaves it unbalanced, and RE2 then refuses it.
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 whole(pattern, options);
  const RE2 inner(pattern.substr(body, close - body), options);
  return whole.ok() && inner.ok() && whole.NumberOfCapturingGroups() == 1 && inner.NumberOfCapturingGroups() == 0;
}

}  // namespace ecwatch::rules_internal
