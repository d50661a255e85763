// HtmlDocument: a parsed HTML page (the one wrapper around the HTML parser).
//
// Owns the UTF-8 input buffer, the parser's output and the DomNode tree built
// from it, so that every string_view in the tree stays valid for the
// document's lifetime. Not copyable or movable (nodes point into it); hold it
// by unique_ptr. Not thread-safe; distinct documents are independent.
#ifndef ECWATCH_EXTRACT_HTML_DOCUMENT_H_
#define ECWATCH_EXTRACT_HTML_DOCUMENT_H_

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/dom.h"
#include "extract/stand_ins.h"

namespace ecwatch {

class HtmlDocument {
 public:
  // Parses `utf8_html` (must be UTF-8; invalid bytes become U+FFFD). Elements
  // nested deeper than limits::kMaxNestingDepth are flattened: their children
  // are attached to the deepest allowed ancestor. Never fails: any input
  // yields a tree with at least <html>, <head> and <body>. `runs`: the text
  // runs the prescan replaced by stand-ins in utf8_html (stand_ins.h); text
  // nodes hold the runs, as if the page had been parsed with them.
  static std::unique_ptr<HtmlDocument> Parse(std::string utf8_html, TextRuns runs = {});

  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // The <html> element.
  DomNode* root() const { return root_; }
  // <head> and <body>; never null.
  DomNode* head() const { return head_; }
  DomNode* body() const { return body_; }
  // Number of nodes; every DomNode::id is below it.
  size_t node_count() const { return node_count_; }

 private:
  class ParserOutput;
  // Nodes are allocated this many at a time (a std::deque would take a
  // block per 4-5 nodes); a block's nodes never move.
  static constexpr size_t kNodesPerBlock = 256;
  HtmlDocument() = default;
  DomNode* NewNode() {
    if (node_count_ % kNodesPerBlock == 0) {
      node_blocks_.push_back(std::make_unique<DomNode[]>(kNodesPerBlock));
    }
    DomNode* node = &node_blocks_.back()[node_count_ % kNodesPerBlock];
    node->id = static_cast<unsigned>(node_count_++);
    return node;
  }
  void Build();

  std::string_view TextOf(const char* parsed);

  std::string buffer_;
  TextRuns runs_;
  std::deque<std::string> expanded_;  // text nodes that held stand-ins
  std::unique_ptr<ParserOutput> output_;
  std::vector<std::unique_ptr<DomNode[]>> node_blocks_;
  size_t node_count_ = 0;
  DomNode* root_ = nullptr;
  DomNode* head_ = nullptr;
  DomNode* body_ = nullptr;
};

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_HTML_DOCUMENT_H_
