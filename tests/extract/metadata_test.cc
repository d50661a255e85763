// Tests for extract/metadata.h on small pages written for the purpose.
#include "extract/metadata.h"

#include <catch2/catch.hpp>

#include "extract/prescan.h"

namespace ecwatch {
namespace {

PageMetadata Meta(const std::string& html, std::string_view url = "https://news.example.com/a") {
  PrescanResult scanned = Prescan(html);
  LdArticle ld = ParseJsonLd(scanned.json_ld);
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse(std::move(scanned.html));
  return ExtractMetadata(*doc, ld, url);
}

TEST_CASE("Metadata title: og:title before JSON-LD, h1 and <title>", "[metadata]") {
  CHECK(Meta("<meta property=og:title content='OG'><title>T</title><h1>H</h1>").title == "OG");
  CHECK(Meta("<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"LD\"}</script>"
             "<title>T</title><h1>H</h1>").title == "LD");
  CHECK(Meta("<title>T</title><h1>Only heading</h1>").title == "Only heading");
  CHECK(Meta("<title>Rare earth controls paused for a year - Example News</title>").title ==
        "Rare earth controls paused for a year");
}

TEST_CASE("StripSiteSuffix removes the site part of a title", "[metadata]") {
  CHECK(StripSiteSuffix("Rare earths paused | Example News", "Example News") == "Rare earths paused");
  CHECK(StripSiteSuffix("Example News | Rare earths paused", "Example News") == "Rare earths paused");
  CHECK(StripSiteSuffix("China suspends rare earth export controls \u2013 Reuters", "") ==
        "China suspends rare earth export controls");
  CHECK(StripSiteSuffix("Q&A - what the export ban means for chipmakers", "") ==
        "Q&A - what the export ban means for chipmakers");
  CHECK(StripSiteSuffix("No separator here", "Site") == "No separator here");
}

TEST_CASE("Metadata published date: order of sources and normalisation", "[metadata]") {
  CHECK(Meta("<meta property='article:published_time' content='2025-11-07T10:00:00+08:00'>"
             "<meta name=date content='2020-01-01'>").published == "2025-11-07T10:00:00+08:00");
  CHECK(Meta("<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"datePublished\":"
             "\"2025-11-06\"}</script><time datetime='2020-01-01'>x</time>").published == "2025-11-06");
  CHECK(Meta("<meta name='dc.date' content='2025/11/05'>").published == "2025-11-05");
  CHECK(Meta("<body><time datetime='2025-11-04T08:00:00Z'>Nov 4</time></body>").published ==
        "2025-11-04T08:00:00Z");
  CHECK(Meta("<meta name='my-site-publish-date' content='November 3, 2025'>").published == "2025-11-03");
  CHECK(Meta("<p>x</p>", "https://x.example/2025/11/02/story").published == "2025-11-02");
  CHECK(Meta("<p>x</p>").published.empty());
}

TEST_CASE("Metadata author, site name, canonical URL and language", "[metadata]") {
  PageMetadata m = Meta(
      "<html lang='zh-CN'><head><meta name=author content='Li Wei'>"
      "<meta property=og:site_name content='Example News'>"
      "<link rel=canonical href='/2025/11/07/story.html#top'></head><body></body></html>",
      "https://news.example.com/amp/story");
  CHECK(m.author == "Li Wei");
  CHECK(m.site_name == "Example News");
  CHECK(m.canonical_url == "https://news.example.com/2025/11/07/story.html");
  CHECK(m.language == "zh-CN");
  CHECK(Meta("<meta http-equiv=content-language content='de-DE'>").language == "de-DE");
  CHECK(Meta("<meta property=og:locale content='en_GB'>").language == "en-GB");
  CHECK(Meta("<link rel=canonical href='javascript:alert(1)'>").canonical_url.empty());
}

}  // namespace
}  // namespace ecwatch
