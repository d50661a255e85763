// Pins Pattern: compile errors as values, unanchored matching.
#include "rules/pattern.h"

#include <string>

#include <catch2/catch.hpp>

#include "base/limits.h"

namespace ecwatch {
namespace {

TEST_CASE("Pattern matches link paths", "[rules][pattern]") {
  auto p = Pattern::Compile(R"(/news/\d{4}/)");
  REQUIRE(p.ok());
  CHECK(p.value()->PartialMatch("https://x.example/news/2025/11/07/a.html"));
  CHECK_FALSE(p.value()->PartialMatch("https://x.example/about/"));
}

TEST_CASE("Pattern reports RE2's error for a bad pattern", "[rules][pattern]") {
  auto p = Pattern::Compile("(abc");
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == Status::Code::kInvalidArgument);
  CHECK(p.status().message().find("missing )") != std::string::npos);
}

TEST_CASE("Pattern refuses a pattern over the cap", "[rules][pattern]") {
  auto p = Pattern::Compile(std::string(limits::kMaxPatternBytes + 1, 'a'));
  CHECK(p.status().code() == Status::Code::kTooLarge);
}

}  // namespace
}  // namespace ecwatch
