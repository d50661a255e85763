// Fuzz target: HTML bytes (any charset, any markup) -> text, metadata, links.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte picks a declared charset, so the converter paths are fuzzed too.
  static const char* kTypes[] = {"", "text/html; charset=utf-8", "text/html; charset=gbk",
                                 "text/html; charset=shift_jis", "text/html; charset=windows-1251",
                                 "text/html; charset=bogus"};
  std::string_view type = size ? kTypes[data[0] % 6] : "";
  (void)ecwatch::ExtractHtml("https://news.example.org/a/b.html", type, bytes);
  (void)ecwatch::ExtractLinks("https://news.example.org/a/b.html", type, bytes);
  (void)ecwatch::ExtractPlainText("https://news.example.org/a.txt", type, bytes);
  (void)ecwatch::ClassifyDocument(type, "https://news.example.org/a", bytes);
  return 0;
}
