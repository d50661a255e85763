// Metadata lookup over <head>, JSON-LD and the body. Tested by
// metadata_test.cc and metadata_corpus_test.cc.
#include "extract/metadata.h"

#include <cctype>
#include <unordered_map>

#include "base/limits.h"
#include "extract/date.h"
#include "extract/text.h"
#include "extract/url.h"

namespace ecwatch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Everything metadata reads from one walk over the document.
struct Collected {
  std::unordered_map<std::string, std::string> meta;  // lowercase name/property -> first content
  std::vector<std::pair<std::string, std::string>> meta_in_order;
  std::string title_tag;
  std::vector<const DomNode*> h1s;
  std::string canonical;
  std::string time_datetime;       // first <time datetime>
  std::string itemprop_published;  // itemprop=datePublished (content/datetime/text)
  std::string itemprop_author;
  std::string rel_author;
};

constexpr size_t kMaxMetaTags = 512;  // <meta> kept in order for the date fallback

// A <meta> whose name says "publication date" in a site's own words
// ("sn-post-date", "publish_date", ...), first in document order.
std::string PublishedLikeMeta(const std::vector<std::pair<std::string, std::string>>& metas) {
  for (const auto& [key, value] : metas) {
    bool published = key.find("publish") != std::string::npos || key.find("pubdate") != std::string::npos ||
                     key.find("pub-date") != std::string::npos || key.find("pub_date") != std::string::npos ||
                     key.find("post-date") != std::string::npos || key.find("post_date") != std::string::npos ||
                     key.find("postdate") != std::string::npos;
    if (!published || key.find("modif") != std::string::npos || key.find("updat") != std::string::npos) {
      continue;
    }
    std::string date = NormalizeDate(value);
    if (!date.empty()) return date;
  }
  return "";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void CollectMeta(const DomNode& node, Collected* c) {
  std::string_view content = node.Attr("content");
  if (content.empty()) return;
  for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
    std::string_view k = node.Attr(attr);
    if (k.empty()) continue;
    std::string name = Lower(Trim(k));
    c->meta.emplace(name, std::string(Trim(content)));
    if (c->meta_in_order.size() < kMaxMetaTags) c->meta_in_order.emplace_back(name, Trim(content));
  }
}

void CollectNode(const DomNode& node, Collected* c, unsigned depth) {
  if (!node.is_element() || depth > limits::kMaxNestingDepth) return;
  std::string_view tag = node.tag;
  if (tag == "meta") {
    CollectMeta(node, c);
  } else if (tag == "title" && c->title_tag.empty()) {
    c->title_tag = InlineText(node, limits::kMaxTitleBytes * 4);
  } else if (tag == "h1" && c->h1s.size() < 8) {
    c->h1s.push_back(&node);
  } else if (tag == "link") {
    std::string rel = Lower(node.Attr("rel"));
    if (rel == "canonical" && c->canonical.empty()) c->canonical = std::string(node.Attr("href"));
  } else if (tag == "time" && c->time_datetime.empty()) {
    c->time_datetime = std::string(node.Attr("datetime"));
  } else if (tag == "a" && c->rel_author.empty() && Lower(node.Attr("rel")) == "author") {
    c->rel_author = InlineText(node, 256);
  }
  std::string_view itemprop = node.Attr("itemprop");
  if (itemprop == "datePublished" && c->itemprop_published.empty()) {
    std::string_view v = node.Attr("content");
    if (v.empty()) v = node.Attr("datetime");
    c->itemprop_published = v.empty() ? InlineText(node, 256) : std::string(v);
  } else if (itemprop == "author" && c->itemprop_author.empty() && tag != "meta") {
    c->itemprop_author = InlineText(node, 256);
  }
  for (const DomNode* child : node.children) CollectNode(*child, c, depth + 1);
}

std::string MetaValue(const Collected& c, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = c.meta.find(key);
    if (it != c.meta.end() && !it->second.empty()) return it->second;
  }
  return "";
}

std::string FirstDate(std::initializer_list<std::string_view> candidates) {
  for (std::string_view candidate : candidates) {
    std::string date = NormalizeDate(candidate);
    if (!date.empty()) return date;
  }
  return "";
}

std::string CapTitle(std::string title) {
  title = CollapseWhitespace(title);
  if (title.size() <= limits::kMaxTitleBytes) return title;
  size_t cut = limits::kMaxTitleBytes;
  while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
  return title.substr(0, cut);
}

std::string PickTitle(const Collected& c, const LdArticle& ld, const std::string& site) {
  std::string title = MetaValue(c, {"og:title", "twitter:title"});
  if (title.empty()) title = ld.headline;
  if (title.empty() && c.h1s.size() == 1) title = InlineText(*c.h1s[0], limits::kMaxTitleBytes * 4);
  if (title.empty()) title = c.title_tag;
  return CapTitle(StripSiteSuffix(CollapseWhitespace(title), site));
}

std::string PickPublished(const Collected& c, const LdArticle& ld, std::string_view url) {
  std::string date = FirstDate({MetaValue(c, {"article:published_time", "og:article:published_time",
                                              "article:published", "published_time",
                                              "datepublished"}),
                                ld.date_published, c.itemprop_published,
                                MetaValue(c, {"date", "dc.date", "dc.date.issued", "dcterms.date",
                                              "dcterms.created", "dcterms.issued", "pubdate",
                                              "publishdate", "publish-date", "publication_date",
                                              "sailthru.date", "parsely-pub-date", "article.published",
                                              "citation_publication_date", "dc.date.created"}),
                                c.time_datetime});
  if (date.empty()) date = PublishedLikeMeta(c.meta_in_order);
  return date.empty() ? DateFromUrl(url) : date;
}

std::string PickLanguage(const HtmlDocument& doc, const Collected& c, const LdArticle& ld) {
  std::string lang(Trim(doc.root()->Attr("lang")));
  if (lang.empty()) lang = std::string(Trim(doc.root()->Attr("xml:lang")));
  if (lang.empty()) lang = MetaValue(c, {"content-language", "language", "dc.language"});
  if (lang.empty()) lang = MetaValue(c, {"og:locale"});
  if (lang.empty()) lang = ld.language;
  if (size_t comma = lang.find(','); comma != std::string::npos) lang.resize(comma);
  for (char& ch : lang) {
    if (ch == '_') ch = '-';
  }
  return std::string(Trim(lang)).substr(0, 35);
}

bool IsSeparatorAt(std::string_view s, size_t pos, size_t* len) {
  static constexpr std::string_view kSeps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                               " :: ", " \xC2\xB7 ", " \xE2\x80\xA2 ", " // ",
                                               " \xC2\xBB "};
  for (std::string_view sep : kSeps) {
    if (s.substr(pos, sep.size()) == sep) return *len = sep.size(), true;
  }
  return false;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

std::string StripSiteSuffix(std::string_view title, std::string_view site_name) {
  std::vector<std::pair<size_t, size_t>> seps;  // position, length
  for (size_t i = 0; i < title.size(); ++i) {
    size_t len;
    if (title[i] == ' ' && IsSeparatorAt(title, i, &len)) seps.emplace_back(i, len);
  }
  if (seps.empty()) return std::string(title);
  std::string site = Lower(Trim(site_name));
  auto [last_pos, last_len] = seps.back();
  std::string_view head = title.substr(0, last_pos), tail = title.substr(last_pos + last_len);
  auto [first_pos, first_len] = seps.front();
  std::string_view lead = title.substr(0, first_pos), rest = title.substr(first_pos + first_len);
  if (!site.empty()) {
    if (Lower(tail) == site || Lower(tail).find(site) != std::string::npos) return std::string(head);
    if (Lower(lead) == site) return std::string(rest);
  }
  // Without a known site name, drop a short trailing part after a long head.
  if (CountWords(tail) <= 4 && CountWords(head) >= 3 && tail.size() * 2 < head.size()) {
    return std::string(head);
  }
  return std::string(title);
}

PageMetadata ExtractMetadata(const HtmlDocument& doc, const LdArticle& ld, std::string_view url) {
  Collected c;
  CollectNode(*doc.root(), &c, 0);
  PageMetadata m;
  m.site_name = MetaValue(c, {"og:site_name", "application-name", "twitter:site"});
  if (m.site_name.empty()) m.site_name = ld.publisher;
  if (!m.site_name.empty() && m.site_name[0] == '@') m.site_name.clear();  // a twitter handle
  m.title = PickTitle(c, ld, m.site_name);
  m.published = PickPublished(c, ld, url);
  m.author = MetaValue(c, {"author", "article:author", "dc.creator", "parsely-author", "byl"});
  if (m.author.empty() || m.author.find("://") != std::string::npos) m.author = ld.author;
  if (m.author.empty()) m.author = c.itemprop_author.empty() ? c.rel_author : c.itemprop_author;
  m.author = CapTitle(m.author);
  std::string canonical = c.canonical.empty() ? MetaValue(c, {"og:url"}) : c.canonical;
  if (!canonical.empty()) {
    std::string resolved = ResolveUrl(url, canonical);
    if (resolved.empty() && IsHttpUrl(canonical)) resolved = canonical;
    m.canonical_url = IsHttpUrl(resolved) ? std::string(StripFragment(resolved)) : "";
  }
  m.language = PickLanguage(doc, c, ld);
  return m;
}

}  // namespace ecwatch
