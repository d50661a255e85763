// ValueIsWholeMatch: a load-time proof that a pattern's `value` capture is
// always its whole match.
//
// Internal to rules/. Most pattern rules wrap all they match in
// (?P<value>...) between word boundaries ('\b(?P<value>...)\b'); the value
// of a hit is then its span, and the second RE2 pass that reads captures
// (the slow, anchored one) is not needed. Proved from the pattern text:
// only empty-width items ((?i)-style flags, \b, ^, $, \A, \z) outside one
// (?P<value>...) group, and no other capture inside it. Anything else, or
// any syntax the reader does not fully know, gives false. Pure function.
#ifndef ECWATCH_RULES_VALUE_SPAN_H_
#define ECWATCH_RULES_VALUE_SPAN_H_

#include <string_view>

namespace ecwatch::rules_internal {

bool ValueIsWholeMatch(std::string_view pattern);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_VALUE_SPAN_H_
