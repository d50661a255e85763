// Pins ParseSitemap: urlset, sitemapindex, Google News fields, gzip bodies,
// the entry cap and rejection of other documents.
#include "crawler/sitemap.h"

#include <catch2/catch.hpp>
#include <string>

#include "base/limits.h"
#include "tests/crawler/test_gzip.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Fixture(const std::string& name) {
  return testing::ReadFileOrDie(testing::TestDataDir() + "/crawler/" + name);
}

TEST_CASE("ParseSitemap reads urlset loc and lastmod, skipping entries without loc",
          "[crawler][sitemap]") {
  Result<Sitemap> r = ParseSitemap("https://news.example.test/sitemap.xml", Fixture("sitemap.xml"));
  REQUIRE(r.ok());
  CHECK_FALSE(r->is_index);
  REQUIRE(r->entries.size() == 2);
  CHECK(r->entries[0].url == "https://news.example.test/a.html");
  CHECK(r->entries[0].lastmod == "2025-11-07");
  CHECK(r->entries[1].url == "https://news.example.test/b.html");  // whitespace trimmed
  CHECK(r->entries[1].lastmod.empty());
}

TEST_CASE("ParseSitemap reads a sitemap index and resolves relative locs", "[crawler][sitemap]") {
  Result<Sitemap> r =
      ParseSitemap("https://news.example.test/sitemap_index.xml", Fixture("sitemap_index.xml"));
  REQUIRE(r.ok());
  CHECK(r->is_index);
  REQUIRE(r->entries.size() == 2);
  CHECK(r->entries[0].url == "https://news.example.test/sitemap-2025-11.xml.gz");
  CHECK(r->entries[0].lastmod == "2025-11-07T00:00:00Z");
  CHECK(r->entries[1].url == "https://news.example.test/sitemap-2025-10.xml");
}

TEST_CASE("ParseSitemap reads Google News publication_date and title", "[crawler][sitemap]") {
  Result<Sitemap> r =
      ParseSitemap("https://news.example.test/news.xml", Fixture("news_sitemap.xml"));
  REQUIRE(r.ok());
  REQUIRE(r->entries.size() == 1);
  CHECK(r->entries[0].url == "https://news.example.test/2025/11/07/rare-earths");
  CHECK(r->entries[0].published == "2025-11-07T10:00:00+08:00");
  CHECK(r->entries[0].title == "China suspends export controls on rare earths");
}

TEST_CASE("ParseSitemap undoes gzip and rejects corrupt gzip", "[crawler][sitemap]") {
  const std::string gz = testing::GzipForTest(Fixture("sitemap.xml"));
  Result<Sitemap> r = ParseSitemap("https://news.example.test/sitemap.xml.gz", gz);
  REQUIRE(r.ok());
  CHECK(r->entries.size() == 2);
  Result<Sitemap> truncated =
      ParseSitemap("https://news.example.test/s.xml.gz", gz.substr(0, gz.size() / 2));
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.status().message() == "https://news.example.test/s.xml.gz: bad gzip data");
}

TEST_CASE("ParseSitemap caps gunzipped size at kMaxXmlBytes", "[crawler][sitemap][limits]") {
  const std::string bomb = testing::GzipForTest(std::string(limits::kMaxXmlBytes + 1, ' '));
  Result<Sitemap> r = ParseSitemap("https://x.test/s.xml.gz", bomb);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTooLarge);
}

TEST_CASE("ParseSitemap refuses an uncompressed body over kMaxXmlBytes",
          "[crawler][sitemap][limits]") {
  // Padded with short unknown elements (libxml2 refuses text nodes over 10 MB).
  std::string xml = "<urlset><url><loc>/a</loc></url>";
  const std::string pad = std::string(1020, ' ') + "<x/>";
  while (xml.size() + pad.size() + 9 <= limits::kMaxXmlBytes) xml += pad;
  xml += std::string(limits::kMaxXmlBytes - xml.size() - 9, ' ') + "</urlset>";
  REQUIRE(xml.size() == limits::kMaxXmlBytes);
  Result<Sitemap> at_cap = ParseSitemap("https://x.test/s.xml", xml);
  REQUIRE(at_cap.ok());
  CHECK(at_cap->entries.size() == 1);
  xml.insert(0, " ");
  Result<Sitemap> over = ParseSitemap("https://x.test/s.xml", xml);
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().code() == Status::Code::kTooLarge);
}

TEST_CASE("ParseSitemap keeps at most kMaxSitemapEntries entries", "[crawler][sitemap][limits]") {
  std::string xml = "<urlset>";
  for (std::size_t i = 0; i < limits::kMaxSitemapEntries + 5; ++i) {
    xml += "<url><loc>/p/" + std::to_string(i) + "</loc></url>";
  }
  xml += "</urlset>";
  Result<Sitemap> r = ParseSitemap("https://x.test/s.xml", xml);
  REQUIRE(r.ok());
  CHECK(r->entries.size() == limits::kMaxSitemapEntries);
}

TEST_CASE("ParseSitemap rejects a feed as not a sitemap", "[crawler][sitemap]") {
  Result<Sitemap> r = ParseSitemap("https://x.test/s.xml", "<rss><channel/></rss>");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  CHECK(r.status().message() == "https://x.test/s.xml: not a sitemap (root element <rss>)");
}

}  // namespace
}  // namespace ecwatch
