// XmlDocument and tree helpers: libxml2 parsing hardened for untrusted feeds.
//
// Used by feed.cc and sitemap.cc; tested through feed_test.cc and
// sitemap_test.cc (XXE, entity expansion, gzip).
#include "crawler/xml_document.h"

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <zlib.h>

#include <cctype>
#include <cstring>
#include <mutex>

#include "base/limits.h"

namespace ecwatch::xml {

namespace {

// NONET: no network; no NOENT/DTDLOAD/DTDATTR: no entity substitution and no
// external subset; RECOVER: real feeds carry stray '&' and undefined entities.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

struct XmlCharDeleter {
  void operator()(xmlChar* p) const { xmlFree(p); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharDeleter>;

std::string ToString(const xmlChar* s) {
  return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
}

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr ? std::string_view()
                               : std::string_view(reinterpret_cast<const char*>(node->name));
}

std::string TrimCopy(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

void AppendText(const xmlNode* node, std::string* out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content != nullptr) out->append(reinterpret_cast<const char*>(c->content));
    } else if (c->type == XML_ELEMENT_NODE) {
      AppendText(c, out);  // depth bounded by libxml2's own nesting cap (no XML_PARSE_HUGE)
    }
  }
}

// RAII owner of one zlib inflate stream (gzip framing).
class GzipInflater {
 public:
  GzipInflater() {
    std::memset(&zs_, 0, sizeof(zs_));
    ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipInflater() {
    if (ok_) inflateEnd(&zs_);
  }
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;
  bool ok() const { return ok_; }

  // Inflates all of in into *out. Z_STREAM_END on success; Z_BUF_ERROR when
  // out would pass max_out bytes (then out->size() > max_out) or in is
  // truncated; another zlib code when corrupt.
  int Inflate(std::string_view in, std::size_t max_out, std::string* out) {
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs_.avail_in = static_cast<uInt>(in.size());
    char chunk[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
      zs_.next_out = reinterpret_cast<Bytef*>(chunk);
      zs_.avail_out = sizeof(chunk);
      rc = inflate(&zs_, Z_NO_FLUSH);
      out->append(chunk, sizeof(chunk) - zs_.avail_out);
      if (out->size() > max_out) return Z_BUF_ERROR;
    }
    return rc;
  }

 private:
  z_stream zs_;
  bool ok_ = false;
};

}  // namespace

Result<std::unique_ptr<XmlDocument>> XmlDocument::Parse(std::string_view base_url,
                                                        std::string_view bytes) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  const std::string url(base_url);
  if (bytes.size() > limits::kMaxXmlBytes) {
    return Status::TooLarge(url + ": XML over " + std::to_string(limits::kMaxXmlBytes) + " bytes");
  }
  xmlDoc* doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), url.c_str(), nullptr,
                              kParseOptions);
  if (doc == nullptr) return Status::InvalidArgument(url + ": not well-formed XML");
  std::unique_ptr<XmlDocument> owned(new XmlDocument(doc));
  if (owned->root() == nullptr) return Status::InvalidArgument(url + ": empty XML document");
  return owned;
}

bool IsElement(const xmlNode* node, std::string_view local_name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && Name(node) == local_name;
}

xmlNode* FirstChild(const xmlNode* node, std::string_view local_name) {
  if (node == nullptr) return nullptr;
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (IsElement(c, local_name)) return c;
  }
  return nullptr;
}

std::string Text(const xmlNode* node) {
  if (node == nullptr) return "";
  std::string out;
  AppendText(node, &out);
  return TrimCopy(out);
}

std::string ChildText(const xmlNode* node, std::string_view local_name) {
  return Text(FirstChild(node, local_name));
}

std::string Attribute(const xmlNode* node, std::string_view local_name) {
  if (node == nullptr) return "";
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && reinterpret_cast<const char*>(a->name) == local_name) {
      XmlString value(xmlNodeListGetString(node->doc, a->children, 1));
      return TrimCopy(ToString(value.get()));
    }
  }
  return "";
}

std::string ResolveUrl(const XmlDocument& doc, const xmlNode* node, const std::string& reference) {
  if (reference.empty()) return "";
  XmlString base(xmlNodeGetBase(doc.doc(), node));
  if (base == nullptr) return reference;
  XmlString resolved(xmlBuildURI(reinterpret_cast<const xmlChar*>(reference.c_str()), base.get()));
  return resolved == nullptr ? reference : ToString(resolved.get());
}

Result<std::string> MaybeGunzip(std::string_view url, std::string_view bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
      static_cast<unsigned char>(bytes[1]) != 0x8b) {
    return std::string(bytes);
  }
  GzipInflater inflater;
  if (!inflater.ok()) return Status::IoError(std::string(url) + ": inflateInit2 failed");
  std::string out;
  switch (inflater.Inflate(bytes, limits::kMaxXmlBytes, &out)) {
    case Z_STREAM_END:
      return out;
    case Z_BUF_ERROR:
      if (out.size() > limits::kMaxXmlBytes) {
        return Status::TooLarge(std::string(url) + ": gunzipped XML over " +
                                std::to_string(limits::kMaxXmlBytes) + " bytes");
      }
      [[fallthrough]];
    default:
      return Status::InvalidArgument(std::string(url) + ": bad gzip data");
  }
}

}  // namespace ecwatch::xml
