// ExtractHtml / ExtractPlainText / ExtractLinks / ClassifyDocument: the
// extract stage's public entry points, wiring charset -> prescan -> parse ->
// metadata -> main content. Tested by extractor_test.cc.
#include "extract/extractor.h"

#include <cctype>
#include <unordered_set>

#include "base/limits.h"
#include "extract/charset.h"
#include "extract/content.h"
#include "extract/html_document.h"
#include "extract/json_ld.h"
#include "extract/metadata.h"
#include "extract/prescan.h"
#include "extract/text.h"
#include "extract/url.h"

namespace ecwatch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status TooLarge(std::string_view url, size_t size) {
  return Status::TooLarge(std::string(url) + ": " + std::to_string(size) + " bytes, over the " +
                          std::to_string(limits::kMaxHtmlBytes) + "-byte limit");
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string MimeType(std::string_view content_type) {
  std::string mime = Lower(content_type.substr(0, content_type.find(';')));
  while (!mime.empty() && mime.back() == ' ') mime.pop_back();
  while (!mime.empty() && mime.front() == ' ') mime.erase(0, 1);
  return mime;
}

// The URL's path, lowercase, without query and fragment.
std::string UrlPath(std::string_view url) {
  size_t end = url.find_first_of("?#");
  return Lower(url.substr(0, end));
}

DocumentKind SniffBytes(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1024);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.find('\0') != std::string_view::npos) return DocumentKind::kUnsupported;
  std::string lower = Lower(head);
  size_t first = lower.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return DocumentKind::kText;
  if (lower.find("<rss") != std::string::npos || lower.find("<feed") != std::string::npos ||
      lower.find("<rdf:rdf") != std::string::npos) {
    return DocumentKind::kFeed;
  }
  for (const char* marker : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
                             "<div", "<p>", "<p ", "<script", "<br", "<a href", "<table", "<h1"}) {
    if (lower.find(marker) != std::string::npos) return DocumentKind::kHtml;
  }
  if (lower.compare(first, 5, "<?xml") == 0) return DocumentKind::kUnsupported;
  return DocumentKind::kText;
}

DocumentKind KindFromSuffix(const std::string& path, std::string_view bytes) {
  for (const char* s : {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"}) {
    if (EndsWith(path, s)) return DocumentKind::kHtml;
  }
  for (const char* s : {".txt", ".text", ".md"}) {
    if (EndsWith(path, s)) return DocumentKind::kText;
  }
  for (const char* s : {".rss", ".atom", ".rdf"}) {
    if (EndsWith(path, s)) return DocumentKind::kFeed;
  }
  for (const char* s : {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip", ".gz", ".mp3",
                        ".mp4", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".exe"}) {
    if (EndsWith(path, s)) return DocumentKind::kUnsupported;
  }
  return SniffBytes(bytes);
}

// Plain text: whitespace collapsed within lines, runs of blank lines -> one.
std::string NormalizePlainText(std::string_view text) {
  TextBuilder out(limits::kMaxTextBytes);
  size_t pos = 0;
  int blank_lines = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = CollapseWhitespace(text.substr(pos, end - pos));
    if (line.empty()) {
      ++blank_lines;
    } else {
      if (blank_lines > 0) out.BreakBlock(); else out.BreakLine();
      out.AddText(line);
      blank_lines = 0;
    }
    pos = end + 1;
  }
  return out.Finish();
}

void CollectLinks(const DomNode& node, std::string_view base, std::vector<std::string>* out,
                  std::unordered_set<std::string>* seen, unsigned depth) {
  if (depth > limits::kMaxNestingDepth || out->size() >= limits::kMaxLinksPerPage) return;
  if (node.Is("a") || node.Is("area")) {
    std::string url(StripFragment(ResolveUrl(base, node.Attr("href"))));
    // A local page (file://) may link local files; a web page only http(s).
    const bool local = base.rfind("file://", 0) == 0 && url.rfind("file:///", 0) == 0;
    if ((IsHttpUrl(url) || local) && seen->insert(url).second) out->push_back(std::move(url));
  }
  for (const DomNode* child : node.children) {
    if (child->is_element()) CollectLinks(*child, base, out, seen, depth + 1);
  }
}

const DomNode* FindBase(const DomNode& head) {
  for (const DomNode* child : head.children) {
    if (child->Is("base") && child->HasAttr("href")) return child;
  }
  return nullptr;
}

}  // namespace

DocumentKind ClassifyDocument(std::string_view content_type, std::string_view url,
                              std::string_view bytes) {
  std::string mime = MimeType(content_type);
  if (mime == "text/html" || mime == "application/xhtml+xml") return DocumentKind::kHtml;
  if (mime == "application/rss+xml" || mime == "application/atom+xml" ||
      mime == "application/rdf+xml" || mime == "application/feed+json") {
    return DocumentKind::kFeed;
  }
  if (mime == "text/plain") {
    return SniffBytes(bytes) == DocumentKind::kHtml ? DocumentKind::kHtml : DocumentKind::kText;
  }
  if (mime == "text/xml" || mime == "application/xml") {
    DocumentKind kind = SniffBytes(bytes);
    return kind == DocumentKind::kText ? DocumentKind::kUnsupported : kind;
  }
  if (mime.empty() || mime == "application/octet-stream" || mime == "binary/octet-stream") {
    return KindFromSuffix(UrlPath(url), bytes);
  }
  return DocumentKind::kUnsupported;
}

Result<Article> ExtractHtml(std::string_view url, std::string_view content_type,
                            std::string_view bytes) {
  if (bytes.size() > limits::kMaxHtmlBytes) return TooLarge(url, bytes.size());
  DecodedText decoded;
  std::string_view utf8 = bytes;
  if (!IsUsableAsUtf8(content_type, bytes, /*is_html=*/true)) {
    decoded = DecodeToUtf8(content_type, bytes, /*is_html=*/true);
    utf8 = decoded.utf8;
  }
  PrescanOptions options;
  options.keep_hrefs = false;
  options.drop_furniture = true;
  options.stand_in_text = true;
  PrescanResult scanned = Prescan(utf8, options);
  decoded.utf8 = std::string();
  LdArticle ld = ParseJsonLd(scanned.json_ld);
  std::unique_ptr<HtmlDocument> doc =
      HtmlDocument::Parse(std::move(scanned.html), std::move(scanned.text_runs));
  PageMetadata meta = ExtractMetadata(*doc, ld, url);
  Article article;
  article.url = std::string(url);
  article.canonical_url = std::move(meta.canonical_url);
  article.title = std::move(meta.title);
  article.published = std::move(meta.published);
  article.author = std::move(meta.author);
  article.site_name = std::move(meta.site_name);
  article.language = std::move(meta.language);
  article.text = ExtractMainText(doc.get(), ContentHints{article.title, ld.article_body});
  return article;
}

Result<Article> ExtractPlainText(std::string_view url, std::string_view content_type,
                                 std::string_view bytes) {
  if (bytes.size() > limits::kMaxHtmlBytes) return TooLarge(url, bytes.size());
  DecodedText decoded = DecodeToUtf8(content_type, bytes, /*is_html=*/false);
  Article article;
  article.url = std::string(url);
  article.text = NormalizePlainText(decoded.utf8);
  std::string_view text = article.text;
  std::string first_line(text.substr(0, text.find('\n')));
  if (first_line.size() > limits::kMaxTitleBytes) {
    size_t cut = limits::kMaxTitleBytes;
    while (cut > 0 && (static_cast<unsigned char>(first_line[cut]) & 0xC0) == 0x80) --cut;
    first_line.resize(cut);
  }
  article.title = std::move(first_line);
  return article;
}

std::vector<std::string> ExtractLinks(std::string_view url, std::string_view content_type,
                                      std::string_view bytes) {
  std::vector<std::string> links;
  if (bytes.size() > limits::kMaxHtmlBytes) return links;
  DecodedText decoded = DecodeToUtf8(content_type, bytes, /*is_html=*/true);
  std::unique_ptr<HtmlDocument> doc = HtmlDocument::Parse(Prescan(decoded.utf8).html);
  std::string base(url);
  if (const DomNode* base_tag = FindBase(*doc->head())) {
    std::string resolved = ResolveUrl(url, base_tag->Attr("href"));
    if (!resolved.empty()) base = resolved;
  }
  std::unordered_set<std::string> seen;
  CollectLinks(*doc->root(), base, &links, &seen, 0);
  return links;
}

}  // namespace ecwatch
