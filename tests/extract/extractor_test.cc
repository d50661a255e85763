// Tests for extract/extractor.h: the public entry points end to end.
#include "extract/extractor.h"

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "extract/charset.h"
#include "extract/prescan.h"
#include "tests/extract/encoded_pages.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using testing::ReadFileOrDie;
using testing::TestDataDir;

TEST_CASE("ExtractHtml seed article: article kept, furniture dropped", "[extractor]") {
  std::string html = ReadFileOrDie(std::string(ECWATCH_SOURCE_DIR) + "/examples/pages/seed-article.html");
  Result<Article> a = ExtractHtml("https://news.example.com/2025/11/07/rare-earths/", "", html);
  REQUIRE(a.ok());
  CHECK(a->title == "China Grants One-Year Pause on Rare Earth Export Controls in Bid to Advance US Trade Talks");
  CHECK(a->text.find("Leave a Reply") == std::string::npos);
  CHECK(a->text.find("Recent Posts") == std::string::npos);
  CHECK(a->text.find("Privacy policy") == std::string::npos);
  CHECK(a->text.find("Privacy Policy") == std::string::npos);
  // Every paragraph of the reference text (after its title line) is in the output.
  std::string expected = ReadFileOrDie(TestDataDir() + "/extract/seed-article.txt");
  size_t pos = expected.find("\n\n");
  REQUIRE(pos != std::string::npos);
  while (pos < expected.size()) {
    size_t start = pos + 2, end = expected.find("\n\n", start);
    if (end == std::string::npos) end = expected.size();
    std::string paragraph = expected.substr(start, end - start);
    while (!paragraph.empty() && paragraph.back() == '\n') paragraph.pop_back();
    if (!paragraph.empty()) {
      INFO(paragraph);
      CHECK(a->text.find(paragraph) != std::string::npos);
    }
    pos = end;
  }
  CHECK(a->text.find("\n\n") != std::string::npos);  // block breaks kept
  CHECK(a->language == "en-US");
  CHECK(a->site_name == "Example Industry News");
}

TEST_CASE("ExtractHtml: a GBK page and its UTF-8 twin give identical text", "[extractor]") {
  for (const auto& page : testing_pages::LegacyPages()) {
    INFO(page.charset);
    Result<Article> utf8 = ExtractHtml("https://x.test/a", "text/html; charset=utf-8",
                                       testing_pages::WithoutMetaCharset(page.utf8_html));
    Result<Article> legacy =
        ExtractHtml("https://x.test/a", "", testing_pages::Encode(page.utf8_html, page.charset));
    REQUIRE(utf8.ok());
    REQUIRE(legacy.ok());
    CHECK(legacy->text == utf8->text);
    CHECK(legacy->title == utf8->title);
    CHECK(utf8->text.find(page.first_sentence) == 0);  // nav and title heading dropped
    CHECK(utf8->text.find("2025") == std::string::npos);  // footer dropped
  }
}

TEST_CASE("ExtractHtml decodes entities and normalises whitespace", "[extractor]") {
  Result<Article> a = ExtractHtml("https://x.test/", "",
                                  "<body><article><p>Tom &amp; Jerry&nbsp;&nbsp;say\n\n  "
                                  "&ldquo;hi&rdquo;, &#x4E2D;&#25991; and so on, and on, "
                                  "and on.</p><p>Second   block.</p></article></body>");
  REQUIRE(a.ok());
  CHECK(a->text == "Tom & Jerry say \u201Chi\u201D, \u4E2D\u6587 and so on, and on, and on.\n\nSecond block.");
}

TEST_CASE("ExtractHtml on empty or textless pages gives empty text, not an error", "[extractor]") {
  for (const char* html : {"", "<html></html>", "<script>x()</script>", "\xFF\xFE", "<<<>>>"}) {
    Result<Article> a = ExtractHtml("https://x.test/", "", html);
    REQUIRE(a.ok());
  }
}

TEST_CASE("ExtractHtml rejects pages over kMaxHtmlBytes", "[extractor][limits]") {
  std::string big(limits::kMaxHtmlBytes + 1, 'a');
  Result<Article> a = ExtractHtml("https://x.test/", "", big);
  REQUIRE_FALSE(a.ok());
  CHECK(a.status().code() == Status::Code::kTooLarge);
  CHECK(ExtractPlainText("u", "", big).status().code() == Status::Code::kTooLarge);
}

TEST_CASE("ExtractHtml flattens nesting deeper than kMaxNestingDepth", "[extractor][limits]") {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "<p>Deep text, with commas, survives the flattening of the tree.</p>";
  Result<Article> a = ExtractHtml("https://x.test/", "", html);
  REQUIRE(a.ok());
  CHECK(a->text == "Deep text, with commas, survives the flattening of the tree.");
}

TEST_CASE("ExtractPlainText normalises and takes the first line as title", "[extractor]") {
  Result<Article> a = ExtractPlainText("https://x.test/a.txt", "text/plain; charset=utf-8",
                                       "\n\n  Export   notice \nline two\n\n\n\npara two\n");
  REQUIRE(a.ok());
  CHECK(a->title == "Export notice");
  CHECK(a->text == "Export notice\nline two\n\npara two");
}

TEST_CASE("ExtractLinks resolves, de-duplicates and drops non-http links", "[extractor]") {
  std::vector<std::string> links = ExtractLinks(
      "https://x.test/news/index.html", "",
      "<head><base href=\"/base/\"></head><a href=\"a.html#top\">1</a><a href=\"a.html\">2</a>"
      "<a href=\"mailto:x@y\">3</a><a href=\"https://o.test/b\">4</a><a href=\"javascript:x\">5</a>"
      "<A HREF=\"//cdn.test/c\">6</A><!-- <a href=\"/hidden\">7</a> -->");
  CHECK(links == std::vector<std::string>{"https://x.test/base/a.html", "https://o.test/b",
                                          "https://cdn.test/c"});
}

TEST_CASE("ExtractLinks stops at kMaxLinksPerPage", "[extractor][limits]") {
  std::string html;
  for (size_t i = 0; i < limits::kMaxLinksPerPage + 10; ++i) {
    html += "<a href=\"/p" + std::to_string(i) + "\">x</a>";
  }
  CHECK(ExtractLinks("https://x.test/", "", html).size() == limits::kMaxLinksPerPage);
}

TEST_CASE("ClassifyDocument uses Content-Type, then suffix, then a sniff", "[extractor]") {
  CHECK(ClassifyDocument("text/html; charset=utf-8", "", "") == DocumentKind::kHtml);
  CHECK(ClassifyDocument("application/rss+xml", "", "") == DocumentKind::kFeed);
  CHECK(ClassifyDocument("text/xml", "", "<?xml version=\"1.0\"?><rss>") == DocumentKind::kFeed);
  CHECK(ClassifyDocument("application/pdf", "", "%PDF") == DocumentKind::kUnsupported);
  CHECK(ClassifyDocument("image/png", "", "") == DocumentKind::kUnsupported);
  CHECK(ClassifyDocument("text/plain", "", "just text") == DocumentKind::kText);
  CHECK(ClassifyDocument("", "page.html", "") == DocumentKind::kHtml);
  CHECK(ClassifyDocument("", "notes.txt", "") == DocumentKind::kText);
  CHECK(ClassifyDocument("", "x.pdf?download=1", "") == DocumentKind::kUnsupported);
  CHECK(ClassifyDocument("", "https://x.test/feed", "<?xml?><feed xmlns=\"a\">") == DocumentKind::kFeed);
  CHECK(ClassifyDocument("", "https://x.test/", "<!DOCTYPE html><html>") == DocumentKind::kHtml);
  CHECK(ClassifyDocument("", "https://x.test/", std::string("\x89PNG\0\0", 6)) == DocumentKind::kUnsupported);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("ExtractHtml caps text at kMaxTextBytes and titles at kMaxTitleBytes", "[extractor][limits]") {
  std::string sentence = "Export licences are reviewed case by case, the ministry said. ";
  std::string html = "<title>" + std::string(limits::kMaxTitleBytes * 3, 'T') + "</title><article><p>";
  while (html.size() < limits::kMaxTextBytes + (512 << 10)) html += sentence;
  html += "</p></article>";
  Result<Article> a = ExtractHtml("https://x.test/", "", html);
  REQUIRE(a.ok());
  CHECK(a->text.size() <= limits::kMaxTextBytes);
  CHECK(a->text.size() > limits::kMaxTextBytes - sentence.size());
  CHECK(a->title.size() == limits::kMaxTitleBytes);
}

TEST_CASE("Prescan keeps at most kMaxJsonLdScripts JSON-LD bodies", "[extractor][limits]") {
  std::string html;
  for (size_t i = 0; i < limits::kMaxJsonLdScripts + 5; ++i) {
    html += "<script type=application/ld+json>{\"n\":" + std::to_string(i) + "}</script>";
  }
  CHECK(Prescan(html).json_ld.size() == limits::kMaxJsonLdScripts);
}

TEST_CASE("A <meta charset> after kMaxCharsetSniffBytes is not read", "[extractor][limits]") {
  std::string filler(limits::kMaxCharsetSniffBytes, ' ');
  CHECK(SniffMetaCharset("<meta charset=koi8-r>" + filler) == "koi8-r");
  CHECK(SniffMetaCharset(filler + "<meta charset=koi8-r>").empty());
}

}  // namespace
}  // namespace ecwatch
