// XmlDocument: one parsed XML document (libxml2), safe for untrusted bytes.
//
// Internal to crawler/ (feed.cc, sitemap.cc): the one RAII owner of an
// xmlDoc, plus the few tree helpers the parsers share. Parsing never touches
// the network (XML_PARSE_NONET), never loads external entities or DTDs, and
// does not substitute entities; text helpers skip entity references, so
// "billion laughs" and XXE documents yield no expansion.
#ifndef ECWATCH_CRAWLER_XML_DOCUMENT_H_
#define ECWATCH_CRAWLER_XML_DOCUMENT_H_

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace ecwatch::xml {

// Owns an xmlDoc. Immutable after Parse; a const XmlDocument may be read from
// several threads, but is usually private to one call.
class XmlDocument {
 public:
  // Parses bytes (at most limits::kMaxXmlBytes, else TooLarge) with base_url
  // as the document URL (used to resolve relative links and xml:base).
  // InvalidArgument "BASE_URL: not well-formed XML" when nothing parses.
  static Result<std::unique_ptr<XmlDocument>> Parse(std::string_view base_url,
                                                    std::string_view bytes);
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  // The root element; never null for a parsed document.
  xmlNode* root() const { return xmlDocGetRootElement(doc_.get()); }
  xmlDoc* doc() const { return doc_.get(); }

 private:
  struct Deleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
  };
  explicit XmlDocument(xmlDoc* doc) : doc_(doc) {}
  std::unique_ptr<xmlDoc, Deleter> doc_;
};

// True when node is an element with this local name (namespace ignored).
bool IsElement(const xmlNode* node, std::string_view local_name);
// The first child element with this local name, or null.
xmlNode* FirstChild(const xmlNode* node, std::string_view local_name);
// The concatenated text and CDATA directly and indirectly under node,
// whitespace-trimmed; entity references are skipped, not expanded.
std::string Text(const xmlNode* node);
// Text(FirstChild(node, name)), "" when absent.
std::string ChildText(const xmlNode* node, std::string_view local_name);
// Attribute value by local name (any namespace), "" when absent.
std::string Attribute(const xmlNode* node, std::string_view local_name);
// reference resolved against the node's base (xml:base chain, then the
// document URL); the reference itself when it cannot be resolved, "" if empty.
std::string ResolveUrl(const XmlDocument& doc, const xmlNode* node, const std::string& reference);
// Undoes gzip when bytes start with the gzip magic (1f 8b); other bytes are
// returned as they are. TooLarge past limits::kMaxXmlBytes inflated,
// InvalidArgument "URL: bad gzip data" when corrupt.
Result<std::string> MaybeGunzip(std::string_view url, std::string_view bytes);

}  // namespace ecwatch::xml

#endif  // ECWATCH_CRAWLER_XML_DOCUMENT_H_
