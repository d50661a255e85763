// Tests for extract/stand_ins.h: the encoding round trip, which runs the
// parser keeps unchanged, and that a page parsed with stand-ins gives the
// tree the page gives without them (HtmlDocument, Prescan).
#include "extract/stand_ins.h"

#include <catch2/catch.hpp>
#include <string>

#include "extract/html_document.h"
#include "extract/prescan.h"

namespace ecwatch {
namespace {

TextRuns RunsOf(std::initializer_list<std::string_view> runs) {
  TextRuns out;
  for (std::string_view run : runs) {
    out.bytes.append(run);
    out.ends.push_back(static_cast<uint32_t>(out.bytes.size()));
  }
  return out;
}

TEST_CASE("ExpandStandIns puts each stand-in's run back and keeps other bytes", "[stand_ins]") {
  const TextRuns runs = RunsOf({"first run", "second", "third"});
  std::string text = " a";
  AppendStandIn(2, &text);
  AppendStandIn(0, &text);
  text += "b ";
  CHECK(text.size() == 2 + 2 * kStandInBytes + 2);
  CHECK(ExpandStandIns(text, runs) == " athirdfirst runb ");
  // A marker without a known index, or cut short, is not a stand-in.
  std::string unknown(kStandInMarker);
  unknown += "zzzz";
  CHECK(ExpandStandIns(unknown, runs) == unknown);
  std::string cut(kStandInMarker);
  cut += "AB";
  CHECK(ExpandStandIns(cut, runs) == cut);
  // The largest index round-trips.
  std::string last;
  AppendStandIn(kMaxStandIns - 1, &last);
  CHECK(last.substr(kStandInMarker.size()) == "zzzz");
}

TEST_CASE("ParserKeepsText accepts only runs Gumbo returns unchanged", "[stand_ins]") {
  CHECK(ParserKeepsText("plain words, digits 123 and punctuation >.!?"));
  CHECK(ParserKeepsText("tab\tnewline\nform feed\f caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"));
  CHECK_FALSE(ParserKeepsText("AT&T"));                  // character references
  CHECK_FALSE(ParserKeepsText("a<b"));
  CHECK_FALSE(ParserKeepsText(std::string("nul\0byte", 8)));  // dropped in body
  CHECK_FALSE(ParserKeepsText("cr\rlf"));                // CR becomes LF
  CHECK_FALSE(ParserKeepsText("bell\x07"));              // controls become U+FFFD
  CHECK_FALSE(ParserKeepsText("del\x7F"));
  CHECK_FALSE(ParserKeepsText("c1 \xC2\x85"));           // U+0085
  CHECK_FALSE(ParserKeepsText("nonchar \xEF\xB7\x90"));  // U+FDD0
  CHECK_FALSE(ParserKeepsText("nonchar \xEF\xBF\xBE"));  // U+FFFE
  CHECK_FALSE(ParserKeepsText("nonchar \xF0\x9F\xBF\xBF"));  // U+1FFFF
  CHECK_FALSE(ParserKeepsText("bad \xFF utf-8"));
  CHECK_FALSE(ParserKeepsText("overlong \xC0\xAF"));
  CHECK_FALSE(ParserKeepsText("surrogate \xED\xA0\x80"));
  CHECK_FALSE(ParserKeepsText("cut \xE4\xB8"));
  CHECK_FALSE(ParserKeepsText("marker \xEE\x80\x80"));  // U+E000 itself
}

// The tree as text: tags, attributes and text nodes in document order.
void Dump(const DomNode& node, std::string* out) {
  if (node.is_text()) {
    *out += "[" + std::string(node.text) + "]";
    return;
  }
  *out += "<" + std::string(node.tag);
  for (const auto& [name, value] : node.attrs) *out += " " + std::string(name) + "=" + std::string(value);
  *out += ">";
  for (const DomNode* child : node.children) Dump(*child, out);
  *out += "</" + std::string(node.tag) + ">";
}

// The tree of html prescanned for text, with stand-ins (and how many) or without.
std::string TreeOf(std::string_view html, bool stand_ins, size_t* runs = nullptr) {
  PrescanOptions options;
  options.keep_hrefs = false;
  options.drop_furniture = true;
  options.stand_in_text = stand_ins;
  PrescanResult scanned = Prescan(html, options);
  if (runs != nullptr) *runs = scanned.text_runs.ends.size();
  std::unique_ptr<HtmlDocument> doc =
      HtmlDocument::Parse(std::move(scanned.html), std::move(scanned.text_runs));
  std::string out;
  Dump(*doc->root(), &out);
  return out;
}

TEST_CASE("A page parsed with stand-ins gives the tree it gives without them", "[stand_ins]") {
  const char* pages[] = {
      // Text in head moves to body; leading whitespace stays in head.
      "<html><head>  text that starts the body early</head><body><p>and a paragraph here</p>",
      // Foster parenting: table text goes before the table.
      "<table>stray text in a table<tr><td>cell text long enough</td>more stray text</tr></table>",
      // Misnested formatting (adoption agency), text in between.
      "<p><b>bold text for a while<i>both bold and italic</b>italic only now</i> plain text</p>",
      // <pre> drops one leading newline; whitespace inside kept.
      "<pre>\nfirst line of code\n  indented second line</pre><pre>no newline at start here</pre>",
      // Text after </body> and </html>.
      "<body><p>inside the body text</p></body>after the body ends</html>after the html ends",
      // Runs glued to references and to text across dropped comments.
      "<p>x &amp<!-- c -->;glued after a comment</p><p>&not<!-- c -->in the text after</p>",
      "<p>long enough text<!-- c -->continues after the comment and more</p>",
      // Entities inside runs keep those runs inline; others around them.
      "<p>before the entity here &eacute; and after the entity here</p><p>plain long run</p>",
      // Literal '<' in text, select and option text, MathML text.
      "<p>1 <3 and some more text after it</p><select><option>option text long</select>"
      "<math><mi>math identifier text</mi></math>",
      // RCDATA keeps its text as is.
      "<title>a long title that stays inline</title><textarea>text area content long</textarea>",
      // Frameset: only whitespace of text is kept there.
      "<frameset>  text in a frameset ignored  </frameset>",
      // Non-ASCII runs, controls and CR (kept inline).
      "<p>caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e \xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87\xE5\xAD\x97</p>"
      "<p>with a carriage\r\nreturn inside it</p><p>with a bell\x07 inside it</p>",
  };
  for (const char* page : pages) {
    INFO(page);
    CHECK(TreeOf(page, true) == TreeOf(page, false));
  }
  size_t runs = 0;
  TreeOf(pages[1], true, &runs);
  CHECK(runs >= 2);  // the test does exercise stand-ins
}

TEST_CASE("Prescan makes no stand-ins on a page holding U+E000, or when not asked", "[stand_ins]") {
  size_t runs = 0;
  TreeOf("<p>a long run of text \xEE\x80\x80" "ABCD here</p><p>another long run of text</p>", true,
         &runs);
  CHECK(runs == 0);
  TreeOf("<p>a long run of text here</p>", false, &runs);
  CHECK(runs == 0);
  TreeOf("<p>a long run of text here</p>", true, &runs);
  CHECK(runs == 1);
}

TEST_CASE("Prescan stands in for a run without its whitespace, and not for short or glued runs",
          "[stand_ins][prescan]") {
  PrescanOptions options;
  options.stand_in_text = true;
  PrescanResult r = Prescan("<p>  a long run of text  </p><p>short</p><b>x</b>after a tag, a run", options);
  REQUIRE(r.text_runs.ends.size() == 2);
  CHECK(r.text_runs.Run(0) == "a long run of text");
  CHECK(r.text_runs.Run(1) == "after a tag, a run");
  std::string expected = "<p> ";
  AppendStandIn(0, &expected);
  expected += " </p><p>short</p><b>x</b>";
  AppendStandIn(1, &expected);
  CHECK(r.html == expected);
  // Text right after text (a dropped comment between) is not a run.
  CHECK(Prescan("<p>text<!-- c -->glued to the text before</p>", options).text_runs.ends.empty());
  // A frameset page gets its runs back (a frameset keeps only whitespace).
  r = Prescan("<p>a long run of text here</p><frameset>x</frameset>", options);
  CHECK(r.text_runs.ends.empty());
  CHECK(r.html == "<p>a long run of text here</p><frameset>x</frameset>");
}

}  // namespace
}  // namespace ecwatch
