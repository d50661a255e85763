// CanonicalizeUrl and helpers: one spelling per page, for dedup and robots.
//
// A small parser for absolute http(s) URLs (scheme://authority/path?query#f)
// and the normalisations of RFC 3986 section 6.2.2 plus tracking-parameter
// and index-page removal. Tested by tests/crawler/url_test.cc.
#include "crawler/url.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "base/limits.h"

namespace ecwatch {

namespace {

struct UrlParts {
  std::string scheme;    // lower-case
  std::string userinfo;  // without '@', "" when none
  std::string host;
  std::string port;   // digits, "" when none
  std::string path;   // begins with '/' or is empty
  std::string query;  // without '?'
  bool has_query = false;
};

constexpr std::string_view kIndexPages[] = {"index.html",   "index.htm",   "index.php",
                                            "index.asp",    "index.aspx",  "default.htm",
                                            "default.html", "default.asp", "default.aspx"};

constexpr std::string_view kTrackingParams[] = {"fbclid", "gclid",  "dclid",  "msclkid",
                                                "mc_cid", "mc_eid", "igshid", "_ga"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits "user@host:port" into parts; false on a bad port.
bool SplitAuthority(std::string_view authority, UrlParts* out) {
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    out->userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  size_t colon = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    colon = authority.find(':', close);
  }
  out->host = Lower(authority.substr(0, colon));
  if (colon == std::string_view::npos) return true;
  out->port = std::string(authority.substr(colon + 1));
  if (out->port.size() > 5) return false;
  if (!std::all_of(out->port.begin(), out->port.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return false;
  }
  return out->port.empty() || std::stoi(out->port) <= 65535;
}

// A registered name (ASCII or UTF-8 bytes) with no empty label, or an IP
// literal in brackets; no controls, spaces or delimiters.
bool IsValidHost(std::string_view host) {
  if (host.front() == '[') {
    const std::string_view inner = host.substr(1, host.size() - 2);
    return host.size() > 2 && host.back() == ']' &&
           std::all_of(inner.begin(), inner.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '.' || c == '%';
           });
  }
  if (host.front() == '.' || host.find("..") != std::string_view::npos) return false;
  return std::none_of(host.begin(), host.end(), [](char ch) {
    const unsigned char c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f ||
           std::string_view("<>\"{}|\\^`/?#@[]:").find(ch) != std::string_view::npos;
  });
}

Status Split(std::string_view url, UrlParts* out) {
  const std::string u(url);
  const size_t sep = url.find("://");
  if (sep == std::string_view::npos) return Status::InvalidArgument(u + ": not an absolute URL");
  out->scheme = Lower(url.substr(0, sep));
  if (out->scheme != "http" && out->scheme != "https") {
    return Status::InvalidArgument(u + ": not an http(s) URL");
  }
  std::string_view rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find('#'));
  const size_t auth_end = std::min(rest.find_first_of("/?"), rest.size());
  if (!SplitAuthority(rest.substr(0, auth_end), out))
    return Status::InvalidArgument(u + ": bad port");
  if (out->host.empty()) return Status::InvalidArgument(u + ": no host");
  if (!IsValidHost(out->host)) return Status::InvalidArgument(u + ": bad host");
  if (out->host.back() == '.') out->host.pop_back();  // "example.test." is "example.test"
  rest.remove_prefix(auth_end);
  const size_t q = rest.find('?');
  out->path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) {
    out->has_query = true;
    out->query = std::string(rest.substr(q + 1));
  }
  return Status::Ok();
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

// Decodes escapes of unreserved characters, upper-cases the others' hex
// (RFC 3986 6.2.2.1-2); a '%' not followed by two hex digits becomes "%25",
// so that decoding cannot create a new escape ("%%66" -> "%25f").
std::string NormalizeEscapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const bool escape =
        s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0;
    if (!escape) {
      out += s[i] == '%' ? "%25" : std::string(1, s[i]);  // a stray '%' is data
      continue;
    }
    const int hi = HexValue(s[i + 1]);
    const int lo = HexValue(s[i + 2]);
    const unsigned char decoded = static_cast<unsigned char>(hi * 16 + lo);
    if (IsUnreserved(decoded)) {
      out.push_back(static_cast<char>(decoded));
    } else {
      out.push_back('%');
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1]))));
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2]))));
    }
    i += 2;
  }
  return out;
}

// RFC 3986 5.2.4 on an absolute path; "" becomes "/".
std::string RemoveDotSegments(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> kept;
  std::string_view rest = path.substr(1);
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (segment != ".") {
      kept.push_back(segment);
    }
    if (last) {
      if (segment == "." || segment == "..") kept.push_back("");  // keep the directory slash
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::string_view segment : kept) {
    out += '/';
    out += segment;
  }
  return out.empty() ? "/" : out;
}

bool IsTrackingParam(std::string_view name) {
  const std::string lower = Lower(name);
  if (lower.rfind("utm_", 0) == 0) return true;
  return std::find(std::begin(kTrackingParams), std::end(kTrackingParams), lower) !=
         std::end(kTrackingParams);
}

// The query without tracking parameters and empty pieces, order kept.
std::string CleanQuery(std::string_view query) {
  std::string out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    if (!piece.empty() && !IsTrackingParam(piece.substr(0, piece.find('=')))) {
      if (!out.empty()) out += '&';
      out += piece;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

void StripIndexPage(std::string* path) {
  const size_t slash = path->rfind('/');
  const std::string last = Lower(std::string_view(*path).substr(slash + 1));
  if (std::find(std::begin(kIndexPages), std::end(kIndexPages), last) != std::end(kIndexPages)) {
    path->resize(slash + 1);
  }
}

bool IsDefaultPort(const UrlParts& parts) {
  return parts.port.empty() || (parts.scheme == "http" && std::stoi(parts.port) == 80) ||
         (parts.scheme == "https" && std::stoi(parts.port) == 443);
}

std::string Origin(const UrlParts& parts) {
  std::string out = parts.scheme + "://";
  if (!parts.userinfo.empty()) out += parts.userinfo + "@";
  out += parts.host;
  if (!IsDefaultPort(parts)) out += ":" + std::to_string(std::stoi(parts.port));
  return out;
}

Result<UrlParts> Parse(std::string_view url) {
  if (url.size() > limits::kMaxUrlBytes) {
    return Status::TooLarge(std::string(url.substr(0, 64)) + "...: URL over " +
                            std::to_string(limits::kMaxUrlBytes) + " bytes");
  }
  UrlParts parts;
  if (Status s = Split(url, &parts); !s.ok()) return s;
  return parts;
}

}  // namespace

Result<std::string> CanonicalizeUrl(std::string_view url) {
  Result<UrlParts> parsed = Parse(url);
  if (!parsed.ok()) return parsed.status();
  UrlParts& parts = parsed.value();
  std::string path = RemoveDotSegments(NormalizeEscapes(parts.path));
  const std::string query = CleanQuery(NormalizeEscapes(parts.query));
  if (query.empty()) StripIndexPage(&path);
  std::string out = Origin(parts) + path;
  if (!query.empty()) out += "?" + query;
  return out;
}

Result<std::string> RobotsTxtUrl(std::string_view url) {
  Result<UrlParts> parsed = Parse(url);
  if (!parsed.ok()) return parsed.status();
  parsed.value().userinfo.clear();
  return Origin(parsed.value()) + "/robots.txt";
}

std::string PathAndQuery(std::string_view url) {
  const size_t sep = url.find("://");
  std::string_view rest = sep == std::string_view::npos ? url : url.substr(sep + 3);
  rest = rest.substr(0, rest.find('#'));
  const size_t start = rest.find_first_of("/?");
  if (start == std::string_view::npos) return "/";
  std::string out(rest.substr(start));
  if (out.front() == '?') out.insert(out.begin(), '/');
  return out;
}

std::string UrlForLog(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return "(URL withheld)";
  const std::string_view rest = url.substr(scheme_end + 3);
  const size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string out = std::string(url.substr(0, scheme_end)) + "://" + std::string(authority);
  if (authority_end != std::string_view::npos && authority_end + 1 < rest.size()) out += "/...";
  return out;
}

}  // namespace ecwatch
