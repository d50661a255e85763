// JSON-LD (<script type="application/ld+json">): the schema.org Article
// fields extraction uses. Thread-safe (pure functions).
#ifndef ECWATCH_EXTRACT_JSON_LD_H_
#define ECWATCH_EXTRACT_JSON_LD_H_

#include <string>
#include <vector>

namespace ecwatch {

// Fields of the first Article-like object (Article, NewsArticle,
// BlogPosting, Report, ...; searched through arrays and @graph). Empty
// strings when absent.
struct LdArticle {
  std::string headline;
  std::string date_published;  // as written; normalise with NormalizeDate
  std::string date_modified;
  std::string author;          // names joined with ", "
  std::string publisher;
  std::string article_body;
  std::string language;
  std::string url;
};

// Parses each script body (at most limits::kMaxJsonLdBytes each; invalid JSON
// is skipped, after one retry with raw control characters blanked out).
LdArticle ParseJsonLd(const std::vector<std::string>& scripts);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_JSON_LD_H_
