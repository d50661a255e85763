// Fuzz target: URL bytes -> canonical form, robots.txt URL, path and query.
//
// Besides "no crash", it checks the property dedup relies on: a canonical
// URL is a fixed point (canonicalising it again changes nothing).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "crawler/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view url(reinterpret_cast<const char*>(data), size);
  (void)ecwatch::PathAndQuery(url);
  (void)ecwatch::RobotsTxtUrl(url);
  auto canonical = ecwatch::CanonicalizeUrl(url);
  if (!canonical.ok()) return 0;
  (void)ecwatch::PathAndQuery(canonical.value());
  auto again = ecwatch::CanonicalizeUrl(canonical.value());
  if (!again.ok() || again.value() != canonical.value()) {
    std::fprintf(stderr, "not a fixed point:\n  %s\n  %s\n", canonical.value().c_str(),
                 again.ok() ? again.value().c_str() : again.status().ToString().c_str());
    __builtin_trap();
  }
  return 0;
}
