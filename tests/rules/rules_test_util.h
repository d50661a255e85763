// Helpers shared by the rules/ tests: load a rule set from TOML text or from
// the shipped default sets, and match a plain sentence.
#ifndef ECWATCH_TESTS_RULES_RULES_TEST_UTIL_H_
#define ECWATCH_TESTS_RULES_RULES_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "extract/article.h"
#include "rules/rule_set.h"

namespace ecwatch::testing {

inline std::string DefaultSetsDir() { return std::string(ECWATCH_SOURCE_DIR) + "/rules/sets"; }

// The default sets, loaded once per test binary.
inline const RuleSet& DefaultSets() {
  static std::unique_ptr<RuleSet> set = [] {
    auto r = RuleSet::LoadDir(DefaultSetsDir());
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return *set;
}

inline std::unique_ptr<RuleSet> LoadOne(const std::string& toml) {
  auto r = RuleSet::LoadSources({{"t.toml", toml}});
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline Findings MatchText(const RuleSet& set, const std::string& text,
                          const std::string& published = "2025-11-07") {
  Article a;
  a.text = text;
  a.published = published;
  return set.Match(a);
}

// Canonical values of the matches of one category, in text order.
inline std::vector<std::string> Values(const Findings& f, const std::string& category) {
  std::vector<std::string> out;
  for (const auto& m : f.matches) {
    if (m.category == category) out.push_back(m.value);
  }
  return out;
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_RULES_RULES_TEST_UTIL_H_
