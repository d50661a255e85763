// Feed: the article links of an RSS 2.0, RDF (RSS 1.0) or Atom document.
#ifndef ECWATCH_CRAWLER_FEED_H_
#define ECWATCH_CRAWLER_FEED_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ecwatch {

struct FeedItem {
  std::string url;        // absolute (resolved against the feed URL)
  std::string title;
  std::string published;  // as given by the feed, "" when absent
};

// Parses a feed with a real XML parser (libxml2, no network, no entities
// loaded from outside). InvalidArgument "URL: not a feed (...)" when the
// bytes are not RSS/RDF/Atom. At most limits::kMaxFeedItems items, in
// document order. Bytes starting with the gzip magic are gunzipped first
// (capped at limits::kMaxXmlBytes: TooLarge). Thread-safe.
Result<std::vector<FeedItem>> ParseFeed(std::string_view feed_url, std::string_view bytes);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_FEED_H_
