// Tests for extract/class_hints.h.
#include "extract/class_hints.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

DomNode Element(std::string_view tag, std::vector<std::pair<std::string_view, std::string_view>> attrs) {
  DomNode node;
  node.tag = tag;
  node.attrs = std::move(attrs);
  return node;
}

TEST_CASE("IsUnlikelyCandidate: furniture words unless an article word is present", "[class_hints]") {
  CHECK(IsUnlikelyCandidate(Element("div", {{"class", "sidebar-widget"}})));
  CHECK(IsUnlikelyCandidate(Element("div", {{"id", "comments"}})));
  CHECK(IsUnlikelyCandidate(Element("div", {{"class", "Cookie-Banner"}})));
  CHECK_FALSE(IsUnlikelyCandidate(Element("div", {{"class", "article-comments-count"}})));
  CHECK_FALSE(IsUnlikelyCandidate(Element("div", {{"class", "story"}})));
  CHECK_FALSE(IsUnlikelyCandidate(Element("div", {})));
}

TEST_CASE("ClassWeight adds 25 per positive and subtracts 25 per negative attribute", "[class_hints]") {
  CHECK(ClassWeight(Element("div", {{"class", "article-body"}})) == 25);
  CHECK(ClassWeight(Element("div", {{"class", "related"}})) == -25);
  CHECK(ClassWeight(Element("div", {{"class", "post"}, {"id", "share"}})) == 0);
  CHECK(ClassWeight(Element("div", {{"class", "x"}})) == 0);
}

TEST_CASE("IsHidden reads hidden, aria-hidden and inline display/visibility", "[class_hints]") {
  CHECK(IsHidden(Element("div", {{"hidden", ""}})));
  CHECK(IsHidden(Element("div", {{"aria-hidden", "TRUE"}})));
  CHECK(IsHidden(Element("div", {{"style", "color: red; DISPLAY : none"}})));
  CHECK(IsHidden(Element("div", {{"style", "visibility:hidden"}})));
  CHECK_FALSE(IsHidden(Element("div", {{"style", "display:block"}})));
}

TEST_CASE("Tag and role hints", "[class_hints]") {
  CHECK(IsBoilerplateTag("nav"));
  CHECK(IsBoilerplateTag("footer"));
  CHECK_FALSE(IsBoilerplateTag("article"));
  CHECK(HasBoilerplateRole(Element("div", {{"role", "Navigation"}})));
  CHECK_FALSE(HasBoilerplateRole(Element("div", {{"role", "main"}})));
}

TEST_CASE("Byline and caption hints", "[class_hints]") {
  CHECK(IsBylineLike(Element("span", {{"class", "article-byline"}})));
  CHECK(IsBylineLike(Element("a", {{"rel", "author"}})));
  CHECK(IsBylineLike(Element("time", {{"itemprop", "datePublished"}})));
  CHECK_FALSE(IsBylineLike(Element("p", {{"class", "lead"}})));
  CHECK(IsCaptionLike(Element("figcaption", {})));
  CHECK(IsCaptionLike(Element("div", {{"class", "image-credit"}})));
}

}  // namespace
}  // namespace ecwatch
