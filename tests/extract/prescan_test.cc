// Tests for extract/prescan.h: what is dropped, and that tricky markup never
// makes the scanner cut the page where a browser would not.
#include "extract/prescan.h"

#include <catch2/catch.hpp>

#include "base/limits.h"

namespace ecwatch {
namespace {

TEST_CASE("Prescan drops script and style bodies and keeps text", "[prescan]") {
  PrescanResult r = Prescan("<p>a</p><script>var x = '<p>no</p>';</script><style>p{}</style><p>b</p>");
  CHECK(r.html == "<p>a</p><p>b</p>");
  CHECK(r.json_ld.empty());
}

TEST_CASE("Prescan keeps JSON-LD bodies aside", "[prescan]") {
  PrescanResult r = Prescan(
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script><p>x</p>"
      "<SCRIPT TYPE='Application/LD+JSON'>[1]</SCRIPT>");
  CHECK(r.html == "<p>x</p>");
  REQUIRE(r.json_ld.size() == 2);
  CHECK(r.json_ld[0] == "{\"@type\":\"NewsArticle\"}");
  CHECK(r.json_ld[1] == "[1]");
}

TEST_CASE("Prescan ends a script at </script inside a JS string, as browsers do", "[prescan]") {
  // HTML tokenisation ignores JS syntax: the string's "</script>" ends the element.
  PrescanResult r = Prescan("<script>var s = \"</script>\";</script><p>after</p>");
  CHECK(r.html == "\";</script><p>after</p>");  // the stray end tag is left to the parser
}

TEST_CASE("Prescan does not end a script at </scripts or <\\/script", "[prescan]") {
  PrescanResult r = Prescan("<script>a = '</scripts>'; b = '<\\/script>';</script><p>k</p>");
  CHECK(r.html == "<p>k</p>");
}

TEST_CASE("Prescan honours the script-data double-escaped state", "[prescan]") {
  PrescanResult r =
      Prescan("<script><!-- document.write('<script>x()</script>'); --></script><p>k</p>");
  CHECK(r.html == "<p>k</p>");
}

TEST_CASE("Prescan leaves the script-data escaped state at -->, and a --> outside it is text", "[prescan]") {
  // "-->" ends the escape, so the later "<script>" does not double-escape.
  CHECK(Prescan("<script><!-- a --> <script> b</script><p>k</p>").html == "<p>k</p>");
  // Without "<!--" first, "-->" and "--" change nothing.
  CHECK(Prescan("<script>x-- --> y</script><p>k</p>").html == "<p>k</p>");
  // Still escaped past "--" alone: "<script>" then double-escapes and the
  // first "</script>" only returns to the escaped state.
  CHECK(Prescan("<script><!-- a-- <script> </script> b --></script><p>k</p>").html == "<p>k</p>");
  CHECK(Prescan("<script><!-- a-- <script> </script><p>k</p>").html.empty());
}

TEST_CASE("Prescan drops comments containing tags", "[prescan]") {
  CHECK(Prescan("<p>a<!-- <script> <p>hidden</p> -->b</p>").html == "<p>ab</p>");
  CHECK(Prescan("a<!-->b").html == "ab");      // "<!-->" is an empty comment
  CHECK(Prescan("a<!--->b").html == "ab");
  CHECK(Prescan("a<!-- x --!>b").html == "ab");
  CHECK(Prescan("a<!-- never closed <p>x").html == "a");
}

TEST_CASE("Prescan treats CDATA and <? ?> in HTML as bogus comments", "[prescan]") {
  CHECK(Prescan("a<![CDATA[ <script> ]]>b").html == "a ]]>b");
  CHECK(Prescan("<?xml version=\"1.0\"?><p>x</p>").html == "<p>x</p>");
}

TEST_CASE("Prescan keeps the doctype", "[prescan]") {
  CHECK(Prescan("<!DOCTYPE html><p>x</p>").html == "<!DOCTYPE html><p>x</p>");
}

TEST_CASE("Prescan matches tag names case-insensitively", "[prescan]") {
  CHECK(Prescan("<SCRIPT>x</ScRiPt ><P>y</P><STYLE>z</STYLE>").html == "<P>y</P>");
}

TEST_CASE("Prescan respects quoted attribute values", "[prescan]") {
  CHECK(Prescan("<a class=\"<script>\" href='x>y'>t</a>").html ==
        "<a class=\"<script>\" href='x>y'>t</a>");
  // A quote inside an attribute name does not open a value.
  CHECK(Prescan("<a id=x b\"c>t</a>").html == "<a id=x>t</a>");
}

TEST_CASE("Prescan drops attributes extraction never reads", "[prescan]") {
  CHECK(Prescan("<img src=\"a.jpg\" srcset=\"a 1x, b 2x\" data-x='{\"a\":1}' class=c>").html ==
        "<img class=c>");
  CHECK(Prescan("<div STYLE=\"display: none\" onclick=\"x()\" hidden>t</div>").html ==
        "<div STYLE=\"display: none\" hidden>t</div>");
  CHECK(Prescan("<p style=\"color:red\">t</p>").html == "<p>t</p>");
  CHECK(Prescan("<br/><p class=a/>").html == "<br/><p class=a/>");
}

TEST_CASE("Prescan collapses whitespace runs outside <pre>", "[prescan]") {
  CHECK(Prescan("<p>a  \t b\n\n   c</p>").html == "<p>a b\nc</p>");
  CHECK(Prescan("<pre>a  b\n\n c</pre> x  y").html == "<pre>a  b\n\n c</pre> x y");
  CHECK(Prescan("<textarea>a   b</textarea>").html == "<textarea>a   b</textarea>");
}

TEST_CASE("Prescan drops an unterminated tag at end of input", "[prescan]") {
  CHECK(Prescan("<p>x</p><div class=\"open").html == "<p>x</p>");
  CHECK(Prescan("<p>x</p><scr").html == "<p>x</p>");
  CHECK(Prescan("<p>x</p><").html == "<p>x</p><");
  CHECK(Prescan("<script>never closed <p>x</p>").html.empty());
}

TEST_CASE("Prescan copies RCDATA and RAWTEXT elements verbatim", "[prescan]") {
  CHECK(Prescan("<title>a <!-- b --> c</title>").html == "<title>a <!-- b --> c</title>");
  CHECK(Prescan("<textarea><script>x</script></textarea>").html ==
        "<textarea><script>x</script></textarea>");
}

TEST_CASE("Prescan drops svg subtrees including nested svg and CDATA", "[prescan]") {
  CHECK(Prescan("a<svg><g><svg><text>x</text></svg></g><![CDATA[</svg>]]></svg>b").html == "ab");
  CHECK(Prescan("a<svg/>b").html == "ab");
  // An HTML breakout tag ends foreign content, as in a browser.
  CHECK(Prescan("<svg><path d=\"M0\"><p>text</p>").html == "<p>text</p>");
}

TEST_CASE("Prescan literal less-than signs stay text", "[prescan]") {
  CHECK(Prescan("1 < 2 and 3<4").html == "1 < 2 and 3<4");
}

TEST_CASE("Prescan output is never longer than the input", "[prescan]") {
  for (const char* html : {"", "<", "<!", "<!-", "</", "</>", "<a", "<a ", "<a b=", "<a b='",
                           "<script", "<script>", "<svg", "<!doctype"}) {
    CHECK(Prescan(html).html.size() <= std::string_view(html).size());
  }
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

PrescanResult PrescanForText(std::string_view html) {
  PrescanOptions options;
  options.keep_hrefs = false;
  options.drop_furniture = true;
  return Prescan(html, options);
}

TEST_CASE("Prescan drop_furniture removes nav, aside, footer and select subtrees", "[prescan]") {
  CHECK(PrescanForText("<p>a</p><nav><ul><li><a href=/>x</a><nav>in</nav></ul></nav><p>b</p>").html ==
        "<p>a</p><p>b</p>");
  CHECK(PrescanForText("<ASIDE class=x><p>side</ASIDE><footer>f</footer>t").html == "t");
  CHECK(PrescanForText("<select><option>1<option>2</select>z").html == "z");
}

TEST_CASE("Prescan drop_furniture keeps JSON-LD found inside dropped furniture", "[prescan]") {
  PrescanResult r = PrescanForText(
      "<footer><script type=application/ld+json>{\"a\":\"</footer>\"}</script></footer><p>x</p>");
  CHECK(r.html == "<p>x</p>");
  REQUIRE(r.json_ld.size() == 1);
  CHECK(r.json_ld[0] == "{\"a\":\"</footer>\"}");
}

TEST_CASE("Prescan drop_furniture keeps furniture whose extent a browser decides otherwise",
          "[prescan]") {
  // An enclosing </div> closes the unclosed <nav> first: kept for the parser to decide.
  CHECK(PrescanForText("<div><nav><a>x</a></div><p>y</p></nav>").html ==
        "<div><nav><a>x</a></div><p>y</p></nav>");
  // Never closed: kept.
  CHECK(PrescanForText("<nav><p>rest of page").html == "<nav><p>rest of page");
  // Link discovery (the default options) keeps furniture and hrefs.
  CHECK(Prescan("<nav><a href=/x>x</a></nav>").html == "<nav><a href=/x>x</a></nav>");
  CHECK(PrescanForText("<a href=/x class=c>x</a><link rel=canonical href=/c>").html ==
        "<a class=c>x</a><link rel=canonical href=/c>");
}

TEST_CASE("Prescan without hrefs keeps a <link>'s href only when its rel may read canonical",
          "[prescan]") {
  // Metadata reads a <link>'s href only for rel=canonical.
  CHECK(PrescanForText("<link rel=stylesheet href=/a.css><link href='/i.png' rel=icon>").html ==
        "<link rel=stylesheet><link rel=icon>");
  CHECK(PrescanForText("<link href=/p.js>").html == "<link>");
  // Any case, before or after href, among other rels' tags.
  CHECK(PrescanForText("<link href=/c REL=\"CANONICAL\">").html == "<link href=/c REL=\"CANONICAL\">");
  CHECK(PrescanForText("<link rel=alternate href=/x rel=canonical>").html ==
        "<link rel=alternate href=/x rel=canonical>");
  // A character reference may decode to "canonical": kept for the parser.
  CHECK(PrescanForText("<link rel='&#99;anonical' href=/c>").html ==
        "<link rel='&#99;anonical' href=/c>");
  // " canonical" is not canonical (metadata compares the whole value).
  CHECK(PrescanForText("<link rel=' canonical' href=/c>").html == "<link rel=' canonical'>");
  // Link discovery keeps every href.
  CHECK(Prescan("<link rel=stylesheet href=/a.css>").html == "<link rel=stylesheet href=/a.css>");
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

size_t Count(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

TEST_CASE("Prescan caps nesting at kMaxNestingDepth, keeping the text", "[prescan][limits]") {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < 1000; ++i) html += "</div>";
  html += "<p>after</p>";
  std::string out = Prescan(html).html;
  CHECK(Count(out, "<div>") == limits::kMaxNestingDepth);
  CHECK(Count(out, "</div>") == limits::kMaxNestingDepth);
  CHECK(out.find("deep") != std::string::npos);
  CHECK(out.find("<p>after</p>") != std::string::npos);
  // Unclosed optional-end-tag elements do not count as nesting.
  std::string paragraphs;
  for (int i = 0; i < 1000; ++i) paragraphs += "<p>x";
  CHECK(Count(Prescan(paragraphs).html, "<p>") == 1000);
}

TEST_CASE("Prescan passes at most kMaxHtmlElements start tags", "[prescan][limits]") {
  std::string html;
  for (size_t i = 0; i < limits::kMaxHtmlElements + 50; ++i) html += "<br>";
  html += "end";
  std::string out = Prescan(html).html;
  CHECK(Count(out, "<br>") == limits::kMaxHtmlElements);
  CHECK(out.substr(out.size() - 3) == "end");
}

}  // namespace
}  // namespace ecwatch
