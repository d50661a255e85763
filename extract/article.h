// Article: the output of the extract stage, the input of rules/ and store/.
#ifndef ECWATCH_EXTRACT_ARTICLE_H_
#define ECWATCH_EXTRACT_ARTICLE_H_

#include <string>
#include <vector>

namespace ecwatch {

// A plain value; empty strings mean "not declared by the page".
struct Article {
  std::string url;            // where the bytes came from (final URL after redirects, or a path)
  std::string canonical_url;  // <link rel=canonical> / og:url, absolute; empty if none
  std::string title;          // cleaned title, at most limits::kMaxTitleBytes
  std::string published;      // ISO 8601 ("2025-11-07" or "2025-11-07T10:00:00+08:00")
  std::string author;
  std::string site_name;
  std::string language;       // BCP 47 as declared ("en", "zh-CN")
  std::string text;           // main text, UTF-8; blocks separated by one blank line ("\n\n")
};

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_ARTICLE_H_
