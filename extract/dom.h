// DomNode: the parsed page as extract/ sees it, independent of the HTML parser.
//
// Nodes are owned by an HtmlDocument (html_document.h); every string_view in a
// node points into memory owned by that document and stays valid while it
// lives. Nodes are immutable after parsing, except for the `removed` mark that
// extraction passes set; a document is therefore not thread-safe while being
// extracted, and each thread parses its own.
#ifndef ECWATCH_EXTRACT_DOM_H_
#define ECWATCH_EXTRACT_DOM_H_

#include <string_view>
#include <utility>
#include <vector>

namespace ecwatch {

struct DomNode {
  enum class Type : unsigned char { kElement, kText };

  Type type = Type::kElement;
  // Lowercase tag name of an element ("" for a text node). Unknown (custom)
  // elements have the name "unknown".
  std::string_view tag;
  // Text of a text node, entities decoded, UTF-8.
  std::string_view text;
  // Attributes of an element, names lowercase, values entity-decoded.
  std::vector<std::pair<std::string_view, std::string_view>> attrs;
  DomNode* parent = nullptr;
  std::vector<DomNode*> children;
  // Set by extraction passes to drop the subtree from the output.
  bool removed = false;
  // Position in document order (0 = <html>), dense: usable as a vector index.
  unsigned id = 0;

  bool is_element() const { return type == Type::kElement; }
  bool is_text() const { return type == Type::kText; }
  bool Is(std::string_view name) const { return type == Type::kElement && tag == name; }
  // The value of attribute `name`, or "" when absent; `found` tells which.
  std::string_view Attr(std::string_view name, bool* found = nullptr) const {
    for (const auto& [key, value] : attrs) {
      if (key == name) {
        if (found) *found = true;
        return value;
      }
    }
    if (found) *found = false;
    return {};
  }
  bool HasAttr(std::string_view name) const {
    bool found = false;
    Attr(name, &found);
    return found;
  }
};

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_DOM_H_
