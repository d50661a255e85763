// Tests for extract/content.h: which part of a page is the article.
#include "extract/content.h"

#include <catch2/catch.hpp>

#include "extract/prescan.h"

namespace ecwatch {
namespace {

std::string Extract(const std::string& html, std::string_view title = "", std::string_view ld = "") {
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse(Prescan(html).html);
  return ExtractMainText(doc.get(), ContentHints{title, ld});
}

const char kParagraphs[] =
    "<p>The ministry said on Tuesday that licences for gallium and germanium exports would be "
    "reviewed case by case, with a decision due within forty-five working days.</p>"
    "<p>Exporters must now declare the end user, the end use and the quantity, the notice said, "
    "and shipments to military end users are refused outright.</p>"
    "<p>Analysts expect prices outside China to rise, as stockpiles held by manufacturers in Japan, "
    "Korea and Europe last only a few months.</p>"
    "<p>Industry groups asked for a transition period, saying that contracts signed before the "
    "notice could not be renegotiated in time, and that smaller firms lack compliance staff.</p>";

TEST_CASE("Content picks the article over navigation, sidebar, comments and footer", "[content]") {
  std::string html = std::string("<body><header><nav><a href=/>Home</a> <a href=/w>World</a></nav></header>") +
                     "<div class=sidebar><h3>Recent Posts</h3><ul><li><a href=/a>Some other post title here</a></li>"
                     "<li><a href=/b>And another, quite long, post title</a></li></ul></div>"
                     "<div class=story-body><h1>Gallium rules</h1>" + kParagraphs + "</div>"
                     "<div id=comments><h3>Leave a Reply</h3><p>Great article, thanks, I learned a lot, "
                     "really, from this piece of writing.</p></div>"
                     "<footer><p>Privacy policy | Terms of use | Contact us, always.</p></footer></body>";
  std::string text = Extract(html, "Gallium rules");
  CHECK(text.rfind("The ministry said on Tuesday", 0) == 0);
  CHECK(text.find("Analysts expect prices") != std::string::npos);
  for (const char* junk : {"Home", "Recent Posts", "Leave a Reply", "Great article", "Privacy policy",
                           "Gallium rules"}) {
    INFO(junk);
    CHECK(text.find(junk) == std::string::npos);
  }
}

TEST_CASE("Content keeps headings, lists and quotes inside the article, one blank line apart",
          "[content]") {
  std::string html = std::string("<article>") + kParagraphs +
                     "<h2>What changes</h2><ul><li>Licences, reviewed case by case for every "
                     "shipment</li><li>End-user declarations, for all exporters</li></ul>"
                     "<blockquote>We will apply the rules strictly, the spokesman said, and fairly.</blockquote>"
                     "</article>";
  std::string text = Extract(html);
  CHECK(text.find("\n\nWhat changes\n\nLicences, reviewed case by case for every shipment\n\n"
                  "End-user declarations, for all exporters\n\nWe will apply") != std::string::npos);
  CHECK(text.find("\n\n\n") == std::string::npos);
}

TEST_CASE("Content merges sibling paragraphs of the winning container", "[content]") {
  std::string html = std::string("<body><div class=wrap><div class=content>") + kParagraphs +
                     "</div><p>A closing paragraph that sits beside the main container but, being long "
                     "and free of links, belongs to the story as well.</p></div></body>";
  std::string text = Extract(html);
  CHECK(text.find("A closing paragraph") != std::string::npos);
  CHECK(text.find("The ministry said") != std::string::npos);
}

TEST_CASE("Content drops hidden elements, share bars, bylines and captions", "[content]") {
  std::string html = std::string("<article><div class=byline>By A. Writer, 7 Nov 2025</div>") +
                     "<div style='display: none'><p>Hidden text that must never appear, with words.</p></div>"
                     "<div class=share-tools><a href=/t>Share on X</a> <a href=/f>Share on Facebook</a></div>"
                     "<figure><img src=x.jpg><figcaption>A caption about the photo above</figcaption></figure>" +
                     kParagraphs + "</article>";
  std::string text = Extract(html);
  CHECK(text.rfind("The ministry said", 0) == 0);
  for (const char* junk : {"A. Writer", "Hidden text", "Share on", "A caption"}) {
    INFO(junk);
    CHECK(text.find(junk) == std::string::npos);
  }
}

TEST_CASE("Content relaxes its filters when the strict pass finds too little", "[content]") {
  // Every container carries a "comment"-like class; the strict pass would drop all of it.
  std::string html = std::string("<body><div class=comment-free-zone>") + kParagraphs + kParagraphs +
                     "</div></body>";
  CHECK(Extract(html).find("The ministry said") != std::string::npos);
}

TEST_CASE("Content uses JSON-LD articleBody only when the DOM result misses it", "[content]") {
  std::string body;
  for (int i = 0; i < 8; ++i) {
    body += "Paragraph " + std::to_string(i) + " of the full story tells what the regulator decided "
            "and why the industry reacted as it did.\n";
  }
  // The page shows a teaser only: the JSON-LD body wins.
  std::string teaser = "<article><p>Short teaser, with a comma, of the story, subscribe to read the "
                       "rest of it today.</p></article>";
  std::string text = Extract(teaser, "", body);
  CHECK(text.rfind("Paragraph 0 of the full story", 0) == 0);
  CHECK(text.find("\n\nParagraph 7") != std::string::npos);
  // The page has the story: the DOM result stays even though JSON-LD differs.
  std::string page = std::string("<article>") + kParagraphs + kParagraphs + kParagraphs + "</article>";
  std::string truncated = std::string(kParagraphs).substr(3, 200);
  CHECK(Extract(page, "", truncated).rfind("The ministry said", 0) == 0);
}

TEST_CASE("Content of a page without text is empty", "[content]") {
  CHECK(Extract("").empty());
  CHECK(Extract("<body><img src=a.png></body>").empty());
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("Content keeps a quotation embedded in a social-media block", "[content]") {
  std::string html = std::string("<article>") + kParagraphs +
                     "<div class=social-embed><blockquote class=tweet><p>The new licensing rule is "
                     "a disaster for small exporters, and nobody asked us.</p>&mdash; A Trader "
                     "(@trader) <a href=/s>November 7, 2025</a></blockquote></div>"
                     "<div class=social-share><a href=/t>Share</a> <a href=/f>Tweet</a></div></article>";
  std::string text = Extract(html);
  CHECK(text.find("a disaster for small exporters") != std::string::npos);
  CHECK(text.find("Tweet") == std::string::npos);
}

}  // namespace
}  // namespace ecwatch
