// Tests for extract/html_document.h.
#include "extract/html_document.h"

#include <catch2/catch.hpp>

#include "base/limits.h"

namespace ecwatch {
namespace {

unsigned Depth(const DomNode* node) {
  unsigned depth = 0;
  for (; node->parent; node = node->parent) ++depth;
  return depth;
}

const DomNode* Deepest(const DomNode* node) {
  const DomNode* best = node;
  for (const DomNode* child : node->children) {
    const DomNode* d = Deepest(child);
    if (Depth(d) > Depth(best)) best = d;
  }
  return best;
}

TEST_CASE("HtmlDocument builds html/head/body and decodes entities", "[html_document]") {
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse(
      "<title>T &amp; U</title><P CLASS=\"x\" data-A='1'>caf&eacute; &#x4E2D;</P>");
  REQUIRE(doc->root()->tag == "html");
  CHECK(doc->head()->tag == "head");
  CHECK(doc->body()->tag == "body");
  const DomNode* p = doc->body()->children.at(0);
  CHECK(p->tag == "p");
  CHECK(p->Attr("class") == "x");
  CHECK(p->Attr("data-a") == "1");
  CHECK(p->children.at(0)->text == "caf\u00E9 \u4E2D");
  CHECK(doc->head()->children.at(0)->children.at(0)->text == "T & U");
}

TEST_CASE("HtmlDocument ids are dense and in document order", "[html_document]") {
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse("<div><p>a</p><p>b</p></div>");
  CHECK(doc->root()->id == 0);
  const DomNode* div = doc->body()->children.at(0);
  CHECK(div->children[0]->id < div->children[1]->id);
  CHECK(div->children[1]->id < doc->node_count());
}

TEST_CASE("HtmlDocument flattens nesting beyond kMaxNestingDepth", "[html_document][limits]") {
  std::string html;
  for (int i = 0; i < 3000; ++i) html += "<span>";
  html += "deep";
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse(html);
  const DomNode* deepest = Deepest(doc->root());
  CHECK(Depth(deepest) <= limits::kMaxNestingDepth);
  CHECK(deepest->text == "deep");
}

TEST_CASE("HtmlDocument takes invalid UTF-8 and empty input", "[html_document]") {
  CHECK(HtmlDocument::Parse("")->body() != nullptr);
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse("<p>a\xFF" "b</p>");
  CHECK(doc->body()->children.at(0)->children.at(0)->text == "a\uFFFDb");
}

}  // namespace
}  // namespace ecwatch
