// Sitemap: the URLs of an XML sitemap (sitemaps.org 0.9) or sitemap index,
// including Google News sitemaps (news:news/news:publication_date).
#ifndef ECWATCH_CRAWLER_SITEMAP_H_
#define ECWATCH_CRAWLER_SITEMAP_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ecwatch {

struct SitemapEntry {
  std::string url;        // <loc>, absolute (resolved against the sitemap URL)
  std::string lastmod;    // <lastmod> as given, "" when absent
  std::string title;      // news:title, "" when absent
  std::string published;  // news:publication_date as given, "" when absent
};

struct Sitemap {
  // true for a <sitemapindex>: entries are child sitemaps to fetch, not pages.
  bool is_index = false;
  std::vector<SitemapEntry> entries;  // document order, at most limits::kMaxSitemapEntries
};

// Parses a sitemap or sitemap index; bytes may be gzip-compressed (a .xml.gz
// body served without Content-Encoding), detected by the gzip magic.
// InvalidArgument "URL: not a sitemap (...)" when the root is neither
// <urlset> nor <sitemapindex>; TooLarge past limits::kMaxXmlBytes (before or
// after gunzip). Entries without <loc> are skipped. Thread-safe.
Result<Sitemap> ParseSitemap(std::string_view sitemap_url, std::string_view bytes);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_SITEMAP_H_
