// Fuzz target: robots.txt bytes -> a policy, then path matching against it.
//
// The input is the robots.txt body; the paths checked are a few fixed ones
// plus the input's last line read as a path, so the glob matcher ("*", "$")
// is fuzzed against patterns and paths that share bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto policy = ecwatch::RobotsPolicy::Parse(body, "ecwatch");
  (void)policy.IsAllowed("/");
  (void)policy.IsAllowed("/news/2026/export-controls.html?page=2");
  if (!policy.IsAllowed("/robots.txt")) __builtin_trap();  // RFC 9309 2.2.2
  const size_t last = body.rfind('\n');
  std::string path(last == std::string_view::npos ? body : body.substr(last + 1));
  if (path.size() > 2048) path.resize(2048);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  (void)policy.IsAllowed(path);
  (void)ecwatch::ProductToken(body.substr(0, 256));
  (void)ecwatch::RobotsPolicy::FromFetch(size % 2 == 0, 200 + static_cast<long>(size % 400), body,
                                         "ecwatch");
  return 0;
}
