// Text rendering: a DOM subtree -> plain text with one blank line between
// blocks, whitespace collapsed, <br> as a line break, <pre> kept verbatim.
// Thread-safe (pure functions; TextBuilder is a value).
#ifndef ECWATCH_EXTRACT_TEXT_H_
#define ECWATCH_EXTRACT_TEXT_H_

#include <string>
#include <string_view>

#include "extract/dom.h"

namespace ecwatch {

// True for elements that start a new block of text (p, div, li, h1..h6, ...).
bool IsBlockTag(std::string_view tag);

// Accumulates text. Not thread-safe.
class TextBuilder {
 public:
  // Output stops growing at `max_bytes` (cut at a character boundary).
  explicit TextBuilder(size_t max_bytes) : max_bytes_(max_bytes) {}
  // Appends text, collapsing runs of whitespace (incl. U+00A0) to one space
  // unless `preformatted`.
  void AddText(std::string_view text, bool preformatted = false);
  // The next text starts a new block (a blank line) / a new line.
  void BreakBlock() { pending_break_ = std::max(pending_break_, 2); }
  void BreakLine() { pending_break_ = std::max(pending_break_, 1); }
  // Ensures a space before the next text (between table cells).
  void Space() { pending_space_ = true; }
  // An inline element starts or ends here. Where CJK text and a Latin letter
  // or digit meet there without whitespace, a space is put in, so the
  // element's text stays a word of its own ("アプリ<a>Kindle</a>に" ->
  // "アプリ Kindle に"); elsewhere nothing.
  void InlineBoundary() { pending_boundary_ = true; }
  // The text, trimmed, each line's trailing spaces removed.
  std::string Finish();

 private:
  void Emit(std::string_view piece);

  std::string out_;
  size_t max_bytes_;
  int pending_break_ = 0;
  bool pending_space_ = false;
  bool pending_boundary_ = false;

  static bool MixesCjkAndAlnum(const std::string& before, std::string_view after);
};

// Renders the subtree of `node`, skipping nodes marked removed.
void RenderText(const DomNode& node, TextBuilder* out);

// Text of the subtree, whitespace collapsed, no block breaks (for titles).
std::string InlineText(const DomNode& node, size_t max_bytes);

// Collapses whitespace (incl. U+00A0) and trims.
std::string CollapseWhitespace(std::string_view text);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_TEXT_H_
