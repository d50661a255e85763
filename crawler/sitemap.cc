// ParseSitemap: <urlset> and <sitemapindex> documents, plain or gzip'd.
//
// This file's external interface is ParseSitemap() (crawler/sitemap.h).
// Tested by tests/crawler/sitemap_test.cc.
#include "crawler/sitemap.h"

#include <memory>
#include <string>

#include "base/limits.h"
#include "crawler/xml_document.h"

namespace ecwatch {

namespace {

using xml::ChildText;
using xml::FirstChild;
using xml::IsElement;
using xml::XmlDocument;

// One <url> or <sitemap> element; url empty when it has no <loc>.
SitemapEntry Entry(const XmlDocument& doc, const xmlNode* node) {
  SitemapEntry entry;
  entry.url = xml::ResolveUrl(doc, node, ChildText(node, "loc"));
  entry.lastmod = ChildText(node, "lastmod");
  if (const xmlNode* news = FirstChild(node, "news"); news != nullptr) {
    entry.title = ChildText(news, "title");
    entry.published = ChildText(news, "publication_date");
  }
  return entry;
}

void Collect(const XmlDocument& doc, std::string_view child_name, Sitemap* out) {
  for (const xmlNode* n = doc.root()->children; n != nullptr; n = n->next) {
    if (!IsElement(n, child_name)) continue;
    if (out->entries.size() >= limits::kMaxSitemapEntries) return;
    SitemapEntry entry = Entry(doc, n);
    if (!entry.url.empty()) out->entries.push_back(std::move(entry));
  }
}

}  // namespace

Result<Sitemap> ParseSitemap(std::string_view sitemap_url, std::string_view bytes) {
  const std::string url(sitemap_url);
  Result<std::string> plain = xml::MaybeGunzip(sitemap_url, bytes);
  if (!plain.ok()) return plain.status();
  Result<std::unique_ptr<XmlDocument>> doc = XmlDocument::Parse(sitemap_url, plain.value());
  if (!doc.ok()) {
    if (doc.status().code() == Status::Code::kTooLarge) return doc.status();
    return Status::InvalidArgument(url + ": not a sitemap (not well-formed XML)");
  }
  const xmlNode* root = doc.value()->root();
  Sitemap sitemap;
  if (IsElement(root, "urlset")) {
    Collect(*doc.value(), "url", &sitemap);
  } else if (IsElement(root, "sitemapindex")) {
    sitemap.is_index = true;
    Collect(*doc.value(), "sitemap", &sitemap);
  } else {
    const std::string name = reinterpret_cast<const char*>(root->name);
    return Status::InvalidArgument(url + ": not a sitemap (root element <" + name.substr(0, 64) +
                                   ">)");
  }
  return sitemap;
}

}  // namespace ecwatch
