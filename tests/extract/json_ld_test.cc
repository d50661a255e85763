// Tests for extract/json_ld.h.
#include "extract/json_ld.h"

#include <catch2/catch.hpp>

#include "base/limits.h"

namespace ecwatch {
namespace {

TEST_CASE("ParseJsonLd reads a NewsArticle", "[json_ld]") {
  LdArticle a = ParseJsonLd({R"({"@context":"https://schema.org","@type":"NewsArticle",
    "headline":"Rare earth pause","datePublished":"2025-11-07T10:00:00+08:00",
    "author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Writer"}],
    "publisher":{"@type":"Organization","name":"Example News"},"articleBody":"Body text.",
    "inLanguage":"en"})"});
  CHECK(a.headline == "Rare earth pause");
  CHECK(a.date_published == "2025-11-07T10:00:00+08:00");
  CHECK(a.author == "A. Writer, B. Writer");
  CHECK(a.publisher == "Example News");
  CHECK(a.article_body == "Body text.");
  CHECK(a.language == "en");
}

TEST_CASE("ParseJsonLd searches @graph and arrays and skips other types", "[json_ld]") {
  LdArticle a = ParseJsonLd({R"({"@type":"WebSite","name":"Site"})",
                             R"({"@graph":[{"@type":"WebPage","name":"P"},
                                 {"@type":["Thing","BlogPosting"],"headline":"H"}]})"});
  CHECK(a.headline == "H");
  LdArticle b = ParseJsonLd({R"([{"@type":"BreadcrumbList"},{"@type":"http://schema.org/Article","name":"N"}])"});
  CHECK(b.headline == "N");
}

TEST_CASE("ParseJsonLd survives invalid JSON, raw newlines and odd types", "[json_ld]") {
  CHECK(ParseJsonLd({"{not json", "", "[1,2"}).headline.empty());
  LdArticle a = ParseJsonLd({"{\"@type\":\"Article\",\"headline\":\"line\none\"}"});
  CHECK(a.headline == "line one");
  LdArticle b = ParseJsonLd({R"({"@type":"Article","headline":42,"author":{"name":7},"datePublished":null})"});
  CHECK(b.headline.empty());
  CHECK(b.author.empty());
}

TEST_CASE("ParseJsonLd ignores scripts over kMaxJsonLdBytes", "[json_ld][limits]") {
  std::string big = R"({"@type":"Article","headline":"H","x":")" +
                    std::string(limits::kMaxJsonLdBytes, 'a') + "\"}";
  CHECK(ParseJsonLd({big}).headline.empty());
}

}  // namespace
}  // namespace ecwatch
