// Page metadata: title, publication date, author, site name, canonical URL,
// language, from <meta>, <link>, JSON-LD, <time>, headings and the URL.
// Thread-safe (reads the document only).
#ifndef ECWATCH_EXTRACT_METADATA_H_
#define ECWATCH_EXTRACT_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/html_document.h"
#include "extract/json_ld.h"

namespace ecwatch {

struct PageMetadata {
  std::string title;          // at most limits::kMaxTitleBytes
  std::string published;      // ISO 8601 (date.h), "" when unknown
  std::string author;
  std::string site_name;
  std::string canonical_url;  // absolute, "" when undeclared
  std::string language;       // as declared, "_" of og:locale turned into "-"
};

// Title: og:title / twitter:title, JSON-LD headline, the single <h1>, then
// <title>; a " | Site" / " - Site" suffix (or "Site | " prefix) is removed.
// Published: article:published_time (and kin), JSON-LD datePublished,
// itemprop=datePublished, meta date / dc.date / pubdate, <time datetime>, a
// date in the URL path. Language: <html lang>, content-language, og:locale,
// JSON-LD inLanguage.
PageMetadata ExtractMetadata(const HtmlDocument& doc, const LdArticle& ld, std::string_view url);

// `title` without a site-name part separated by " | ", " - ", " – ", " — ",
// " :: " or " · ": the part equal to `site_name`, else a short last part.
std::string StripSiteSuffix(std::string_view title, std::string_view site_name);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_METADATA_H_
