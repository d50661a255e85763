// JSON-LD articleBody helpers for content.cc: plain text of the body and
// word-trigram coverage between two texts. Tested by ld_body_test.cc.
#include "extract/ld_body.h"

#include <cctype>
#include <functional>
#include <unordered_set>
#include <vector>

#include "base/limits.h"
#include "extract/text.h"

namespace ecwatch {
namespace {

// Hashes of the word 3-grams of `text` (words: runs of ASCII letters, digits,
// '_' or non-ASCII bytes).
std::unordered_set<size_t> WordTrigrams(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    auto is_word = [&](size_t k) {
      unsigned char c = static_cast<unsigned char>(text[k]);
      return c >= 0x80 || std::isalnum(c) || c == '_';
    };
    while (i < text.size() && !is_word(i)) ++i;
    size_t start = i;
    while (i < text.size() && is_word(i)) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  std::unordered_set<size_t> grams;
  std::hash<std::string_view> hash;
  for (size_t w = 0; w + 3 <= words.size(); ++w) {
    grams.insert(hash(words[w]) * 31 * 31 + hash(words[w + 1]) * 31 + hash(words[w + 2]));
  }
  return grams;
}

}  // namespace

// Share of `reference`'s word 3-grams that `text` contains too.
double TrigramCoverage(std::string_view reference, std::string_view text) {
  std::unordered_set<size_t> ref = WordTrigrams(reference);
  if (ref.empty()) return 1.0;
  std::unordered_set<size_t> got = WordTrigrams(text);
  size_t hits = 0;
  for (size_t g : ref) hits += got.count(g);
  return double(hits) / ref.size();
}

// JSON-LD articleBody as text: tags stripped, blocks at line breaks.
std::string LdBodyText(std::string_view body) {
  std::string plain;
  bool in_tag = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    bool tag_start = c == '<' && i + 1 < body.size() &&
                     (std::isalpha(static_cast<unsigned char>(body[i + 1])) || body[i + 1] == '/');
    if (tag_start) {
      in_tag = true;
      plain += ' ';
    } else if (in_tag && c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      plain += c;
    }
  }
  TextBuilder out(limits::kMaxTextBytes);
  size_t pos = 0;
  while (pos <= plain.size()) {
    size_t end = plain.find('\n', pos);
    if (end == std::string::npos) end = plain.size();
    out.BreakBlock();
    out.AddText(std::string_view(plain).substr(pos, end - pos));
    pos = end + 1;
  }
  return out.Finish();
}

}  // namespace ecwatch
