// URL canonicalisation for dedup: one spelling per page.
#ifndef ECWATCH_CRAWLER_URL_H_
#define ECWATCH_CRAWLER_URL_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace ecwatch {

// The canonical form of an absolute http or https URL:
//   - scheme and host lower-cased, one trailing dot of the host dropped;
//   - default port removed (:80 for http, :443 for https), empty path -> "/";
//   - percent-escapes of unreserved characters decoded, other escapes'
//     hex digits upper-cased, a stray '%' written "%25", "." and ".."
//     segments removed (RFC 3986 6.2.2);
//   - the fragment removed;
//   - tracking parameters removed from the query (utm_*, fbclid, gclid,
//     dclid, msclkid, mc_cid, mc_eid, igshid, _ga), the others kept in
//     order; an empty query drops its "?";
//   - a trailing index page removed: ".../index.html" -> ".../" (also
//     index.htm, index.php, index.asp, index.aspx, default.htm(l),
//     default.asp(x)), case-insensitively.
// Userinfo is kept. InvalidArgument "URL: ..." for another scheme, no host,
// or a bad port; TooLarge over limits::kMaxUrlBytes. Thread-safe.
Result<std::string> CanonicalizeUrl(std::string_view url);

// A URL as it may appear in logs and stored errors: scheme and host (with
// port) only, "/..." for a path or query dropped, no user:password — webhook
// URLs often carry their secret in the path (and some in the userinfo).
// "https://u:pw@hooks.example/T/B/x?k=1" -> "https://hooks.example/...";
// not a URL: "(URL withheld)".
std::string UrlForLog(std::string_view url);

// "scheme://host[:port]" + "/robots.txt" for an absolute http(s) URL
// (after canonicalisation), InvalidArgument as CanonicalizeUrl.
Result<std::string> RobotsTxtUrl(std::string_view url);

// The path and query of an absolute URL ("/a/b?c=d"), "/" when the path is
// empty; the input's spelling is kept. For robots.txt matching.
std::string PathAndQuery(std::string_view url);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_URL_H_
