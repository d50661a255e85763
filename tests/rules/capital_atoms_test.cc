// Pins CapitalAtoms: exact atoms that begin with a capital, found as
// written at every position (across 64-byte blocks, at the end of the
// text), several per letter and per position, against a brute-force search.
#include "rules/capital_atoms.h"

#include <random>

#include <catch2/catch.hpp>

namespace ecwatch::rules_internal {
namespace {

// "atom@end" for every occurrence, in scan order.
std::vector<std::string> Found(const std::vector<std::string>& atoms, std::string_view text) {
  CapitalAtoms c;
  for (std::size_t i = 0; i < atoms.size(); ++i) {
    REQUIRE(CapitalAtoms::Takes(atoms[i]));
    c.Add(atoms[i], static_cast<int>(i));
  }
  std::vector<AtomOccurrence> occ;
  c.Scan(text, &occ);
  std::vector<std::string> out;
  for (const auto& o : occ) out.push_back(atoms[o.atom] + "@" + std::to_string(o.end));
  return out;
}

// By brute force: in order of start, then of the atoms.
std::vector<std::string> Naive(const std::vector<std::string>& atoms, std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (const auto& a : atoms) {
      if (text.substr(i, a.size()) == a) out.push_back(a + "@" + std::to_string(i + a.size()));
    }
  }
  return out;
}

TEST_CASE("CapitalAtoms takes atoms of 1 to 8 bytes that begin with A-Z", "[capital_atoms]") {
  CHECK(CapitalAtoms::Takes("US"));
  CHECK(CapitalAtoms::Takes("V"));
  CHECK(CapitalAtoms::Takes("U.S.-EU"));
  CHECK(CapitalAtoms::Takes("MOFCOM12"));
  CHECK_FALSE(CapitalAtoms::Takes("MOFCOM123"));  // 9 bytes
  CHECK_FALSE(CapitalAtoms::Takes(""));
  CHECK_FALSE(CapitalAtoms::Takes("us"));
  CHECK_FALSE(CapitalAtoms::Takes("镝"));
  CHECK_FALSE(CapitalAtoms::Takes("3D"));
}

TEST_CASE("CapitalAtoms finds atoms only as written", "[capital_atoms]") {
  CHECK(Found({"US", "Nd", "EU"}, "US thus Us and Nd, ND nd; EU eu EUR") ==
        std::vector<std::string>{"US@2", "Nd@17", "EU@28", "EU@34"});
}

TEST_CASE("CapitalAtoms reports every atom at one start, in the order added", "[capital_atoms]") {
  CHECK(Found({"U.S.", "U", "US", "U.S"}, "U.S. US") ==
        std::vector<std::string>{"U.S.@4", "U@1", "U.S@3", "U@6", "US@7"});
}

TEST_CASE("CapitalAtoms finds atoms at the end of the text and across 64-byte blocks", "[capital_atoms]") {
  const std::vector<std::string> atoms = {"Te", "Ti", "T", "MOFCOM"};
  for (std::size_t pad = 0; pad < 140; ++pad) {
    std::string text(pad, 'x');
    text += "Te Ti MOFCOM";
    INFO("pad " << pad);
    CHECK(Found(atoms, text) == Naive(atoms, text));
    CHECK(Found(atoms, text.substr(0, text.size() - 1)) == Naive(atoms, text.substr(0, text.size() - 1)));
  }
}

TEST_CASE("CapitalAtoms on random text finds what a brute-force search finds", "[capital_atoms]") {
  const std::vector<std::string> atoms = {"AB", "ABA", "B", "BA.", "Zz", "C-D", "AAAAAAAA"};
  std::mt19937 rng(7);
  const std::string alphabet = "ABCDZza.- \n\xE2\x80\x94";
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const std::size_t n = rng() % 300;
    for (std::size_t i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    INFO("text " << text);
    CHECK(Found(atoms, text) == Naive(atoms, text));
  }
}

TEST_CASE("CapitalAtoms with no atoms finds nothing", "[capital_atoms]") {
  CapitalAtoms c;
  CHECK(c.empty());
  std::vector<AtomOccurrence> occ;
  c.Scan("US EU", &occ);
  CHECK(occ.empty());
}

}  // namespace
}  // namespace ecwatch::rules_internal
