// Robots: the Robots Exclusion Protocol (RFC 9309) for one crawler.
#ifndef ECWATCH_CRAWLER_ROBOTS_H_
#define ECWATCH_CRAWLER_ROBOTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ecwatch {

// The rules of one host's robots.txt that apply to our product token.
// Immutable after construction: const methods are thread-safe.
class RobotsPolicy {
 public:
  // Parses a robots.txt body (only its first limits::kMaxRobotsBytes, RFC
  // 9309 2.5) for the crawler named product_token (see ProductToken):
  //   - the groups whose user-agent matches the token case-insensitively are
  //     combined; else the "*" groups; else no rule applies (2.2.1);
  //   - allow/disallow patterns support "*" and a final "$" (2.2.3); the
  //     longest matching pattern wins, allow on a tie (2.2.2);
  //   - lines that do not parse are skipped (2.3.1.5); empty patterns and
  //     other records (sitemap) are ignored;
  //   - "crawl-delay: N" (not in the RFC, widely used) in a matching group
  //     is kept as crawl_delay_seconds().
  static RobotsPolicy Parse(std::string_view robots_txt, std::string_view product_token);
  static RobotsPolicy AllowAll();
  static RobotsPolicy DisallowAll();
  // From the outcome of fetching /robots.txt (redirects already followed):
  // success -> Parse(body); HTTP 400-499 -> AllowAll ("unavailable",
  // 2.3.1.3); 5xx, no response or any other failure -> DisallowAll
  // ("unreachable", 2.3.1.4).
  static RobotsPolicy FromFetch(bool fetch_ok, long http_status, std::string_view body,
                                std::string_view product_token);

  // Whether path_and_query ("/a/b?c", see PathAndQuery in crawler/url.h)
  // may be fetched. "/robots.txt" is always allowed (2.2.2).
  bool IsAllowed(std::string_view path_and_query) const;

  // Seconds a matching group's Crawl-delay asks between requests; 0 none.
  double crawl_delay_seconds() const { return crawl_delay_seconds_; }

  // Rules that apply to our token (for tests and diagnostics).
  std::size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    std::string pattern;  // percent-encoding normalised, begins with '/' or '*'
    bool allow = false;
  };
  RobotsPolicy() = default;

  std::vector<Rule> rules_;
  bool disallow_all_ = false;
  double crawl_delay_seconds_ = 0;
};

// The product token of a User-Agent: its leading run of letters, '_' and
// '-' ("ecwatch/0.1 (+https://...)" -> "ecwatch"), RFC 9309 2.2.1.
std::string ProductToken(std::string_view user_agent);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_ROBOTS_H_
