// SplitText: paragraphs and sentences of a document, computed once.
//
// Paragraphs are separated by a blank line (Article::text's block separator).
// Sentences end at . ! ? followed by space (not after a known abbreviation
// such as "U.S." or "Nov." or a single initial), at 。！？；, and at a line
// break. Spans are byte offsets into the text, trimmed of whitespace.
// Pure function, thread-safe. Linear in text size.
#ifndef ECWATCH_RULES_TEXT_SPLIT_H_
#define ECWATCH_RULES_TEXT_SPLIT_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace ecwatch {

struct TextSpan {
  std::size_t start = 0;
  std::size_t end = 0;  // one past the last byte
};

struct Segments {
  std::vector<TextSpan> paragraphs;
  std::vector<TextSpan> sentences;           // in text order
  std::vector<std::size_t> paragraph_of;     // sentence index -> paragraph index
  std::vector<std::size_t> first_sentence;   // paragraph index -> first sentence index
};

Segments SplitText(std::string_view text);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_TEXT_SPLIT_H_
