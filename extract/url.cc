// RFC 3986 reference resolution, enough for links and canonical URLs.
// Tested by url_test.cc.
#include "extract/url.h"

#include <vector>

namespace ecwatch {
namespace {

std::string_view Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Length of "scheme:" at the start of `s`, 0 when there is none.
size_t SchemeLength(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c == ':') return i > 0 ? i + 1 : 0;
    if (!(alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
      return 0;
    }
  }
  return 0;
}

struct Parts {
  std::string_view scheme;     // "https:"
  std::string_view authority;  // "//host:port" (with the slashes) or ""
  std::string_view path;
  std::string_view query;      // "?..." or ""
};

Parts Split(std::string_view url) {
  Parts p;
  url = StripFragment(url);
  size_t scheme = SchemeLength(url);
  p.scheme = url.substr(0, scheme);
  url.remove_prefix(scheme);
  if (url.substr(0, 2) == "//") {
    size_t end = url.find_first_of("/?", 2);
    p.authority = url.substr(0, end);
    url.remove_prefix(p.authority.size());
  }
  size_t q = url.find('?');
  p.path = url.substr(0, q);
  if (q != std::string_view::npos) p.query = url.substr(q);
  return p;
}

// RFC 3986 5.2.4: removes "." and ".." segments.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  bool absolute = !path.empty() && path[0] == '/';
  size_t pos = absolute ? 1 : 0;
  bool trailing_slash = false;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(pos, end - pos);
    bool last = end == path.size();
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = true;
    } else if (seg == ".") {
      trailing_slash = true;
    } else {
      out.push_back(seg);
      trailing_slash = false;
    }
    if (last) break;
    pos = end + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i) result += '/';
    result.append(out[i]);
  }
  if (trailing_slash && !out.empty()) result += '/';
  return result;
}

std::string MergePaths(const Parts& base, std::string_view ref_path) {
  if (!base.authority.empty() && base.path.empty()) return "/" + std::string(ref_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

}  // namespace

std::string_view StripFragment(std::string_view url) {
  size_t hash = url.find('#');
  return hash == std::string_view::npos ? url : url.substr(0, hash);
}

bool IsHttpUrl(std::string_view url) {
  size_t scheme = SchemeLength(url);
  std::string lower;
  for (char c : url.substr(0, scheme)) lower += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  if (lower != "http:" && lower != "https:") return false;
  return url.size() > scheme + 2 && url.substr(scheme, 2) == "//" && url[scheme + 2] != '/';
}

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  ref = Trim(ref);
  if (ref.empty()) return "";
  std::string_view fragment;
  if (size_t hash = ref.find('#'); hash != std::string_view::npos) fragment = ref.substr(hash);
  Parts r = Split(ref);
  if (!r.scheme.empty()) {
    return std::string(r.scheme) + std::string(r.authority) + RemoveDotSegments(r.path) +
           std::string(r.query) + std::string(fragment);
  }
  Parts b = Split(Trim(base));
  if (b.scheme.empty()) return "";
  std::string out(b.scheme);
  if (!r.authority.empty()) {
    return out + std::string(r.authority) + RemoveDotSegments(r.path) + std::string(r.query) +
           std::string(fragment);
  }
  out.append(b.authority);
  if (r.path.empty()) {
    out.append(b.path);
    out.append(r.query.empty() ? b.query : r.query);
  } else if (r.path[0] == '/') {
    out += RemoveDotSegments(r.path);
    out.append(r.query);
  } else {
    out += RemoveDotSegments(MergePaths(b, r.path));
    out.append(r.query);
  }
  out.append(fragment);
  return out;
}

}  // namespace ecwatch
