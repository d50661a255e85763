// TermLiteral: whole term-list words around a scanned piece.
// Tested by term_literal_test.cc.
#include "rules/term_literal.h"

namespace ecwatch::rules_internal {
namespace {

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of the separator (white space, hyphen, U+2010..U+2014) ending at
// end, else 0.
std::size_t SeparatorBefore(std::string_view text, std::size_t end) {
  if (end == 0) return 0;
  const char c = text[end - 1];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '-') return 1;
  if (end >= 3 && text[end - 3] == '\xE2' && text[end - 2] == '\x80' &&
      static_cast<unsigned char>(c) >= 0x90 && static_cast<unsigned char>(c) <= 0x94) {
    return 3;
  }
  return 0;
}

// Length of the separator starting at start, else 0.
std::size_t SeparatorAfter(std::string_view text, std::size_t start) {
  if (start >= text.size()) return 0;
  const char c = text[start];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '-') return 1;
  if (start + 3 <= text.size() && c == '\xE2' && text[start + 1] == '\x80' &&
      static_cast<unsigned char>(text[start + 2]) >= 0x90 && static_cast<unsigned char>(text[start + 2]) <= 0x94) {
    return 3;
  }
  return 0;
}

// True when text[start, start + piece.size()) is piece, ASCII case folded.
bool PieceAt(std::string_view text, std::size_t start, const std::string& piece) {
  if (start + piece.size() > text.size()) return false;
  for (std::size_t i = 0; i < piece.size(); ++i) {
    if (Lower(text[start + i]) != piece[i]) return false;
  }
  return true;
}

}  // namespace

TermLiteral TermLiteral::Of(const std::string& term) {
  TermLiteral t;
  std::string run;
  for (char c : term + ' ') {
    if (c != ' ' && c != '-') {
      run += Lower(c);
      continue;
    }
    if (!run.empty()) t.pieces.push_back(run);
    run.clear();
  }
  for (std::size_t i = 0; i < t.pieces.size(); ++i) {
    if (t.pieces[i].size() > t.pieces[t.anchor].size()) t.anchor = i;
  }
  t.leading_separator = !term.empty() && (term[0] == ' ' || term[0] == '-');
  return t;
}

bool TermLiteral::OccursAt(std::string_view text, std::size_t end, std::size_t* term_start) const {
  std::size_t start = end - pieces[anchor].size();
  for (std::size_t k = anchor; k-- > 0;) {  // pieces before the anchor, right to left
    const std::size_t before = start;
    while (std::size_t n = SeparatorBefore(text, start)) start -= n;
    if (start == before || start < pieces[k].size() || !PieceAt(text, start - pieces[k].size(), pieces[k])) {
      return false;
    }
    start -= pieces[k].size();
  }
  for (std::size_t k = anchor + 1; k < pieces.size(); ++k) {  // pieces after it
    const std::size_t after = end;
    while (std::size_t n = SeparatorAfter(text, end)) end += n;
    if (end == after || !PieceAt(text, end, pieces[k])) return false;
    end += pieces[k].size();
  }
  const std::string& first = pieces.front();
  const std::string& last = pieces.back();
  if (IsWordByte(first.front()) && start > 0 && IsWordByte(text[start - 1])) return false;
  if (IsWordByte(last.back()) && end < text.size() && IsWordByte(text[end])) return false;
  if (term_start) *term_start = start;
  return true;
}

}  // namespace ecwatch::rules_internal
