// Tests for rules/literal_alternation.cc: the matches equal RE2's.
#include "rules/literal_alternation.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "rules/term_list.h"

namespace ecwatch::rules_internal {
namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// Successive non-empty matches in text[pos, end), as the matcher's loop takes them.
Spans Re2Spans(const RE2& re, const std::string& text, std::size_t pos, std::size_t end) {
  Spans out;
  re2::StringPiece m;
  while (pos <= end && re.Match(text, pos, end, RE2::UNANCHORED, &m, 1)) {
    const std::size_t s = m.data() - text.data(), e = s + m.size();
    pos = e > s ? e : e + 1;
    if (e > s) out.emplace_back(s, e);
  }
  return out;
}

Spans FastSpans(const LiteralAlternation& lit, const std::string& text, std::size_t pos, std::size_t end,
                std::size_t max_start = static_cast<std::size_t>(-1)) {
  Spans out;
  std::size_t s = 0, e = 0;
  while (pos <= end && pos <= max_start && lit.Find(text, pos, end, max_start, &s, &e)) {
    out.emplace_back(s, e);
    pos = e;
  }
  return out;
}

// Compares every (pos, end) range of text, where the fast path handles it.
void CheckAllRanges(const std::string& pattern, const std::string& text) {
  auto lit = LiteralAlternation::Parse(pattern);
  REQUIRE(lit.has_value());
  RE2 re(pattern);
  REQUIRE(re.ok());
  for (std::size_t end = 0; end <= text.size(); ++end) {
    for (std::size_t pos = 0; pos <= end; ++pos) {
      if (!lit->Handles(text, pos, end)) continue;
      INFO("pattern " << pattern << " text '" << text << "' pos " << pos << " end " << end);
      const Spans want = Re2Spans(re, text, pos, end);
      REQUIRE(FastSpans(*lit, text, pos, end) == want);
      // With a bound on starts: the matches starting up to it.
      for (std::size_t max_start : {pos, (pos + end) / 2, end}) {
        Spans bounded;
        for (const auto& m : want) {
          if (m.first <= max_start) bounded.push_back(m);
        }
        REQUIRE(FastSpans(*lit, text, pos, end, max_start) == bounded);
      }
    }
  }
}

std::string Words(const std::vector<std::string>& terms) { return CompileTerms(terms, false).words; }
std::string Acronyms(const std::vector<std::string>& terms) { return CompileTerms(terms, false).acronyms; }
std::string Symbols(const std::vector<std::string>& terms) { return CompileTerms(terms, true).symbols; }

}  // namespace

TEST_CASE("LiteralAlternation parses the term lists' word and acronym patterns", "[literal_alternation]") {
  CHECK(LiteralAlternation::Parse(Words({"rare earth", "State Council", "People's Republic of China"})));
  CHECK(LiteralAlternation::Parse(Words({"U.S. Trade Representative", "Ministry of Economy, Trade and Industry"})));
  CHECK(LiteralAlternation::Parse(Acronyms({"MOFCOM", "U.S.", "USTR"})));
  CHECK(LiteralAlternation::Parse(Symbols({"Dy", "Nd", "W", "Ga"})));
  CHECK(LiteralAlternation::Parse(Words({"rare earth"}))->folds());
  CHECK_FALSE(LiteralAlternation::Parse(Acronyms({"MOFCOM"}))->folds());
}

TEST_CASE("LiteralAlternation refuses every other shape (RE2 keeps them)", "[literal_alternation]") {
  for (const char* p : {"(?i)(?:\\bfoo\\w*)", "(?i)\\bfoo\\b", "(?:foo\\b)", "(?:\\b\\.foo)", "(?i)(?:\\bfoo|)",
                        "(?i)(?:\\bfoo\\b\\b)", "(?i)(?:\\bfoo bar)", "(?i)(?:\\bfoo-bar)", "(?s)(?:\\bfoo)",
                        "(?i)(?:\\bfo[o])", "(?i)(?:\\bfoo|(?:bar))", "(?i)(?:\\bfoo[\\s\\x{2010}-\\x{2014}-]+)",
                        "(?i)(?:\\bfoo\\d)", "(?i)(?:\\b稀土)", "(?i)(?:\\bfoo\\b|\\bbar\\b)x",
                        "(?i)\\b(?:Dy|Nd)(?:\\b|[0-9])", "\\b(?:Dy|\\bNd)(?:\\b|[0-9])", "\\b(?:Dy|Nd\\b)(?:\\b|[0-9])",
                        "\\b(?:Dy|Nd)(?:\\b|[0-9]+)", "\\b(?:Dy|Nd)(?:[0-9]|\\b)", "\\b(?:Dy|N[d])(?:\\b|[0-9])",
                        "\\b(?:Dy|)(?:\\b|[0-9])", "\\b(?:Dy|rare[\\s\\x{2010}-\\x{2014}-]+earth)(?:\\b|[0-9])",
                        "\\b(?:.y)(?:\\b|[0-9])"}) {
    INFO(p);
    CHECK_FALSE(LiteralAlternation::Parse(p));
  }
}

TEST_CASE("LiteralAlternation: RE2 (?i) folds ASCII letters only with U+017F and U+212A", "[literal_alternation]") {
  // The fast path's case folding and Handles() rest on this; the separator
  // class matches U+2010..U+2014 and no other non-ASCII character.
  RE2 letters("(?i)[a-z]"), separator("[\\s\\x{2010}-\\x{2014}-]");
  std::vector<int> folded, separators;
  for (int cp = 0x80; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    std::string s;
    if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 63));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 63));
      s += static_cast<char>(0x80 | ((cp >> 6) & 63));
    }
    s += static_cast<char>(0x80 | (cp & 63));
    if (RE2::FullMatch(s, letters)) folded.push_back(cp);
    if (RE2::FullMatch(s, separator)) separators.push_back(cp);
  }
  CHECK(folded == std::vector<int>{0x17F, 0x212A});
  CHECK(separators == std::vector<int>{0x2010, 0x2011, 0x2012, 0x2013, 0x2014});
}

TEST_CASE("LiteralAlternation is leftmost-first: the first listed alternative wins, not the longest",
          "[literal_alternation]") {
  // Hand-written order (CompileTerms sorts longest first; any order must work).
  const std::string p = "(?i)(?:\\bstate\\b|\\bstate[\\s\\x{2010}-\\x{2014}-]+council\\b|\\bus\\b)";
  CheckAllRanges(p, "The State Council and the state-council met; US states.");
  CheckAllRanges(Words({"rare earth", "rare earth elements", "rare"}), "rare earth elements, rare earths, rare");
}

TEST_CASE("LiteralAlternation: overlapping terms and terms that are prefixes of each other", "[literal_alternation]") {
  const std::string p = Words({"Commerce Department", "Department of Commerce", "Commerce", "Department",
                               "Ministry of Commerce", "Chinese Ministry of Commerce", "Chinese"});
  CheckAllRanges(p, "Chinese Ministry of Commerce Department of Commerce Department");
  CheckAllRanges(p, "ChineseMinistry of commerce department, Commerce-Department of  Commerce");
}

TEST_CASE("LiteralAlternation: word boundaries at punctuation, digits, underscores and UTF-8", "[literal_alternation]") {
  const std::string p = Words({"China", "People's Republic of China", "U.S. Trade Representative", "tin"});
  CheckAllRanges(p, "China's_China 2China China2 (China) «China» éChina Chinaé");
  CheckAllRanges(p, "the People's Republic of China, People’s Republic of China");
  CheckAllRanges(p, "U.S. Trade Representative u.s.  trade\u2014representative U.S.Trade Representative");
  CheckAllRanges(p, "tin-tin tinned \xE2\x80\x93tin\xE2\x80 tin \xE2\x80\x95tin");
}

TEST_CASE("LiteralAlternation: separator runs of spaces, tabs, hyphens and dashes", "[literal_alternation]") {
  const std::string p = Words({"rare earth", "rare earth elements"});
  CheckAllRanges(p, "rare\t\n earth rare-\xE2\x80\x94-earth\velements rare\xE2\x80\x90" "earth  elements");
  CheckAllRanges(p, "rare--earth--elements rare \xE2\x80\x95 earth rare\xE2\x80\x94");
}

TEST_CASE("LiteralAlternation: ASCII case folding, and no fast path where RE2 folds U+017F or U+212A",
          "[literal_alternation]") {
  const std::string p = Words({"Kinshasa", "Seoul"});
  CheckAllRanges(p, "KINSHASA kinshasa KiNsHaSa seoul SEOUL");
  auto lit = LiteralAlternation::Parse(p);
  REQUIRE(lit);
  // (At a term's start they cannot match: \b needs an ASCII word byte.)
  const std::string long_s = "Kin\xC5\xBF" "hasa", kelvin = "Seoul \xE2\x84\xAA" "inshasa";
  CHECK_FALSE(lit->Handles(long_s, 0, long_s.size()));
  CHECK_FALSE(lit->Handles(kelvin, 0, kelvin.size()));
  CHECK(RE2::FullMatch(long_s, p));  // RE2 matches it
  CheckAllRanges(p, kelvin);         // Handles() only where no U+212A lies
  // Case-sensitive acronyms never fold, so they handle any text.
  const std::string a = Acronyms({"US", "USA", "U.S.", "BIS"});
  CHECK(LiteralAlternation::Parse(a)->Handles(long_s, 0, long_s.size()));
  CheckAllRanges(a, "US USA us U.S. U.S.A. BISUS bis \xC5\xBFUS U.S.S.R.");
}

TEST_CASE("LiteralAlternation: a chemical symbol ends at a boundary or takes one digit, as RE2's (?:\\b|[0-9])",
          "[literal_alternation]") {
  const std::string p = Symbols({"Dy", "Nd", "W", "Ga", "N"});
  CHECK(p == "\\b(?:Dy|Nd|Ga|W|N)(?:\\b|[0-9])");  // the shape Parse() takes
  CheckAllRanges(p, "Dy2O3 Dy Dyx NdFeB Nd-Fe Nd_ 2Nd Nd99 W, WO3 GaN Ga2O3 N2 Nd");
  CheckAllRanges(p, "(Dy)Nd.Ga\xE2\x80\x94W\tN\n_Dy dy DY Dy\xC3\xA9 \xC5\xBF" "Dy9");
  CHECK(LiteralAlternation::Parse(p)->Handles("\xC5\xBF \xE2\x84\xAA", 0, 5));  // case-sensitive: any text
}

TEST_CASE("LiteralAlternation equals RE2 on random texts", "[literal_alternation]") {
  const std::vector<std::string> terms = {"rare earth",  "rare earth elements", "State Council", "state",
                                          "China",       "China's Commerce Ministry", "U.S. Trade Representative",
                                          "kinshasa",    "Coffee Growers' Federation", "tin", "tin-plate"};
  const std::vector<std::string> pieces = {"rare", "RARE", "earth", "Earth", "elements", "state", "STATE", "Council",
                                           "china", "China's", "commerce", "Ministry", "U.S.", "trade", "tin",
                                           "plate", "representative", "Growers'", "federation", "coffee", "Kinshasa",
                                           " ", " ", "  ", "-", "\t", "\xE2\x80\x94", "\xE2\x80\x99", "é", "_", "2",
                                           ",", ".", "\xC5\xBF", "\xE2\x84\xAA", "Tb", "Te2", "S", "U", "Sc"};
  const std::string p = Words(terms);
  const std::string a = Acronyms({"US", "U.S.", "USTR", "MOFCOM"});
  const std::string sym = Symbols({"Sc", "S", "Tb", "Te", "U"});
  std::mt19937 rng(4);
  for (int round = 0; round < 120; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    CheckAllRanges(p, text);
    CheckAllRanges(a, text);
    CheckAllRanges(sym, text);
  }
}

}  // namespace ecwatch::rules_internal
