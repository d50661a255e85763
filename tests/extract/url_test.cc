// Tests for extract/url.h: RFC 3986 section 5.4 examples and helpers.
#include "extract/url.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

TEST_CASE("ResolveUrl RFC3986_5_4_1 normal examples", "[url]") {
  const char* base = "http://a/b/c/d;p?q";
  CHECK(ResolveUrl(base, "g:h") == "g:h");
  CHECK(ResolveUrl(base, "g") == "http://a/b/c/g");
  CHECK(ResolveUrl(base, "./g") == "http://a/b/c/g");
  CHECK(ResolveUrl(base, "g/") == "http://a/b/c/g/");
  CHECK(ResolveUrl(base, "/g") == "http://a/g");
  CHECK(ResolveUrl(base, "//g") == "http://g");
  CHECK(ResolveUrl(base, "?y") == "http://a/b/c/d;p?y");
  CHECK(ResolveUrl(base, "g?y") == "http://a/b/c/g?y");
  CHECK(ResolveUrl(base, "#s") == "http://a/b/c/d;p?q#s");
  CHECK(ResolveUrl(base, "..") == "http://a/b/");
  CHECK(ResolveUrl(base, "../g") == "http://a/b/g");
  CHECK(ResolveUrl(base, "../..") == "http://a/");
  CHECK(ResolveUrl(base, "../../g") == "http://a/g");
}

TEST_CASE("ResolveUrl RFC3986_5_4_2 abnormal examples", "[url]") {
  const char* base = "http://a/b/c/d;p?q";
  CHECK(ResolveUrl(base, "../../../g") == "http://a/g");
  CHECK(ResolveUrl(base, "/./g") == "http://a/g");
  CHECK(ResolveUrl(base, "g.") == "http://a/b/c/g.");
  CHECK(ResolveUrl(base, "g;x=1/../y") == "http://a/b/c/y");
}

TEST_CASE("ResolveUrl trims whitespace and refuses relative bases", "[url]") {
  CHECK(ResolveUrl("https://x.org/a/", "  b.html\n") == "https://x.org/a/b.html");
  CHECK(ResolveUrl("https://x.org", "b") == "https://x.org/b");
  CHECK(ResolveUrl("page.html", "b") == "");
  CHECK(ResolveUrl("https://x.org/", "   ") == "");
}

TEST_CASE("IsHttpUrl and StripFragment", "[url]") {
  CHECK(IsHttpUrl("https://x.org/a"));
  CHECK(IsHttpUrl("HTTP://x.org"));
  CHECK_FALSE(IsHttpUrl("mailto:a@b"));
  CHECK_FALSE(IsHttpUrl("javascript:void(0)"));
  CHECK_FALSE(IsHttpUrl("http:///x"));
  CHECK(StripFragment("https://x.org/a#b") == "https://x.org/a");
}

}  // namespace
}  // namespace ecwatch
