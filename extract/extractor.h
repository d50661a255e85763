// Extractor: bytes of a web page in, the article's main text and metadata out.
//
// No network, no database: extract/ takes bytes and a URL, nothing of crawler/.
// All functions are thread-safe (no shared mutable state).
#ifndef ECWATCH_EXTRACT_EXTRACTOR_H_
#define ECWATCH_EXTRACT_EXTRACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "extract/article.h"

namespace ecwatch {

// What kind of document bytes are, from the Content-Type (may be empty), the
// URL/path suffix and a sniff of the first bytes.
enum class DocumentKind { kHtml, kText, kFeed, kUnsupported };
DocumentKind ClassifyDocument(std::string_view content_type, std::string_view url,
                              std::string_view bytes);

// Extracts title, metadata and main text from an HTML page.
//   url:          used for resolving relative links and for URL-date fallback.
//   content_type: the HTTP Content-Type header or "" (its charset= is honoured).
//   bytes:        the page in any charset; converted to UTF-8 before parsing
//                 (BOM, header, <meta charset>, then detection); invalid
//                 sequences become U+FFFD.
// Returns TooLarge for bytes over limits::kMaxHtmlBytes. A page with no main
// text is not an error: the Article has empty text.
Result<Article> ExtractHtml(std::string_view url, std::string_view content_type,
                            std::string_view bytes);

// A plain-text document: converted to UTF-8 like ExtractHtml, whitespace
// normalised, the first non-empty line used as the title. Never fails except
// on TooLarge.
Result<Article> ExtractPlainText(std::string_view url, std::string_view content_type,
                                 std::string_view bytes);

// Absolute http(s) links of <a href> in an HTML page (and file:// links when
// the page itself is a file:// URL, for local sources), resolved against its URL
// (and <base href>), fragments dropped, de-duplicated in document order, at
// most limits::kMaxLinksPerPage.
std::vector<std::string> ExtractLinks(std::string_view url, std::string_view content_type,
                                      std::string_view bytes);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_EXTRACTOR_H_
