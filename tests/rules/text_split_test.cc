// Pins paragraph and sentence splitting, including abbreviations and CJK.
#include "rules/text_split.h"

#include <string>

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : SplitText(text).sentences) out.push_back(text.substr(s.start, s.end - s.start));
  return out;
}

TEST_CASE("SplitText separates paragraphs and sentences", "[rules][text_split]") {
  std::string text = "First one. Second one!\n\nThird? Fourth.";
  Segments s = SplitText(text);
  REQUIRE(s.paragraphs.size() == 2);
  REQUIRE(s.sentences.size() == 4);
  CHECK(s.paragraph_of == std::vector<std::size_t>{0, 0, 1, 1});
  CHECK(s.first_sentence == std::vector<std::size_t>{0, 2});
  CHECK(Sentences(text)[1] == "Second one!");
}

TEST_CASE("SplitText keeps abbreviations and initials inside sentences", "[rules][text_split]") {
  CHECK(Sentences("The U.S. Commerce Dept. said on Nov. 7 it agreed. Then B. Jay Cooper spoke.") ==
        std::vector<std::string>{"The U.S. Commerce Dept. said on Nov. 7 it agreed.", "Then B. Jay Cooper spoke."});
  CHECK(Sentences("Prices rose 1.5 pct. to 9 dlrs.").size() == 1);
}

TEST_CASE("SplitText: a period ends no sentence after each listed abbreviation, and ends one after other words",
          "[rules][text_split]") {
  for (const char* w : {"U.S", "u.k", "U.N", "E.U", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Nos", "Co", "Corp", "Inc",
                        "Ltd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
                        "vs", "Gov", "Sen", "Rep", "Gen", "Jr", "Sr", "Mt", "pct", "approx", "Dept", "Fig", "Art",
                        "e.g", "i.e", "etc", "p.m", "a.m", "ft", "Bros", "B", "x"}) {
    INFO(w);
    CHECK(Sentences(std::string("It was ") + w + ". Next one.").size() == 1);
  }
  for (const char* w : {"said", "US", "uk", "Mrss", "Sepx", "mars", "dec.e", "approxi", "nov2", "inc9", "ee"}) {
    INFO(w);
    CHECK(Sentences(std::string("It was ") + w + ". Next one.").size() == 2);
  }
}

TEST_CASE("SplitText splits Chinese at 。 and lines at newlines", "[rules][text_split]") {
  CHECK(Sentences("商务部决定暂停实施。暂停期间仍需许可。") ==
        std::vector<std::string>{"商务部决定暂停实施。", "暂停期间仍需许可。"});
  CHECK(Sentences("HEADLINE\nBody text.").size() == 2);
}

TEST_CASE("SplitText finds sentence ends on both sides of its 64-byte blocks", "[rules][text_split]") {
  // The stop bytes are looked for 64 bytes at a time: put each kind of end
  // at every offset around the first two block boundaries, and the text's
  // end just before, at and after one.
  for (const std::string stop : {".", "!", "?", "\n", "\xE3\x80\x82", "\xEF\xBC\x81"}) {
    for (std::size_t at = 50; at < 140; ++at) {
      const std::string first = std::string(at, 'a') + stop;
      const std::string text = first + (stop == "\n" ? "Next" : " Next") + std::string(at % 7, 'b') + ".";
      INFO("stop '" << stop << "' at " << at);
      const auto got = Sentences(text);
      REQUIRE(got.size() == 2);
      CHECK(got[0] == (stop == "\n" ? std::string(at, 'a') : first));
      CHECK(got[1] == "Next" + std::string(at % 7, 'b') + ".");
    }
  }
  for (std::size_t n = 60; n < 70; ++n) CHECK(Sentences(std::string(n, 'a')).size() == 1);
  // A CJK terminator cut by the text's end is no stop.
  CHECK(Sentences(std::string(62, 'a') + "\xE3\x80") == std::vector<std::string>{std::string(62, 'a') + "\xE3\x80"});
}

TEST_CASE("SplitText handles empty and blank input", "[rules][text_split]") {
  CHECK(SplitText("").sentences.empty());
  CHECK(SplitText(" \n\n \n").paragraphs.empty());
}

}  // namespace
}  // namespace ecwatch
