// Fuzz target: config text -> a Config or a file:line error naming the key.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)ecwatch::ParseConfig("fuzz.toml", text, "/etc/ecwatch");
  return 0;
}
