// HtmlDocument: the only file of ecwatch that includes <gumbo.h>. It parses
// UTF-8 bytes with Gumbo and mirrors the tree into DomNodes that point into
// Gumbo's output (no string copies). Tested by html_document_test.cc.
#include "extract/html_document.h"

#include <gumbo.h>

#include <vector>

#include "base/limits.h"

namespace ecwatch {

// RAII owner of one GumboOutput (gumbo_destroy_output on destruction).
struct HtmlDocument::ParserOutput {
  GumboOutput* output = nullptr;
  ~ParserOutput() {
    if (output) gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

namespace {

std::string_view TagName(const GumboElement& element) {
  if (element.tag == GUMBO_TAG_UNKNOWN) return "unknown";
  return gumbo_normalized_tagname(element.tag);
}

struct PendingNode {
  const GumboNode* node;
  DomNode* parent;
  unsigned depth;
};

}  // namespace

std::unique_ptr<HtmlDocument> HtmlDocument::Parse(std::string utf8_html) {
  std::unique_ptr<HtmlDocument> doc(new HtmlDocument());
  doc->buffer_ = std::move(utf8_html);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never read parse errors; don't record them
  doc->output_ = std::make_unique<ParserOutput>();
  doc->output_->output =
      gumbo_parse_with_options(&options, doc->buffer_.data(), doc->buffer_.size());
  doc->Build();
  return doc;
}

HtmlDocument::~HtmlDocument() = default;

// Mirrors Gumbo's tree with an explicit stack (Gumbo's tree may be deeper
// than our stack could recurse); nodes below kMaxNestingDepth are attached to
// their deepest allowed ancestor.
void HtmlDocument::Build() {
  std::vector<PendingNode> stack;
  const GumboNode* gumbo_root = output_->output->root;
  root_ = NewNode();
  root_->tag = "html";
  const GumboVector& root_attrs = gumbo_root->v.element.attributes;
  for (unsigned i = 0; i < root_attrs.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(root_attrs.data[i]);
    root_->attrs.emplace_back(attr->name, attr->value);
  }
  const GumboVector& top = gumbo_root->v.element.children;
  for (unsigned i = top.length; i-- > 0;) {
    stack.push_back({static_cast<const GumboNode*>(top.data[i]), root_, 1});
  }
  while (!stack.empty()) {
    PendingNode pending = stack.back();
    stack.pop_back();
    const GumboNode* node = pending.node;
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        DomNode* text = NewNode();
        text->type = DomNode::Type::kText;
        text->text = node->v.text.text;
        text->parent = pending.parent;
        pending.parent->children.push_back(text);
        break;
      }
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = node->v.element;
        DomNode* parent = pending.parent;
        unsigned depth = pending.depth;
        if (depth < limits::kMaxNestingDepth) {
          DomNode* dom = NewNode();
          dom->tag = TagName(element);
          dom->attrs.reserve(element.attributes.length);
          for (unsigned i = 0; i < element.attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
            dom->attrs.emplace_back(attr->name, attr->value);
          }
          dom->parent = parent;
          parent->children.push_back(dom);
          if (element.tag == GUMBO_TAG_HEAD && !head_) head_ = dom;
          if (element.tag == GUMBO_TAG_BODY && !body_) body_ = dom;
          parent = dom;
          ++depth;
        }
        for (unsigned i = element.children.length; i-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(element.children.data[i]), parent, depth});
        }
        break;
      }
      default:
        break;  // comments, document
    }
  }
  if (!head_) head_ = NewNode(), head_->tag = "head", head_->parent = root_;
  if (!body_) body_ = NewNode(), body_->tag = "body", body_->parent = root_;
}

}  // namespace ecwatch
