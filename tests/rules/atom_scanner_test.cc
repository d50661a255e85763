// Pins AtomScanner: every occurrence of every atom, folded ASCII case,
// overlapping atoms and suffixes, byte (UTF-8) atoms, exact (as written)
// atoms, the size cap.
#include "rules/atom_scanner.h"

#include <algorithm>
#include <cctype>

#include <catch2/catch.hpp>

namespace ecwatch::rules_internal {
namespace {

// "atom@end" for every occurrence, in scan order.
std::vector<std::string> Occurrences(const std::vector<std::string>& atoms, const std::string& text) {
  AtomScanner s;
  REQUIRE(s.Build(atoms, 1 << 20));
  std::vector<AtomScanner::Occurrence> occ;
  s.Scan(text, &occ);
  std::vector<std::string> out;
  for (const auto& o : occ) out.push_back(atoms[o.atom] + "@" + std::to_string(o.end));
  return out;
}

TEST_CASE("AtomScanner finds every occurrence with its end offset", "[atom_scanner]") {
  CHECK(Occurrences({"export", "control"}, "export control, export") ==
        std::vector<std::string>{"export@6", "control@14", "export@22"});
}

TEST_CASE("AtomScanner reads ASCII letters as lower case", "[atom_scanner]") {
  CHECK(Occurrences({"gallium"}, "GALLIUM and Gallium") == std::vector<std::string>{"gallium@7", "gallium@19"});
}

TEST_CASE("AtomScanner reports overlapping atoms and suffixes, longest first at one end", "[atom_scanner]") {
  CHECK(Occurrences({"rare earth", "earth", "art", "ear"}, "rare earths") ==
        std::vector<std::string>{"ear@8", "art@9", "rare earth@10", "earth@10"});
}

TEST_CASE("AtomScanner restarts after a partial match (failure links)", "[atom_scanner]") {
  CHECK(Occurrences({"abcd", "bce"}, "abce abcd") == std::vector<std::string>{"bce@4", "abcd@9"});
}

TEST_CASE("AtomScanner matches multi-byte UTF-8 atoms bytewise", "[atom_scanner]") {
  CHECK(Occurrences({"稀土"}, "中国稀土出口") == std::vector<std::string>{"稀土@12"});
}

TEST_CASE("AtomScanner tells apart non-ASCII atoms whose bytes share classes", "[atom_scanner]") {
  // "稈圗" (E7 A8 88 E5 9C 97) has the low bits of "稀土" (E7 A8 80 E5 9C 9F)
  // in every byte, so the automaton reaches 稀土's state; the check after
  // the scan drops it. "É" (C3 89) folded is not "é" (C3 A9): ASCII only.
  CHECK(Occurrences({"稀土", "café"}, "稈圗 稀土 CAFÉ CAFé") ==
        std::vector<std::string>{"稀土@13", "café@25"});
}

TEST_CASE("AtomScanner finds exact atoms only as written, beside folded ones", "[atom_scanner]") {
  AtomScanner s;
  const std::vector<std::string> atoms = {"US", "us", "Dy", "U.S.-China trade"};
  REQUIRE(s.Build(atoms, 1 << 20, {true, false, true, true}));
  // Near the start of the text (fewer than 8 bytes before an end) and later;
  // an exact atom longer than 8 bytes.
  const std::string text = "US, thus Us; DY and Dy2O3, U.S.-China trade, u.s.-china trade";
  std::vector<AtomScanner::Occurrence> occ;
  s.Scan(text, &occ);
  std::vector<std::string> got;
  for (const auto& o : occ) got.push_back(atoms[o.atom] + "@" + std::to_string(o.end));
  CHECK(got == std::vector<std::string>{"US@2", "us@2", "us@8", "us@11", "Dy@22", "U.S.-China trade@43"});
}

TEST_CASE("AtomScanner keeps capital exact atoms apart, by start, and merges them in Scan", "[atom_scanner]") {
  AtomScanner s;
  const std::vector<std::string> atoms = {"U.S.", "S.", "us", "Nd", "nd"};
  REQUIRE(s.Build(atoms, 1 << 20, {true, true, false, true, false}));
  const std::string text = "U.S. and Nd";
  std::vector<AtomScanner::Occurrence> folded, capital, merged;
  s.ScanApart(text, &folded, &capital);
  std::vector<std::string> f, c, m;
  for (const auto& o : folded) f.push_back(atoms[o.atom] + "@" + std::to_string(o.end));
  for (const auto& o : capital) c.push_back(atoms[o.atom] + "@" + std::to_string(o.end));
  CHECK(f == std::vector<std::string>{"nd@8", "nd@11"});
  CHECK(c == std::vector<std::string>{"U.S.@4", "S.@4", "Nd@11"});
  s.Scan(text, &merged);
  for (const auto& o : merged) m.push_back(atoms[o.atom] + "@" + std::to_string(o.end));
  CHECK(m == std::vector<std::string>{"U.S.@4", "S.@4", "nd@8", "Nd@11", "nd@11"});
}

// Every occurrence by brute force: "atom@end", sorted by end, longer first.
std::vector<std::string> Naive(const std::vector<std::string>& atoms, std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const auto& a : atoms) {
    for (std::size_t p = text.find(a); p != std::string::npos; p = text.find(a, p + 1)) found.push_back({p + a.size(), a});
  }
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.size() > y.second.size();
  });
  std::vector<std::string> out;
  for (const auto& [end, a] : found) out.push_back(a + "@" + std::to_string(end));
  return out;
}

TEST_CASE("AtomScanner on a long text (parallel lanes) finds what a brute-force search finds", "[atom_scanner]") {
  const std::vector<std::string> atoms = {"export control", "control", "rol", "gallium", "ports"};
  // Lengths around the middle, so that atoms cross it at every offset.
  // 600 bytes: two lanes; 3000: four.
  for (std::size_t pad = 0; pad < 96; ++pad) {
    std::string text(pad % 48, '.');
    while (text.size() < (pad < 48 ? 600u : 3000u)) text += "Export Control gallium ports.";
    text += " export control";
    INFO("length " << text.size());
    CHECK(Occurrences(atoms, text) == Naive(atoms, text));
  }
}

TEST_CASE("AtomScanner's lanes overlap by its longest atom, whatever the text's length", "[atom_scanner]") {
  // A 200-byte atom beside short ones: lanes of a 1,000-byte text start at
  // least 199 bytes before the previous lane's end.
  std::string long_atom;
  while (long_atom.size() < 200) long_atom += "rare earth ";
  long_atom.resize(200);
  const std::vector<std::string> atoms = {long_atom, "earth", "rare e"};
  for (std::size_t length = 1000; length < 1400; length += 37) {
    std::string text;
    while (text.size() < length) text += (text.size() / 97) % 2 ? "rare earth " : "rare earth, ";
    text.resize(length);
    INFO("length " << length);
    CHECK(Occurrences(atoms, text) == Naive(atoms, text));
  }
}

TEST_CASE("AtomScanner tells apart atoms whose digits, line breaks and punctuation share one class",
          "[atom_scanner]") {
  // Digits, tabs, line breaks and rare punctuation all walk one class: the
  // automaton reaches "2021/821" at "1234/567" too, and the check after it
  // keeps the real ones only.
  const std::vector<std::string> atoms = {"2021/821", "428/2009", "sept\t", "sept\n", "people's", "gecl4"};
  CHECK(Occurrences(atoms, "1234/567 2021/821 428/2009 428/2008 sept\n sept\t sept\r people's people`s GeCl4 gecl5") ==
        std::vector<std::string>{"2021/821@17", "428/2009@26", "sept\n@41", "sept\t@47", "people's@62", "gecl4@77"});
  const std::string digits = "12345678 2021/8211 x2021/821";
  CHECK(Occurrences(atoms, digits) == Naive(atoms, digits));
}

TEST_CASE("AtomScanner finds nothing in text without atoms, or with no atoms at all", "[atom_scanner]") {
  CHECK(Occurrences({"tungsten"}, "nothing to see here").empty());
  AtomScanner empty;
  REQUIRE(empty.Build({}, 1 << 20));
  std::vector<AtomScanner::Occurrence> occ;
  empty.Scan("anything", &occ);
  CHECK(occ.empty());
}

TEST_CASE("AtomScanner refuses an automaton larger than its cap", "[atom_scanner]") {
  AtomScanner s;
  CHECK_FALSE(s.Build({"abcdefghijklmnopqrstuvwxyz"}, 64));
  std::vector<AtomScanner::Occurrence> occ;
  s.Scan("abcdefghijklmnopqrstuvwxyz", &occ);
  CHECK(occ.empty());
}

}  // namespace
}  // namespace ecwatch::rules_internal
