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

namespace ecwatch {

struct PrescanResult {
  // The page without comments, <script>, <style>, <noscript>, <iframe>,
  // <noembed>, <noframes> and <svg> elements (tags and contents) and without
  // <?...?> and <!...> other than <!DOCTYPE>.
  std::string html;
  // Bodies of <script type="application/ld+json"> in document order, raw (not
  // entity-decoded, as a browser reads them); at most kMaxJsonLdScripts.
  std::vector<std::string> json_ld;
};

// Never fails; output is never longer than the input.
PrescanResult Prescan(std::string_view html);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_PRESCAN_H_
