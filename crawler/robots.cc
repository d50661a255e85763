// RobotsPolicy: an RFC 9309 robots.txt parser and matcher of our own.
//
// Parsing collects groups (user-agent lines followed by rules), keeps the
// rules of the groups that apply to our product token, and normalises their
// percent-encoding; matching is a "*"/"$" glob with longest-match-wins.
// Tested by tests/crawler/robots_test.cc (test names cite RFC sections).
#include "crawler/robots.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "base/limits.h"

namespace ecwatch {

namespace {

struct Group {
  std::vector<std::string> agents;                  // product tokens, lower-case; "*" for any
  std::vector<std::pair<std::string, bool>> rules;  // raw pattern, allow
  double crawl_delay = 0;                           // seconds; 0 none
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// One spelling for comparison (RFC 9309 2.2.2): escapes of unreserved
// characters decoded, other escapes upper-case, non-ASCII octets escaped.
std::string NormalizeEncoding(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      const unsigned char decoded =
          static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
      } else {
        out += {'%', kHex[decoded >> 4], kHex[decoded & 15]};
      }
      i += 2;
    } else if (c >= 0x80) {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// "*" matches any run of octets; a final "$" anchors at the end; otherwise
// the pattern need only match a prefix of path (RFC 9309 2.2.3).
bool Matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// The body up to kMaxRobotsBytes, cut at a line end when truncated.
std::string_view Capped(std::string_view body) {
  if (body.size() <= limits::kMaxRobotsBytes) return body;
  body = body.substr(0, limits::kMaxRobotsBytes);
  const size_t eol = body.find_last_of("\r\n");
  return eol == std::string_view::npos ? std::string_view() : body.substr(0, eol);
}

// Splits "key: value # comment" into lower-case key and value; false when
// the line has no colon (or is blank or only a comment).
bool SplitLine(std::string_view line, std::string* key, std::string_view* value) {
  line = line.substr(0, line.find('#'));
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  *key = Lower(Trim(line.substr(0, colon)));
  *value = Trim(line.substr(colon + 1));
  return true;
}

// Seconds of a Crawl-delay value ("10", "0.5"); -1 when not a number.
double ParseDelay(std::string_view value) {
  double seconds = 0;
  double scale = 0;  // 0 before the decimal point, then 0.1, 0.01, ...
  if (value.empty() || value.size() > 16) return -1;
  for (char c : value) {
    if (c == '.' && scale == 0) {
      scale = 0.1;
    } else if (c >= '0' && c <= '9') {
      if (scale == 0) {
        seconds = seconds * 10 + (c - '0');
      } else {
        seconds += (c - '0') * scale;
        scale /= 10;
      }
    } else {
      return -1;
    }
  }
  return seconds;
}

// Reads all groups; rules before the first user-agent line are dropped.
std::vector<Group> ParseGroups(std::string_view body) {
  std::vector<Group> groups;
  bool in_rules = true;  // the next user-agent line starts a new group
  while (!body.empty()) {
    const size_t eol = body.find_first_of("\r\n");
    const std::string_view line = body.substr(0, eol);
    body = eol == std::string_view::npos ? std::string_view() : body.substr(eol + 1);
    std::string key;
    std::string_view value;
    if (!SplitLine(line, &key, &value)) continue;
    if (key == "user-agent") {
      if (in_rules) groups.emplace_back();
      in_rules = false;
      groups.back().agents.push_back(value.substr(0, 1) == "*" ? "*" : Lower(ProductToken(value)));
    } else if ((key == "allow" || key == "disallow") && !groups.empty()) {
      in_rules = true;
      groups.back().rules.emplace_back(std::string(value), key == "allow");
    } else if (key == "crawl-delay" && !groups.empty()) {
      in_rules = true;
      groups.back().crawl_delay = ParseDelay(value);
    }
  }
  return groups;
}

bool GroupNames(const Group& group, std::string_view token) {
  for (const std::string& agent : group.agents) {
    if (agent == token) return true;
  }
  return false;
}

}  // namespace

std::string ProductToken(std::string_view user_agent) {
  size_t n = 0;
  while (n < user_agent.size() && (std::isalpha(static_cast<unsigned char>(user_agent[n])) ||
                                   user_agent[n] == '_' || user_agent[n] == '-')) {
    ++n;
  }
  return std::string(user_agent.substr(0, n));
}

RobotsPolicy RobotsPolicy::Parse(std::string_view robots_txt, std::string_view product_token) {
  const std::vector<Group> groups = ParseGroups(Capped(robots_txt));
  const std::string token = Lower(ProductToken(product_token));
  bool any_named = false;
  for (const Group& g : groups) any_named = any_named || (!token.empty() && GroupNames(g, token));
  const std::string_view wanted = any_named ? std::string_view(token) : std::string_view("*");
  RobotsPolicy policy;
  for (const Group& g : groups) {
    if (!GroupNames(g, wanted)) continue;
    policy.crawl_delay_seconds_ = std::max(policy.crawl_delay_seconds_, g.crawl_delay);
    for (const auto& [raw, allow] : g.rules) {
      if (raw.empty() || raw.size() > limits::kMaxUrlBytes) continue;  // empty: matches nothing
      std::string pattern = NormalizeEncoding(raw);
      if (pattern.front() != '/' && pattern.front() != '*') pattern.insert(pattern.begin(), '/');
      policy.rules_.push_back({std::move(pattern), allow});
    }
  }
  return policy;
}

RobotsPolicy RobotsPolicy::AllowAll() { return RobotsPolicy(); }

RobotsPolicy RobotsPolicy::DisallowAll() {
  RobotsPolicy policy;
  policy.disallow_all_ = true;
  return policy;
}

RobotsPolicy RobotsPolicy::FromFetch(bool fetch_ok, long http_status, std::string_view body,
                                     std::string_view product_token) {
  if (fetch_ok) return Parse(body, product_token);
  if (http_status >= 400 && http_status < 500) return AllowAll();
  return DisallowAll();
}

bool RobotsPolicy::IsAllowed(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  if (disallow_all_) return false;
  const std::string path = NormalizeEncoding(path_and_query.empty() ? "/" : path_and_query);
  size_t best_length = 0;
  bool allowed = true;  // no matching rule: allowed
  for (const Rule& rule : rules_) {
    if (rule.pattern.size() < best_length || !Matches(rule.pattern, path)) continue;
    if (rule.pattern.size() > best_length || rule.allow) allowed = rule.allow;
    best_length = rule.pattern.size();
  }
  return allowed;
}

}  // namespace ecwatch
