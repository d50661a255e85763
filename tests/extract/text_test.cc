// Tests for extract/text.h.
#include "extract/text.h"

#include <catch2/catch.hpp>

#include "extract/html_document.h"

namespace ecwatch {
namespace {

std::string Render(const std::string& html) {
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse(html);
  TextBuilder out(1 << 20);
  RenderText(*doc->body(), &out);
  return out.Finish();
}

TEST_CASE("RenderText separates blocks by one blank line and joins inline text", "[text]") {
  CHECK(Render("<p>a <b>b</b>c</p><div><p>d</p></div>e") == "a bc\n\nd\n\ne");
  CHECK(Render("<ul><li>one</li><li>two</li></ul>") == "one\n\ntwo");
}

TEST_CASE("RenderText turns <br> into a line break and keeps <pre> verbatim", "[text]") {
  CHECK(Render("<p>line one<br>line two</p>") == "line one\nline two");
  CHECK(Render("<pre>x  = 1\n  y = 2</pre>") == "x  = 1\n  y = 2");
}

TEST_CASE("RenderText separates table cells", "[text]") {
  CHECK(Render("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\n\nc");
}

TEST_CASE("RenderText skips removed nodes", "[text]") {
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse("<p>keep</p><p>drop</p>");
  doc->body()->children[1]->removed = true;
  TextBuilder out(100);
  RenderText(*doc->body(), &out);
  CHECK(out.Finish() == "keep");
}

TEST_CASE("CollapseWhitespace folds spaces, tabs, newlines and no-break spaces", "[text]") {
  CHECK(CollapseWhitespace("  a \t\n b\xC2\xA0\xC2\xA0" "c  ") == "a b c");
  CHECK(CollapseWhitespace("") == "");
}

TEST_CASE("TextBuilder stops at its cap on a character boundary", "[text][limits]") {
  TextBuilder out(5);
  out.AddText("ab\xE4\xB8\xAD\xE6\x96\x87");  // "ab中文": the cap falls inside 文
  CHECK(out.Finish() == "ab\xE4\xB8\xAD");
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("RenderText spaces CJK from Latin words at inline element edges only", "[text]") {
  CHECK(Render("<p>アプリ<a href=x>Kindle for PC</a>に関する話</p>") == "アプリ Kindle for PC に関する話");
  CHECK(Render("<p>Kindleや楽天koboには</p>") == "Kindleや楽天koboには");      // no element edge
  CHECK(Render("<p>中文<a href=x>新闻</a>报道</p>") == "中文新闻报道");            // CJK on both sides
  CHECK(Render("<p><span>T</span>he drop cap</p>") == "The drop cap");           // Latin on both sides
}

}  // namespace
}  // namespace ecwatch
