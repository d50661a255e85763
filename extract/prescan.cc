// Prescan: a single linear pass over the page that drops scripts, styles,
// comments and SVG before parsing, keeping JSON-LD bodies aside. Tested by
// prescan_test.cc.
#include "extract/prescan.h"

#include <cstring>
#include <utility>
#include <vector>

#include "base/limits.h"

namespace ecwatch {
namespace {

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// True when `s` at `pos` starts with the lowercase ASCII `word`, ignoring case.
bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Lower(s[pos + i]) != word[i]) return false;
  }
  return true;
}

// A tag found at '<'; `end` is one past its '>' (npos when unterminated).
struct Tag {
  std::string name;  // lowercase
  bool is_end = false;
  bool self_closing = false;
  size_t end = std::string_view::npos;
  std::string type_attr;  // value of type= (script), lowercase
  // Source spans [first, second) of the attributes extraction reads; the
  // others are dropped from the output (see IsKeptAttribute).
  std::vector<std::pair<size_t, size_t>> kept;
  bool dropped_attribute = false;
  bool keep_href = true;  // set by ReadTag before the attributes are read
  // A <link> in a scan without hrefs: its href matters only with
  // rel=canonical (metadata reads nothing else of it). kept[] indices of its
  // hrefs, and whether some rel= value may read "canonical" once decoded.
  bool href_if_canonical = false;
  std::vector<size_t> hrefs;
  bool rel_may_be_canonical = false;

  // Back to a default Tag, keeping the buffers' capacity.
  void Clear() {
    name.clear();
    is_end = self_closing = dropped_attribute = href_if_canonical = rel_may_be_canonical = false;
    end = std::string_view::npos;
    type_attr.clear();
    kept.clear();
    keep_href = true;
    hrefs.clear();
  }
};

// Whether an attribute value may be "canonical" (any case) as the parser
// decodes it: it is, or holds a character reference.
bool MayReadCanonical(std::string_view value) {
  if (value.find('&') != std::string_view::npos) return true;
  if (value.size() != 9) return false;
  for (size_t i = 0; i < 9; ++i) {
    if (Lower(value[i]) != "canonical"[i]) return false;
  }
  return true;
}

// Whether the lowercase form of attribute `name` is `word` (lowercase).
bool NameIs(std::string_view name, std::string_view word) {
  return name.size() == word.size() && StartsWithNoCase(name, 0, word);
}

// Attributes some part of extract/ reads; the rest (data-*, srcset, onclick,
// width...) is often most of a tag's bytes, so the parser never sees it.
bool IsKeptAttribute(std::string_view name, std::string_view value, bool keep_href) {
  static constexpr std::string_view kKept[] = {
      "class",   "id",   "rel",  "content",    "name",     "property", "itemprop",
      "lang",    "xml:lang", "datetime", "hidden", "aria-hidden", "role", "type", "http-equiv",
      "charset", "pubdate"};
  if (name.size() > 11) return false;
  char lower[12];
  for (size_t i = 0; i < name.size(); ++i) lower[i] = Lower(name[i]);
  std::string_view key(lower, name.size());
  if (key == "href") return keep_href;
  if (key == "style") {
    return value.find("none") != std::string_view::npos || value.find("hidden") != std::string_view::npos;
  }
  for (std::string_view k : kKept) {
    if (key == k) return true;
  }
  return false;
}

// Reads attributes as the tokenizer does (quotes matter only in values) and
// returns the position one past the closing '>' or npos.
size_t ScanAttributes(std::string_view s, size_t pos, Tag* tag) {
  const size_t n = s.size();
  while (pos < n) {
    while (pos < n && (IsSpace(s[pos]) || s[pos] == '/')) {
      tag->self_closing = s[pos] == '/';
      ++pos;
    }
    if (pos >= n) return std::string_view::npos;
    if (s[pos] == '>') return pos + 1;
    tag->self_closing = false;
    size_t name_start = pos++;  // first char may be '=' (spec: part of the name)
    while (pos < n && !IsSpace(s[pos]) && s[pos] != '/' && s[pos] != '>' && s[pos] != '=') ++pos;
    std::string_view name = s.substr(name_start, pos - name_start);
    size_t name_end = pos;
    while (pos < n && IsSpace(s[pos])) ++pos;
    if (pos >= n || s[pos] != '=') {
      if (IsKeptAttribute(name, {}, tag->keep_href)) {
        tag->kept.emplace_back(name_start, name_end);
      } else {
        tag->dropped_attribute = true;
      }
      continue;
    }
    ++pos;
    while (pos < n && IsSpace(s[pos])) ++pos;
    if (pos >= n) return std::string_view::npos;
    size_t value_start, value_end;
    if (s[pos] == '"' || s[pos] == '\'') {
      size_t close = s.find(s[pos], pos + 1);
      if (close == std::string_view::npos) return std::string_view::npos;
      value_start = pos + 1, value_end = close, pos = close + 1;
    } else {
      value_start = pos;
      while (pos < n && !IsSpace(s[pos]) && s[pos] != '>') ++pos;
      value_end = pos;
    }
    if (name.size() == 4 && StartsWithNoCase(name, 0, "type")) {
      for (size_t i = value_start; i < value_end; ++i) tag->type_attr += Lower(s[i]);
    }
    std::string_view value = s.substr(value_start, value_end - value_start);
    if (tag->href_if_canonical) {
      if (NameIs(name, "rel") && MayReadCanonical(value)) tag->rel_may_be_canonical = true;
      if (NameIs(name, "href")) tag->hrefs.push_back(tag->kept.size());
    }
    if (IsKeptAttribute(name, value, tag->keep_href)) {
      tag->kept.emplace_back(name_start, pos);
    } else {
      tag->dropped_attribute = true;
    }
  }
  return std::string_view::npos;
}

// Parses the tag at s[pos] == '<' whose next char starts a tag name into
// *out (cleared first; its buffers are reused).
void ReadTagInto(std::string_view s, size_t pos, bool keep_hrefs, Tag* out) {
  Tag& tag = *out;
  tag.Clear();
  pos += 1;
  if (s[pos] == '/') tag.is_end = true, ++pos;
  while (pos < s.size() && !IsSpace(s[pos]) && s[pos] != '/' && s[pos] != '>') {
    tag.name += Lower(s[pos++]);
  }
  const std::string_view name = tag.name;  // string_view: compares lengths first
  tag.keep_href = keep_hrefs || name == "link" || name == "base";
  tag.href_if_canonical = !keep_hrefs && name == "link";
  tag.end = ScanAttributes(s, pos, &tag);
  if (tag.href_if_canonical && !tag.rel_may_be_canonical && !tag.hrefs.empty()) {
    // Stylesheets, preloads, icons...: their URLs are most of a <head>.
    for (size_t i = tag.hrefs.size(); i-- > 0;) tag.kept.erase(tag.kept.begin() + tag.hrefs[i]);
    tag.dropped_attribute = true;
  }
}

Tag ReadTag(std::string_view s, size_t pos, bool keep_hrefs) {
  Tag tag;
  ReadTagInto(s, pos, keep_hrefs, &tag);
  return tag;
}

// Finds "</name" followed by a tag-name terminator, from `pos`; npos if none.
size_t FindEndTag(std::string_view s, size_t pos, std::string_view name) {
  while ((pos = s.find("</", pos)) != std::string_view::npos) {
    size_t after = pos + 2 + name.size();
    if (StartsWithNoCase(s, pos + 2, name) &&
        (after >= s.size() || IsSpace(s[after]) || s[after] == '/' || s[after] == '>')) {
      return pos;
    }
    pos += 2;
  }
  return std::string_view::npos;
}

// The first '<' or '-' at or after `pos`; npos if none.
size_t FindLtOrDash(std::string_view s, size_t pos) {
  for (; pos < s.size(); ++pos) {
    if (s[pos] == '<' || s[pos] == '-') return pos;
  }
  return std::string_view::npos;
}

// Like FindEndTag("script") but honours the script-data escaped and
// double-escaped states ("<!-- <script> ... </script> -->" does not end it).
size_t FindScriptEnd(std::string_view s, size_t pos) {
  enum { kData, kEscaped, kDoubleEscaped } state = kData;
  const size_t n = s.size();
  auto is_delim = [&](size_t p) {
    return p >= n || IsSpace(s[p]) || s[p] == '/' || s[p] == '>';
  };
  // Outside the escaped states only '<' matters: memchr jumps to it (a
  // find_first_of("<-") costs a call per byte of the script).
  while ((pos = state == kData ? s.find('<', pos) : FindLtOrDash(s, pos)) != std::string_view::npos) {
    if (s[pos] == '-') {
      if (state != kData && s.compare(pos, 3, "-->") == 0) state = kData;
      pos += 1;
      continue;
    }
    if (state == kData && s.compare(pos, 4, "<!--") == 0) {
      state = kEscaped;
      pos += 2;  // "<!-->" leaves the "-->" to be seen next
      continue;
    }
    if (s.compare(pos, 2, "</") == 0 && StartsWithNoCase(s, pos + 2, "script") && is_delim(pos + 8)) {
      if (state != kDoubleEscaped) return pos;
      state = kEscaped;
    } else if (state == kEscaped && StartsWithNoCase(s, pos + 1, "script") && is_delim(pos + 7)) {
      state = kDoubleEscaped;
    }
    pos += 1;
  }
  return std::string_view::npos;
}

bool IsBreakoutTag(const std::string& name) {
  static constexpr std::string_view kTags[] = {
      "b",    "big",  "blockquote", "body",  "br",     "center", "code", "dd",   "div",
      "dl",   "dt",   "em",         "embed", "h1",     "h2",     "h3",   "h4",   "h5",
      "h6",   "head", "hr",         "i",     "img",    "li",     "listing", "menu", "meta",
      "nobr", "ol",   "p",          "pre",   "ruby",   "s",      "small", "span", "strong",
      "strike", "sub", "sup",       "table", "tt",     "u",      "ul",   "var"};
  for (std::string_view t : kTags) {
    if (name == t) return true;
  }
  return false;
}

// Void elements (no content, no end tag), by length first: this runs for
// every tag of a page.
bool IsVoidElement(std::string_view name) {
  switch (name.size()) {
    case 2: return name == "br" || name == "hr";
    case 3: return name == "col" || name == "img" || name == "wbr";
    case 4: return name == "area" || name == "base" || name == "link" || name == "meta";
    case 5: return name == "embed" || name == "input" || name == "param" || name == "track";
    case 6: return name == "source" || name == "keygen";
    default: return false;
  }
}

// Elements whose content is raw text (read up to their end tag, no tags).
bool IsRawTextElement(const std::string& name) {
  return name == "script" || name == "style" || name == "noscript" || name == "iframe" ||
         name == "noembed" || name == "noframes" || name == "title" || name == "textarea" ||
         name == "xmp";
}

class Scanner {
 public:
  Scanner(std::string_view in, const PrescanOptions& options) : in_(in), options_(options) {
    out_.html.reserve(in.size() / 2);
    stand_ins_ = options.stand_in_text && in.find(kStandInMarker) == std::string_view::npos;
  }
  PrescanResult Run();

 private:
  size_t SkipMarkupDeclaration(size_t pos);
  size_t HandleStartTag(size_t pos, const Tag& tag);
  size_t SkipSvg(size_t pos);
  size_t SkipFurniture(const Tag& open);
  bool AdmitStartTag(const Tag& tag);
  bool AdmitEndTag(const Tag& tag);
  size_t CopyRawText(size_t pos, const Tag& tag, bool keep);
  void AppendTag(size_t pos, const Tag& tag);
  void AppendText(std::string_view text);
  void StandIn(size_t start);
  void TrackPreformatted(const Tag& tag);

  std::string_view in_;
  PrescanOptions options_;
  PrescanResult out_;
  int preformatted_ = 0;  // open <pre>/<listing> elements: whitespace kept
  size_t elements_ = 0;   // start tags emitted
  size_t depth_ = 0;      // open elements that count for depth (approximate)
  size_t dropped_open_ = 0;  // start tags dropped at the depth cap, not yet closed
  bool stand_ins_ = false;   // options_.stand_in_text, and the page allows it
  bool frameset_ = false;    // a <frameset> start tag was seen
  Tag tag_;                  // the tag Run is at
};

// Text between tags; outside <pre>, a run of whitespace becomes one space or
// one newline (HTML rendering collapses it anyway; the parser is spared it).
void AppendCollapsed(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    out->append(text.substr(start, i - start));
    if (i >= text.size()) break;
    bool newline = false;
    while (i < text.size() && IsSpace(text[i])) newline |= text[i++] == '\n';
    *out += newline ? '\n' : ' ';
  }
}

// Text between tags: collapsed outside <pre>, then perhaps a stand-in.
void Scanner::AppendText(std::string_view text) {
  const size_t start = out_.html.size();
  if (preformatted_ > 0) {
    out_.html.append(text);
  } else {
    AppendCollapsed(text, &out_.html);
  }
  if (stand_ins_ && out_.html.size() - start >= kMinStandInRunBytes) StandIn(start);
}

// Replaces the text appended from `start` (see PrescanOptions::stand_in_text)
// without its leading and trailing whitespace by a stand-in, when allowed.
void Scanner::StandIn(size_t start) {
  std::string& html = out_.html;
  size_t first = start, last = html.size();
  while (first < last && IsSpace(html[first])) ++first;
  while (last > first && IsSpace(html[last - 1])) --last;
  if (last - first < kMinStandInRunBytes || out_.text_runs.ends.size() >= kMaxStandIns) return;
  if (first > 0 && html[first - 1] != '>' && !IsSpace(html[first - 1])) return;  // glued to text
  std::string_view run = std::string_view(html).substr(first, last - first);
  if (!ParserKeepsText(run)) return;
  TextRuns& runs = out_.text_runs;
  runs.bytes.append(run);
  runs.ends.push_back(static_cast<uint32_t>(runs.bytes.size()));
  std::string tail = html.substr(last);
  html.resize(first);
  AppendStandIn(runs.ends.size() - 1, &html);
  html += tail;
}


void Scanner::TrackPreformatted(const Tag& tag) {
  const std::string_view name = tag.name;
  if (name != "pre" && name != "listing") return;
  preformatted_ += tag.is_end ? -1 : 1;
  if (preformatted_ < 0) preformatted_ = 0;
}

// At "<!" or "<?": comments and bogus comments are dropped, DOCTYPE kept.
size_t Scanner::SkipMarkupDeclaration(size_t pos) {
  if (in_.compare(pos, 4, "<!--") == 0) {
    // Ends at the first "-->" or "--!>" (counting from "<!" so "<!-->" is empty).
    for (size_t dash = in_.find("--", pos + 2); dash != std::string_view::npos;
         dash = in_.find("--", dash + 1)) {
      if (in_.compare(dash, 3, "-->") == 0) return dash + 3;
      if (in_.compare(dash, 4, "--!>") == 0) return dash + 4;
    }
    return in_.size();
  }
  size_t close = in_.find('>', pos);
  size_t end = close == std::string_view::npos ? in_.size() : close + 1;
  if (StartsWithNoCase(in_, pos, "<!doctype")) out_.html.append(in_.substr(pos, end - pos));
  return end;
}

// Copies a tag, without the attributes extraction never reads.
void Scanner::AppendTag(size_t pos, const Tag& tag) {
  if (!tag.dropped_attribute) {
    out_.html.append(in_.substr(pos, tag.end - pos));
    return;
  }
  out_.html += tag.is_end ? "</" : "<";
  out_.html += tag.name;
  for (const auto& [first, last] : tag.kept) {
    out_.html += ' ';
    out_.html.append(in_.substr(first, last - first));
  }
  out_.html += tag.self_closing ? "/>" : ">";
}

// Copies (or drops) an element whose content is raw text up to its end tag.
size_t Scanner::CopyRawText(size_t pos, const Tag& tag, bool keep) {
  size_t close = tag.name == "script" ? FindScriptEnd(in_, tag.end) : FindEndTag(in_, tag.end, tag.name);
  if (tag.name == "script" && tag.type_attr.find("ld+json") != std::string::npos &&
      out_.json_ld.size() < limits::kMaxJsonLdScripts) {
    size_t body_end = close == std::string_view::npos ? in_.size() : close;
    out_.json_ld.emplace_back(in_.substr(tag.end, body_end - tag.end));
  }
  size_t end = in_.size();
  if (close != std::string_view::npos) {
    Tag end_tag = ReadTag(in_, close, true);
    end = end_tag.end == std::string_view::npos ? in_.size() : end_tag.end;
  }
  if (keep) out_.html.append(in_.substr(pos, end - pos));
  return end;
}

// Skips an <svg> subtree: tags are counted, comments and CDATA skipped, and
// an HTML "breakout" tag ends it as it ends foreign content in a browser.
size_t Scanner::SkipSvg(size_t pos) {
  int depth = 1;
  while ((pos = in_.find('<', pos)) != std::string_view::npos) {
    if (in_.compare(pos, 9, "<![CDATA[") == 0) {
      size_t close = in_.find("]]>", pos + 9);
      if (close == std::string_view::npos) return in_.size();
      pos = close + 3;
      continue;
    }
    if (in_.compare(pos, 2, "<!") == 0) {
      size_t before = out_.html.size();
      pos = SkipMarkupDeclaration(pos);
      out_.html.resize(before);
      continue;
    }
    bool end_tag = in_.compare(pos, 2, "</") == 0;
    size_t name_pos = pos + (end_tag ? 2 : 1);
    if (name_pos >= in_.size() || !IsAsciiAlpha(in_[name_pos])) {
      ++pos;
      continue;
    }
    Tag tag = ReadTag(in_, pos, true);
    if (tag.end == std::string_view::npos) return in_.size();
    if (!end_tag && IsBreakoutTag(tag.name)) return pos;
    if (end_tag && (tag.name == "p" || tag.name == "br")) return pos;
    if (tag.name == "svg" && !tag.self_closing) depth += end_tag ? -1 : 1;
    pos = tag.end;
    if (depth == 0) return pos;
  }
  return in_.size();
}

size_t Scanner::HandleStartTag(size_t pos, const Tag& tag) {
  const std::string_view name = tag.name;  // string_view: compares lengths first
  if (name == "script" || name == "style" || name == "noscript" || name == "iframe" ||
      name == "noembed" || name == "noframes") {
    return CopyRawText(pos, tag, /*keep=*/false);
  }
  if (name == "title" || name == "textarea" || name == "xmp") {
    return CopyRawText(pos, tag, /*keep=*/true);
  }
  if (name == "plaintext") {
    out_.html.append(in_.substr(pos));
    return in_.size();
  }
  if (name == "svg") return tag.self_closing ? tag.end : SkipSvg(tag.end);
  if (name == "frameset") frameset_ = true;
  if (options_.drop_furniture && !tag.self_closing &&
      (name == "nav" || name == "aside" || name == "footer" || name == "select")) {
    size_t end = SkipFurniture(tag);
    if (end != std::string_view::npos) return end;
  }
  if (AdmitStartTag(tag)) AppendTag(pos, tag);
  return tag.end;
}

// Elements whose end tag is optional (an unclosed <p> or <li> does not nest).
bool HasOptionalEndTag(std::string_view name) {
  switch (name.size()) {
    case 1: return name == "p";
    case 2:
      return name == "li" || name == "dt" || name == "dd" || name == "tr" || name == "td" ||
             name == "th" || name == "rb" || name == "rt" || name == "rp";
    case 3: return name == "rtc";
    case 4: return name == "html" || name == "head" || name == "body";
    case 5: return name == "tbody" || name == "thead" || name == "tfoot";
    case 6: return name == "option";
    case 7: return name == "caption";
    case 8: return name == "optgroup" || name == "colgroup";
    default: return false;
  }
}

// Elements that count towards nesting depth: not void, not self-closing, and
// without an optional end tag.
bool CountsForDepth(const Tag& tag) {
  return !tag.self_closing && !IsVoidElement(tag.name) && !HasOptionalEndTag(tag.name);
}

// Past limits::kMaxHtmlElements start tags, or limits::kMaxNestingDepth open
// elements, further start tags are dropped (their text stays): the parser's
// time grows with depth times tags and its memory with tags, so hostile
// nesting must not reach it. Their end tags are dropped to match.
bool Scanner::AdmitStartTag(const Tag& tag) {
  bool counts = CountsForDepth(tag);
  if (elements_ >= limits::kMaxHtmlElements || (counts && depth_ >= limits::kMaxNestingDepth)) {
    if (counts) ++dropped_open_;
    return false;
  }
  ++elements_;
  if (counts) ++depth_;
  return true;
}

bool Scanner::AdmitEndTag(const Tag& tag) {
  if (!CountsForDepth(tag)) return true;
  if (dropped_open_ > 0) {
    --dropped_open_;
    return false;
  }
  if (depth_ > 0) --depth_;
  return true;
}

// The end of a nav/aside/footer/select element that starts with `tag`, or
// npos when its extent is unclear (no end tag, or an end tag of an enclosing
// element closes it first, as a browser would): then it is kept. JSON-LD
// inside is still collected.
size_t Scanner::SkipFurniture(const Tag& open) {
  size_t saved = out_.html.size();
  int same = 1;    // open elements named like `open`
  int others = 0;  // other open elements (over-counted by optional end tags)
  size_t pos = open.end;
  size_t result = std::string_view::npos;
  while ((pos = in_.find('<', pos)) != std::string_view::npos) {
    if (pos + 1 < in_.size() && (in_[pos + 1] == '!' || in_[pos + 1] == '?')) {
      pos = SkipMarkupDeclaration(pos);
      continue;
    }
    bool end_tag = in_.compare(pos, 2, "</") == 0;
    size_t name_pos = pos + (end_tag ? 2 : 1);
    if (name_pos >= in_.size() || !IsAsciiAlpha(in_[name_pos])) {
      ++pos;
      continue;
    }
    Tag tag = ReadTag(in_, pos, false);
    if (tag.end == std::string_view::npos) break;
    if (end_tag) {
      if (tag.name == open.name && --same == 0) {
        result = tag.end;
        break;
      }
      if (tag.name != open.name && --others < 0) break;
      pos = tag.end;
      continue;
    }
    if (IsRawTextElement(tag.name)) {
      pos = CopyRawText(pos, tag, /*keep=*/false);
      continue;
    }
    if (tag.name == open.name && !tag.self_closing) {
      ++same;
    } else if (!tag.self_closing && !IsVoidElement(tag.name)) {
      ++others;
    }
    pos = tag.end;
  }
  out_.html.resize(saved);
  return result;
}

PrescanResult Scanner::Run() {
  size_t pos = 0;
  const size_t n = in_.size();
  while (pos < n) {
    size_t lt = in_.find('<', pos);
    if (lt == std::string_view::npos) lt = n;
    AppendText(in_.substr(pos, lt - pos));
    if (lt >= n - 1) {
      if (lt < n) out_.html += '<';
      break;
    }
    char next = in_[lt + 1];
    if (next == '!' || next == '?') {
      pos = SkipMarkupDeclaration(lt);
      continue;
    }
    bool is_end = next == '/';
    if (is_end && lt + 2 < n && in_[lt + 2] == '>') {
      pos = lt + 3;  // "</>" is ignored
      continue;
    }
    if (is_end && (lt + 2 >= n || !IsAsciiAlpha(in_[lt + 2]))) {
      pos = SkipMarkupDeclaration(lt);  // "</" + non-letter: bogus comment
      continue;
    }
    if (!is_end && !IsAsciiAlpha(next)) {
      out_.html += '<';  // a literal '<'
      pos = lt + 1;
      continue;
    }
    Tag& tag = tag_;  // one per page: its buffers are reused tag after tag
    ReadTagInto(in_, lt, options_.keep_hrefs, &tag);
    if (tag.end == std::string_view::npos) break;  // EOF in a tag: dropped, as in a browser
    TrackPreformatted(tag);
    if (is_end) {
      if (AdmitEndTag(tag)) AppendTag(lt, tag);
      pos = tag.end;
    } else {
      pos = HandleStartTag(lt, tag);
    }
  }
  if (frameset_ && !out_.text_runs.ends.empty()) {
    // A frameset keeps only the whitespace of text: the stand-ins would
    // lose it. Put the runs back.
    out_.html = ExpandStandIns(out_.html, out_.text_runs);
    out_.text_runs = TextRuns();
  }
  return std::move(out_);
}

}  // namespace

PrescanResult Prescan(std::string_view html, const PrescanOptions& options) {
  return Scanner(html, options).Run();
}

}  // namespace ecwatch
