// Pattern: one compiled RE2 regular expression, for modules that must not
// include RE2 (app/ filters page links with `follow = '/news/\d{4}/'`).
//
// Immutable after Compile(); safe for concurrent use. Not copyable.
#ifndef ECWATCH_RULES_PATTERN_H_
#define ECWATCH_RULES_PATTERN_H_

#include <memory>
#include <string_view>

#include "base/status.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ecwatch {

class Pattern {
 public:
  // Compiles re (RE2 syntax, case-sensitive, UTF-8). InvalidArgument with
  // RE2's message when it does not compile; TooLarge when longer than
  // limits::kMaxPatternBytes.
  static Result<std::unique_ptr<Pattern>> Compile(std::string_view re);

  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  // True when re matches somewhere in text (unanchored).
  bool PartialMatch(std::string_view text) const;

 private:
  explicit Pattern(std::unique_ptr<re2::RE2> re);
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace ecwatch

#endif  // ECWATCH_RULES_PATTERN_H_
