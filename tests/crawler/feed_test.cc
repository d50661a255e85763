// Pins ParseFeed: RSS 2.0, RDF and Atom items, link resolution, the item
// cap, rejection of non-feeds, and XXE / entity-expansion safety.
#include "crawler/feed.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "base/limits.h"
#include "tests/crawler/test_gzip.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Fixture(const std::string& name) {
  return testing::ReadFileOrDie(testing::TestDataDir() + "/crawler/" + name);
}

TEST_CASE("ParseFeed reads RSS 2.0 items: link, guid permalink, title, pubDate, dc:date",
          "[crawler][feed]") {
  Result<std::vector<FeedItem>> r =
      ParseFeed("https://news.example.test/feed.xml", Fixture("rss2.xml"));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 3);  // the item with a non-permalink guid has no URL
  CHECK(r.value()[0].url == "https://news.example.test/2026/11/rare-earths.html");
  CHECK(r.value()[0].title == "China suspends rare-earth export controls");
  CHECK(r.value()[0].published == "Fri, 07 Nov 2025 10:00:00 +0800");
  CHECK(r.value()[1].url == "https://news.example.test/2026/11/gallium.html");  // resolved
  CHECK(r.value()[1].title == "Gallium & germanium: what changes");             // CDATA
  CHECK(r.value()[1].published == "2025-11-08");
  CHECK(r.value()[2].url == "https://news.example.test/p/3");
}

TEST_CASE("ParseFeed reads RDF (RSS 1.0) items: link, else rdf:about", "[crawler][feed]") {
  Result<std::vector<FeedItem>> r =
      ParseFeed("https://ministry.example.test/rss", Fixture("rdf.xml"));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK(r.value()[0].url == "https://ministry.example.test/n/1");
  CHECK(r.value()[0].title == "Announcement No. 61 of 2025");
  CHECK(r.value()[0].published == "2025-10-09T08:00:00+08:00");
  CHECK(r.value()[1].url == "https://ministry.example.test/n/2");
}

TEST_CASE("ParseFeed reads Atom entries: rel=alternate href, xml:base, published else updated",
          "[crawler][feed]") {
  Result<std::vector<FeedItem>> r =
      ParseFeed("https://wire.example.test/feed.atom", Fixture("atom.xml"));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK(r.value()[0].url == "https://wire.example.test/en/story/antimony");  // not the enclosure
  CHECK(r.value()[0].published == "2025-11-06T09:00:00Z");
  CHECK(r.value()[1].url == "https://other.example.test/graphite");
  CHECK(r.value()[1].title == "Graphite rules <b>eased</b>");
  CHECK(r.value()[1].published == "2025-11-05T09:00:00Z");
}

TEST_CASE("ParseFeed takes an item's atom:link href when it has no RSS link text",
          "[crawler][feed]") {
  const std::string rss =
      "<rss xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><item><title>A</title>"
      "<atom:link href=\"/a\" rel=\"alternate\"/></item>"
      "<item><atom:link href=\"/ignored\"/><link>https://x.test/b</link></item>"
      "</channel></rss>";
  Result<std::vector<FeedItem>> r = ParseFeed("https://x.test/feed", rss);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK(r.value()[0].url == "https://x.test/a");
  CHECK(r.value()[1].url == "https://x.test/b");
}

TEST_CASE("ParseFeed converts a declared legacy encoding (GBK) to UTF-8", "[crawler][feed]") {
  // "\xCF\xA1\xCD\xC1" is GBK for U+7A00 U+571F (rare earth).
  const std::string rss =
      "<?xml version=\"1.0\" encoding=\"GBK\"?><rss><channel><item><title>\xCF\xA1\xCD\xC1</title>"
      "<link>https://x.test/1</link></item></channel></rss>";
  Result<std::vector<FeedItem>> r = ParseFeed("https://x.test/feed", rss);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK(r.value()[0].title == "\xE7\xA8\x80\xE5\x9C\x9F");
}

TEST_CASE("ParseFeed rejects HTML, other XML and garbage as InvalidArgument naming the URL",
          "[crawler][feed]") {
  for (const char* bytes :
       {"<html><body><p>hi</p></body></html>", "<urlset/>", "not xml at all", ""}) {
    INFO(bytes);
    Result<std::vector<FeedItem>> r = ParseFeed("https://x.test/f", bytes);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK(r.status().message().rfind("https://x.test/f: not a feed (", 0) == 0);
  }
}

TEST_CASE("ParseFeed gunzips a gzip'd feed body", "[crawler][feed]") {
  Result<std::vector<FeedItem>> r =
      ParseFeed("https://news.example.test/feed.xml.gz", testing::GzipForTest(Fixture("rss2.xml")));
  REQUIRE(r.ok());
  CHECK(r->size() == 3);
}

TEST_CASE("ParseFeed keeps at most kMaxFeedItems items", "[crawler][feed][limits]") {
  std::string rss = "<rss><channel>";
  for (std::size_t i = 0; i < limits::kMaxFeedItems + 10; ++i) {
    rss += "<item><link>/a/" + std::to_string(i) + "</link></item>";
  }
  rss += "</channel></rss>";
  Result<std::vector<FeedItem>> r = ParseFeed("https://x.test/", rss);
  REQUIRE(r.ok());
  CHECK(r->size() == limits::kMaxFeedItems);
  CHECK(r->back().url == "https://x.test/a/" + std::to_string(limits::kMaxFeedItems - 1));
}

TEST_CASE("ParseFeed does not load external entities (XXE)", "[crawler][feed][security]") {
  const std::string dir = testing::MakeTempDir("feed-xxe");
  const std::string secret = dir + "/secret.txt";
  std::ofstream(secret) << "TOPSECRET";
  const std::string rss = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" +
                          secret +
                          "\">]><rss><channel><item><title>&xxe;</title>"
                          "<link>https://x.test/1</link></item></channel></rss>";
  Result<std::vector<FeedItem>> r = ParseFeed("https://x.test/", rss);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  CHECK(r.value()[0].title.find("TOPSECRET") == std::string::npos);
}

TEST_CASE("ParseFeed does not expand nested internal entities (billion laughs)",
          "[crawler][feed][security]") {
  std::string dtd = "<!DOCTYPE rss [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "&l" + std::to_string(i - 1) + ";";
    std::string body;
    for (int k = 0; k < 10; ++k) body += prev;
    dtd += "<!ENTITY l" + std::to_string(i) + " \"" + body + "\">";
  }
  dtd += "]>";
  const std::string rss = "<?xml version=\"1.0\"?>" + dtd +
                          "<rss><channel><item><title>&l9;</title><link>https://x.test/1</link>"
                          "</item></channel></rss>";
  Result<std::vector<FeedItem>> r = ParseFeed("https://x.test/", rss);
  if (r.ok()) {
    for (const FeedItem& item : r.value()) CHECK(item.title.size() < 1000);
  } else {
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
  }
}

}  // namespace
}  // namespace ecwatch
