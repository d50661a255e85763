// Pattern: a thin owner of one RE2 for callers outside rules/.
// Tested by pattern_test.cc.
#include "rules/pattern.h"

#include <string>

#include <re2/re2.h>

#include "base/limits.h"

namespace ecwatch {

Pattern::Pattern(std::unique_ptr<re2::RE2> re) : re_(std::move(re)) {}
Pattern::~Pattern() = default;

Result<std::unique_ptr<Pattern>> Pattern::Compile(std::string_view re) {
  if (re.size() > limits::kMaxPatternBytes) {
    return Status::TooLarge("pattern longer than limits::kMaxPatternBytes");
  }
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(limits::kRe2MaxMem);
  auto compiled = std::make_unique<re2::RE2>(re2::StringPiece(re.data(), re.size()), o);
  if (!compiled->ok()) {
    return Status::InvalidArgument("bad pattern '" + std::string(re) + "': " + compiled->error());
  }
  return std::unique_ptr<Pattern>(new Pattern(std::move(compiled)));
}

bool Pattern::PartialMatch(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

}  // namespace ecwatch
