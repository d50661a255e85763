// Pins CheckRules: every broken file gives FILE:LINE: errors; a summary.
#include "rules/check.h"

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace ecwatch {
namespace {

bool AnyStartsWith(const std::vector<std::string>& errors, const std::string& prefix,
                   const std::string& needle) {
  for (const auto& e : errors) {
    if (e.find(prefix) != std::string::npos && e.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("CheckRules lists every broken file with FILE:LINE:COL", "[rules][check]") {
  const std::string dir = testing::TestDataDir() + "/rules/broken";
  CheckReport r = CheckRules(dir);
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  CHECK_FALSE(r.ok());
  CHECK(r.sets == 4);
  CHECK(AnyStartsWith(r.errors, "bad_regex.toml:7:", "missing )"));
  CHECK(AnyStartsWith(r.errors, "bad_toml.toml:", ""));
  CHECK(AnyStartsWith(r.errors, "unknown_category.toml:3:", "unknown category 'weather'"));
  CHECK(AnyStartsWith(r.errors, "failing_example.toml:7:", "did not match"));
  CHECK(AnyStartsWith(r.errors, "failing_example.toml:10:", "counterexample"));
  CHECK(r.Summary().find("errors") != std::string::npos);
}

TEST_CASE("CheckRules reports a missing directory", "[rules][check]") {
  CheckReport r = CheckRules("no/such/rules");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("no/such/rules") != std::string::npos);
}

TEST_CASE("CheckReport summary counts sets, rules and examples", "[rules][check]") {
  CheckReport r;
  r.sets = 2;
  r.rules = 5;
  r.examples = 9;
  CHECK(r.Summary() == "2 sets, 5 rules, 9 examples: OK");
  r.errors.push_back("x");
  CHECK(r.Summary() == "2 sets, 5 rules, 9 examples: 1 error");
}

}  // namespace
}  // namespace ecwatch
