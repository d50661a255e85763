// Fuzz target: a rule file's text -> a loaded rule set or a file:line error;
// a set that loads is also matched against a fixed sentence.
#include <cstddef>
#include <cstdint>
#include <string>

#include "rules/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto rules = ecwatch::RuleSet::LoadSources({{"fuzz.toml", text}});
  if (rules.ok()) {
    ecwatch::Article a;
    a.text = "China suspended export controls on gallium for one year. 商务部 暂停实施 稀土 出口管制 一年。";
    a.published = "2025-11-07";
    (void)rules.value()->Match(a);
  }
  return 0;
}
