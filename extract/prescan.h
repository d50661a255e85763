// Prescan: removes from an HTML page what extraction never reads, before the
// (comparatively slow) HTML parser sees it.
//
// Follows the tokenizer rules of the HTML standard closely enough that it
// never cuts the page somewhere a browser would not: quoted attribute values,
// comments ("<!-->", "--!>"), bogus comments and CDATA, raw-text and RCDATA
// elements (<title>, <textarea>, <xmp>, <plaintext>), script data with its
// escaped and double-escaped states, case-insensitive tag names, and tags left
// unterminated at end of input. Thread-safe (pure functions).
#ifndef ECWATCH_EXTRACT_PRESCAN_H_
#define ECWATCH_EXTRACT_PRESCAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/stand_ins.h"

namespace ecwatch {

struct PrescanResult {
  // The page (see Prescan for what is rewritten) without comments, <script>, <style>, <noscript>, <iframe>,
  // <noembed>, <noframes> and <svg> elements (tags and contents) and without
  // <?...?> and <!...> other than <!DOCTYPE>.
  std::string html;
  // Bodies of <script type="application/ld+json"> in document order, raw (not
  // entity-decoded, as a browser reads them); at most kMaxJsonLdScripts.
  std::vector<std::string> json_ld;
  // With PrescanOptions::stand_in_text: the text runs `html` holds
  // stand-ins for (stand_ins.h); pass both to HtmlDocument::Parse.
  TextRuns text_runs;
};

struct PrescanOptions {
  // Keep href= on every element; when false only <base> and a <link> with a
  // rel= that may read "canonical" (any case, or with a character reference)
  // keep it (text extraction needs no link targets but the canonical URL,
  // link discovery does).
  bool keep_hrefs = true;
  // Drop <nav>, <aside>, <footer> and <select> elements with their content
  // (text extraction never keeps them; link discovery does), when their end
  // tag is found where a browser would close them. JSON-LD inside is kept.
  bool drop_furniture = false;
  // Replace each text run between tags that the parser would keep unchanged
  // (ParserKeepsText, at least kMinStandInRunBytes, not preceded by text: it
  // follows a tag or whitespace, so no character reference spans into it;
  // its leading and trailing whitespace stays) by a stand-in, collecting the
  // runs in PrescanResult::text_runs. Never on a page holding U+E000.
  bool stand_in_text = false;
};

// Never fails; output is never longer than the input. Tags keep only the
// attributes some part of extract/ reads (class, id, rel, content, name,
// property, itemprop, lang, datetime, hidden, aria-hidden, role, type,
// http-equiv, charset, pubdate, href, and style when it may hide the element);
// outside <pre>, a run of whitespace between tags becomes one space or newline.
// Start tags beyond limits::kMaxHtmlElements, or nesting beyond
// limits::kMaxNestingDepth open elements, are dropped with their end tags
// (their text stays), so hostile markup cannot make parsing quadratic.
PrescanResult Prescan(std::string_view html, const PrescanOptions& options = {});

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_PRESCAN_H_
