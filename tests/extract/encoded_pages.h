// Test fixtures: small news pages in several languages, written for these
// tests, with helpers that encode them into legacy charsets with iconv.
#ifndef ECWATCH_TESTS_EXTRACT_ENCODED_PAGES_H_
#define ECWATCH_TESTS_EXTRACT_ENCODED_PAGES_H_

#include <string>
#include <vector>

namespace ecwatch::testing_pages {

struct LegacyPage {
  std::string charset;     // iconv name used to encode, also the <meta charset> label
  std::string utf8_html;   // the page in UTF-8, declaring `charset` in <meta>
  std::string first_sentence;  // a sentence of the article body, UTF-8
  bool detectable;         // uchardet is expected to recognise it undeclared
};

// GB18030, Big5, Shift_JIS, EUC-KR, windows-1251, windows-1252, ISO-8859-1.
std::vector<LegacyPage> LegacyPages();

// `utf8` converted to `charset` with iconv; fails the test if not encodable.
std::string Encode(const std::string& utf8, const std::string& charset);

// The page with its <meta charset=...> element removed.
std::string WithoutMetaCharset(const std::string& html);

}  // namespace ecwatch::testing_pages

#endif  // ECWATCH_TESTS_EXTRACT_ENCODED_PAGES_H_
