// ParseFeed: article links of RSS 2.0, RDF (RSS 1.0) and Atom documents.
//
// This file's external interface is ParseFeed() (crawler/feed.h). The XML
// tree comes from XmlDocument (crawler/xml_document.h: no network, no
// entities); this file only knows the three vocabularies. Tested by
// tests/crawler/feed_test.cc.
#include "crawler/feed.h"

#include <string>
#include <vector>

#include "base/limits.h"
#include "crawler/xml_document.h"

namespace ecwatch {

namespace {

using xml::Attribute;
using xml::ChildText;
using xml::FirstChild;
using xml::IsElement;
using xml::XmlDocument;

// Adds item when it has a URL and the cap allows; false once the cap is hit.
bool Add(FeedItem item, std::vector<FeedItem>* items) {
  if (items->size() >= limits::kMaxFeedItems) return false;
  if (!item.url.empty()) items->push_back(std::move(item));
  return true;
}

// The first <link> child with text, else with an href (an atom:link inside
// an RSS item), "" when none.
std::string RssLink(const xmlNode* item) {
  std::string href;
  for (const xmlNode* n = item->children; n != nullptr; n = n->next) {
    if (!IsElement(n, "link")) continue;
    std::string text = xml::Text(n);
    if (!text.empty()) return text;
    if (href.empty()) href = Attribute(n, "href");
  }
  return href;
}

// RSS 2.0 item: <link>, else a permalink <guid>.
FeedItem RssItem(const XmlDocument& doc, const xmlNode* item) {
  FeedItem out;
  std::string link = RssLink(item);
  if (link.empty()) {
    const xmlNode* guid = FirstChild(item, "guid");
    if (guid != nullptr && Attribute(guid, "isPermaLink") != "false") link = xml::Text(guid);
  }
  out.url = xml::ResolveUrl(doc, item, link);
  out.title = ChildText(item, "title");
  out.published = ChildText(item, "pubDate");
  if (out.published.empty()) out.published = ChildText(item, "date");  // dc:date
  return out;
}

void ParseRss(const XmlDocument& doc, std::vector<FeedItem>* items) {
  const xmlNode* channel = FirstChild(doc.root(), "channel");
  if (channel == nullptr) return;
  for (const xmlNode* n = channel->children; n != nullptr; n = n->next) {
    if (IsElement(n, "item") && !Add(RssItem(doc, n), items)) return;
  }
}

// RDF item: <link>, else rdf:about; items are children of the root.
void ParseRdf(const XmlDocument& doc, std::vector<FeedItem>* items) {
  for (const xmlNode* n = doc.root()->children; n != nullptr; n = n->next) {
    if (!IsElement(n, "item")) continue;
    FeedItem item;
    std::string link = RssLink(n);
    if (link.empty()) link = Attribute(n, "about");
    item.url = xml::ResolveUrl(doc, n, link);
    item.title = ChildText(n, "title");
    item.published = ChildText(n, "date");
    if (!Add(std::move(item), items)) return;
  }
}

// Atom: the first <link> with rel="alternate" (or no rel) gives the URL.
std::string AtomLink(const XmlDocument& doc, const xmlNode* entry) {
  for (const xmlNode* n = entry->children; n != nullptr; n = n->next) {
    if (!IsElement(n, "link")) continue;
    const std::string rel = Attribute(n, "rel");
    if (rel.empty() || rel == "alternate") return xml::ResolveUrl(doc, n, Attribute(n, "href"));
  }
  return "";
}

void ParseAtom(const XmlDocument& doc, std::vector<FeedItem>* items) {
  for (const xmlNode* n = doc.root()->children; n != nullptr; n = n->next) {
    if (!IsElement(n, "entry")) continue;
    FeedItem item;
    item.url = AtomLink(doc, n);
    item.title = ChildText(n, "title");
    item.published = ChildText(n, "published");
    if (item.published.empty()) item.published = ChildText(n, "updated");
    if (!Add(std::move(item), items)) return;
  }
}

}  // namespace

Result<std::vector<FeedItem>> ParseFeed(std::string_view feed_url, std::string_view bytes) {
  const std::string url(feed_url);
  Result<std::string> plain = xml::MaybeGunzip(feed_url, bytes);  // a feed.xml.gz body
  if (!plain.ok()) return plain.status();
  Result<std::unique_ptr<XmlDocument>> doc = XmlDocument::Parse(feed_url, plain.value());
  if (!doc.ok()) {
    if (doc.status().code() == Status::Code::kTooLarge) return doc.status();
    return Status::InvalidArgument(url + ": not a feed (not well-formed XML)");
  }
  const xmlNode* root = doc.value()->root();
  std::vector<FeedItem> items;
  if (IsElement(root, "rss")) {
    ParseRss(*doc.value(), &items);
  } else if (IsElement(root, "RDF")) {
    ParseRdf(*doc.value(), &items);
  } else if (IsElement(root, "feed")) {
    ParseAtom(*doc.value(), &items);
  } else {
    const std::string name = reinterpret_cast<const char*>(root->name);
    return Status::InvalidArgument(url + ": not a feed (root element <" + name.substr(0, 64) +
                                   ">)");
  }
  return items;
}

}  // namespace ecwatch
