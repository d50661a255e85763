// Keyword hints on tags, class, id and role. Tested by class_hints_test.cc.
#include "extract/class_hints.h"

#include <string>
#include <string_view>
#include <vector>

namespace ecwatch {
namespace {

// Hints match as substrings of the lowercase class/id value.
constexpr std::string_view kUnlikely[] = {
    "-ad-",      "ad-break", "agegate",  "banner",   "breadcrumb", "combx",   "comment",
    "community", "cookie",   "disqus",   "extra",    "footer",     "gdpr",    "header",
    "legends",   "menu",     "related",  "remark",   "replies",    "rss",     "shoutbox",
    "sidebar",   "skyscraper", "social", "sponsor",  "supplemental", "pagination", "pager",
    "popup",     "share",    "newsletter", "promo",  "subscribe",  "signup",  "recommend",
    "byline",    "dateline", "masthead", "toolbar",  "outbrain",   "taboola", "nav"};
constexpr std::string_view kMaybe[] = {"and", "article", "body", "column", "content", "main", "mathjax",
                                       "shadow", "story", "post", "entry", "text"};
constexpr std::string_view kNegative[] = {
    "-ad-",    "hidden",  "banner",   "combx",   "comment", "com-",     "contact", "footer",
    "gdpr",    "masthead", "media",   "meta",    "outbrain", "promo",   "related", "scroll",
    "share",   "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",   "widget",
    "newsletter", "cookie", "subscribe", "social", "recommend", "byline", "author", "caption",
    "credit",  "taboola", "advert"};
constexpr std::string_view kPositive[] = {"article", "body",  "content", "entry", "hentry",
                                          "h-entry", "main",  "post",  "text",
                                          "blog",    "story", "prose"};

// A list of needles indexed by first byte, so that one pass over a haystack
// tries at each position only the needles starting with its byte (one find
// per needle scanned the haystack up to 42 times per element).
class NeedleSet {
 public:
  template <size_t N>
  explicit NeedleSet(const std::string_view (&needles)[N]) {
    for (std::string_view needle : needles) {
      by_first_[static_cast<unsigned char>(needle[0])].push_back(needle);
    }
  }
  // Whether some needle occurs in haystack.
  bool FoundIn(std::string_view haystack) const {
    for (size_t i = 0; i < haystack.size(); ++i) {
      for (std::string_view needle : by_first_[static_cast<unsigned char>(haystack[i])]) {
        if (haystack.compare(i, needle.size(), needle) == 0) return true;
      }
    }
    return false;
  }

 private:
  std::vector<std::string_view> by_first_[256];
};

const NeedleSet kUnlikelySet(kUnlikely);
const NeedleSet kMaybeSet(kMaybe);
const NeedleSet kNegativeSet(kNegative);
const NeedleSet kPositiveSet(kPositive);

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string ClassAndId(const DomNode& node) {
  std::string s = Lower(node.Attr("class"));
  s += ' ';
  s += Lower(node.Attr("id"));
  return s;
}

double WeightOf(std::string_view value) {
  if (value.empty()) return 0;
  std::string lower = Lower(value);
  double weight = 0;
  if (kNegativeSet.FoundIn(lower)) weight -= 25;
  if (kPositiveSet.FoundIn(lower)) weight += 25;
  return weight;
}

}  // namespace

bool IsBoilerplateTag(std::string_view tag) {
  static constexpr std::string_view kTags[] = {
      "script", "style",  "noscript", "template", "svg",   "iframe", "object",
      "embed",  "canvas", "button",   "input",    "select", "textarea", "option", "nav",
      "aside",  "footer", "dialog",   "link",     "meta",  "audio",  "video",  "source",
      "map",    "head",   "header",   "label",    "menu",  "datalist", "output", "progress"};
  for (std::string_view t : kTags) {
    if (tag == t) return true;
  }
  return false;
}

bool IsHidden(const DomNode& node) {
  if (node.HasAttr("hidden")) return true;
  if (Lower(node.Attr("aria-hidden")) == "true") return true;
  std::string_view style = node.Attr("style");
  if (style.empty()) return false;
  std::string s;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') s += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  }
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

bool HasBoilerplateRole(const DomNode& node) {
  std::string role = Lower(node.Attr("role"));
  if (role.empty()) return false;
  static constexpr std::string_view kRoles[] = {"navigation", "complementary", "menu",   "menubar",
                                                "dialog",     "alertdialog",   "alert",  "banner",
                                                "contentinfo", "search",       "toolbar"};
  for (std::string_view r : kRoles) {
    if (role == r) return true;
  }
  return false;
}

bool IsUnlikelyCandidate(const DomNode& node) {
  if (node.attrs.empty()) return false;
  std::string hints = ClassAndId(node);
  if (hints.size() <= 1) return false;
  return kUnlikelySet.FoundIn(hints) && !kMaybeSet.FoundIn(hints);
}

bool IsBylineLike(const DomNode& node) {
  if (node.attrs.empty()) return false;
  if (Lower(node.Attr("rel")) == "author") return true;
  std::string itemprop = Lower(node.Attr("itemprop"));
  if (itemprop == "author" || itemprop == "datepublished" || itemprop == "datemodified") return true;
  static constexpr std::string_view kByline[] = {
      "byline", "author", "dateline", "timestamp", "pubdate", "publish", "posted-on", "post-date",
      "entry-date", "article-date", "date-time", "datetime", "meta-date", "submitted"};
  std::string hints = ClassAndId(node);
  static const NeedleSet byline(kByline);
  return hints.size() > 1 && byline.FoundIn(hints);
}

bool IsCaptionLike(const DomNode& node) {
  if (node.tag == "figcaption") return true;
  if (node.attrs.empty()) return false;
  static constexpr std::string_view kCaption[] = {"caption", "credit"};
  std::string hints = ClassAndId(node);
  static const NeedleSet caption(kCaption);
  return hints.size() > 1 && caption.FoundIn(hints);
}

double ClassWeight(const DomNode& node) {
  if (node.attrs.empty()) return 0;
  return WeightOf(node.Attr("class")) + WeightOf(node.Attr("id"));
}

}  // namespace ecwatch
