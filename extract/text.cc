// Text rendering of DOM subtrees with block structure and whitespace
// normalisation. Tested by text_test.cc.
#include "extract/text.h"

#include <algorithm>
#include <cctype>

namespace ecwatch {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length of a whitespace character at s[i] (ASCII space or U+00A0 or U+3000
// ideographic space is not collapsed: it is text in CJK layout), else 0.
size_t SpaceLength(std::string_view s, size_t i) {
  if (IsAsciiSpace(s[i])) return 1;
  if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
  return 0;
}

// Drops the partial UTF-8 character at the end of `s`.
void TrimToCharBoundary(std::string* s) {
  size_t i = s->size();
  while (i > 0 && (static_cast<unsigned char>((*s)[i - 1]) & 0xC0) == 0x80) --i;
  if (i > 0 && static_cast<unsigned char>((*s)[i - 1]) >= 0xC0) {
    unsigned char lead = static_cast<unsigned char>((*s)[i - 1]);
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (s->size() - (i - 1) < need) s->resize(i - 1);
  }
}

void RenderChildren(const DomNode& node, TextBuilder* out, bool pre);

// Han, kana, Hangul and their compatibility/half-width forms.
bool IsCjkCodePoint(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}

// The code point of the (valid UTF-8) sequence starting at s[i].
char32_t CodePointAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (i + len > s.size()) return 0;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

void RenderNode(const DomNode& node, TextBuilder* out, bool pre) {
  if (node.removed) return;
  if (node.is_text()) {
    out->AddText(node.text, pre);
    return;
  }
  std::string_view tag = node.tag;
  if (tag == "br") {
    out->BreakLine();
    return;
  }
  if (tag == "td" || tag == "th") {
    out->Space();
    RenderChildren(node, out, pre);
    out->Space();
    return;
  }
  bool block = IsBlockTag(tag);
  if (block) {
    out->BreakBlock();
  } else {
    out->InlineBoundary();
  }
  RenderChildren(node, out, pre || tag == "pre" || tag == "xmp");
  if (block) {
    out->BreakBlock();
  } else {
    out->InlineBoundary();
  }
}

void RenderChildren(const DomNode& node, TextBuilder* out, bool pre) {
  for (const DomNode* child : node.children) RenderNode(*child, out, pre);
}

}  // namespace

bool IsBlockTag(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article", "aside",   "blockquote", "body",    "caption",  "center", "dd",
      "details", "dialog",  "dir",     "div",        "dl",      "dt",       "fieldset", "figcaption",
      "figure",  "footer",  "form",    "h1",         "h2",      "h3",       "h4",     "h5",
      "h6",      "header",  "hgroup",  "hr",         "html",    "legend",   "li",     "listing",
      "main",    "menu",    "nav",     "ol",         "p",       "pre",      "section", "summary",
      "table",   "tbody",   "tfoot",   "thead",      "tr",      "ul",       "xmp",    "unknown",
      "option",  "plaintext"};
  for (std::string_view b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

// True when one side ends/starts with CJK and the other with an ASCII letter
// or digit.
bool TextBuilder::MixesCjkAndAlnum(const std::string& before, std::string_view after) {
  size_t i = before.size();
  while (i > 0 && (static_cast<unsigned char>(before[i - 1]) & 0xC0) == 0x80) --i;
  if (i == 0 || after.empty()) return false;
  char32_t last = CodePointAt(before, i - 1), first = CodePointAt(after, 0);
  auto alnum = [](char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); };
  return (IsCjkCodePoint(last) && alnum(first)) || (alnum(last) && IsCjkCodePoint(first));
}

void TextBuilder::Emit(std::string_view piece) {
  if (out_.size() >= max_bytes_) return;
  out_.append(piece.substr(0, max_bytes_ - out_.size()));
  if (out_.size() >= max_bytes_) TrimToCharBoundary(&out_);
}

void TextBuilder::AddText(std::string_view text, bool preformatted) {
  size_t i = 0;
  while (i < text.size()) {
    if (!preformatted) {
      size_t space = SpaceLength(text, i);
      if (space) {
        pending_space_ = true;
        i += space;
        continue;
      }
    } else if (text[i] == '\n') {
      BreakLine();
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && (preformatted ? text[i] != '\n' : SpaceLength(text, i) == 0)) ++i;
    if (!out_.empty()) {
      if (pending_break_ == 2) {
        Emit("\n\n");
      } else if (pending_break_ == 1) {
        Emit("\n");
      } else if (pending_space_) {
        Emit(" ");
      }
    }
    if (!out_.empty() && pending_break_ == 0 && !pending_space_ && pending_boundary_ &&
        MixesCjkAndAlnum(out_, text.substr(start))) {
      Emit(" ");  // CJK next to an inline element's edge: keep the element a separate word
    }
    pending_break_ = 0;
    pending_space_ = false;
    pending_boundary_ = false;
    Emit(text.substr(start, i - start));
  }
}

std::string TextBuilder::Finish() {
  std::string result;
  result.reserve(out_.size());
  size_t line_start = 0;
  while (line_start <= out_.size()) {
    size_t end = out_.find('\n', line_start);
    if (end == std::string::npos) end = out_.size();
    size_t trimmed = end;
    while (trimmed > line_start && (out_[trimmed - 1] == ' ' || out_[trimmed - 1] == '\t')) --trimmed;
    result.append(out_, line_start, trimmed - line_start);
    if (end < out_.size()) result += '\n';
    line_start = end + 1;
  }
  while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
  size_t first = result.find_first_not_of(" \n");
  return first == std::string::npos ? std::string() : result.substr(first);
}

void RenderText(const DomNode& node, TextBuilder* out) { RenderNode(node, out, false); }

std::string InlineText(const DomNode& node, size_t max_bytes) {
  TextBuilder builder(max_bytes);
  RenderText(node, &builder);
  return CollapseWhitespace(builder.Finish());
}

std::string CollapseWhitespace(std::string_view text) {
  TextBuilder builder(text.size() + 1);
  builder.AddText(text);
  return builder.Finish();
}

}  // namespace ecwatch
