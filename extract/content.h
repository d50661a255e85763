// Main-content selection: which part of a page is the article, and its text.
//
// Scores candidate blocks by text length, commas, paragraph structure, link
// density and class/id hints, picks the best container, merges its related
// siblings, cleans boilerplate out of it and renders it with text.h.
// Thread-safe for distinct documents (it marks nodes of the one it is given).
#ifndef ECWATCH_EXTRACT_CONTENT_H_
#define ECWATCH_EXTRACT_CONTENT_H_

#include <string>
#include <string_view>

#include "extract/html_document.h"

namespace ecwatch {

struct ContentHints {
  std::string_view title;        // the page's title: a heading repeating it is dropped
  std::string_view ld_body;      // JSON-LD articleBody, "" if none
};

// The main text of `doc` ("" when the page has none), blocks separated by a
// blank line, at most limits::kMaxTextBytes. Marks nodes of `doc` removed.
std::string ExtractMainText(HtmlDocument* doc, const ContentHints& hints);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_CONTENT_H_
