// Fuzz target: feed bytes (RSS, RDF, Atom, anything) -> items or an error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crawler/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ecwatch::ParseFeed("https://news.example.org/feed.xml", bytes);
  return 0;
}
