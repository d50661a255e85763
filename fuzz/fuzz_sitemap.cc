// Fuzz target: sitemap bytes (XML, sitemap index, news sitemap, gzip) -> entries or an error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/limits.h"
#include "crawler/sitemap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto sitemap = ecwatch::ParseSitemap("https://news.example.org/sitemap.xml", bytes);
  if (sitemap.ok() && sitemap->entries.size() > ecwatch::limits::kMaxSitemapEntries) {
    __builtin_trap();
  }
  return 0;
}
