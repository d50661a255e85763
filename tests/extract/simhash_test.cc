// Tests for extract/simhash.h: fingerprints of the same article with
// different boilerplate stay within kNearDuplicateMaxBits, different articles
// (even on the same topic) do not; the threshold measured on the corpus.
#include "extract/simhash.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

// Two reports of one (invented) move, written for this test.
constexpr const char* kGalliumNotice =
    "The Ministry of Commerce said on Sunday that it will suspend the export control measures on "
    "gallium, germanium and antimony announced in its notice No. 46 of 2024 for one year.\n\n"
    "The suspension takes effect from November 9 and lasts until November 27 next year, a "
    "spokesperson said at a regular press briefing in Beijing.\n\n"
    "Exporters must still apply for dual-use item licences where other rules require them, and "
    "the ministry will keep monitoring end users, the spokesperson added.\n\n"
    "Analysts said the move eases pressure on semiconductor makers in Europe and Japan, which "
    "had struggled to source the metals after shipments fell sharply last year.";

constexpr const char* kGalliumAnalysis =
    "Prices of gallium in Rotterdam fell eight percent on Monday after Beijing paused its export "
    "restrictions on the metal, traders said, although few expect shipments to recover quickly.\n\n"
    "Chinese exporters still need licences for many dual-use goods, and buyers in Europe said "
    "they would keep building stockpiles of germanium and antimony until the rules are clear.\n\n"
    "The pause follows talks between trade officials last month and covers only one year, "
    "leaving chip makers uncertain about supply beyond next autumn, one analyst said.";

constexpr const char* kNav = "Home | World | Business | Markets | Tech | Opinion | Subscribe\n\n";
constexpr const char* kFooter =
    "\n\nRelated: Copper prices hit a record high\n\nRelated: Lithium miners cut output\n\n"
    "Copyright 2026 Example News. All rights reserved. Terms of use. Privacy policy.";

std::string WithBoilerplate(const std::string& text) { return kNav + text + kFooter; }

TEST_CASE("SimHash of identical text is identical (distance 0)", "[simhash]") {
  const uint64_t a = SimHash(kGalliumNotice);
  CHECK(a != 0);
  CHECK(SimHash(kGalliumNotice) == a);
  CHECK(HammingDistance(a, SimHash(kGalliumNotice)) == 0);
  CHECK(SimHashClose(a, a));
  CHECK(ShingleContainment(kGalliumNotice, kGalliumNotice) == 1.0);
  CHECK(IsNearDuplicate(kGalliumNotice, kGalliumNotice));
}

TEST_CASE("SimHash and Shingles of a fixed text keep their values (stored fingerprints compare across versions)",
          "[simhash]") {
  // 703 shingles (more than one 255-shingle round of the bit counter), ASCII
  // words and numbers, CJK, Cyrillic, full-width Latin and Latin-1. Values
  // computed by the original per-bit vote loop.
  std::string text;
  for (int i = 0; i < 700; ++i) {
    text += "Word" + std::to_string(i * 7919 % 1009) + (i % 5 == 0 ? ". " : " ");
  }
  text += "\xE7\xA8\x80\xE5\x9C\x9F \xD0\x92\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xB0 \xEF\xBC\xA1\xEF\xBC\xA2 caf\xC3\xA9";
  CHECK(SimHash(text) == 0xaf967d396653c8efull);
  CHECK(Shingles(text).size() == 703);
}

TEST_CASE("SimHash ignores case, punctuation and spacing differences", "[simhash]") {
  std::string shouted = kGalliumNotice;
  std::transform(shouted.begin(), shouted.end(), shouted.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  CHECK(SimHash(shouted) == SimHash(kGalliumNotice));
  CHECK(SimHash("Gallium,   germanium; and \u201Cantimony\u201D " + std::string(kGalliumNotice)) ==
        SimHash("gallium germanium and antimony " + std::string(kGalliumNotice)));
}

TEST_CASE("SimHash of the same article with different boilerplate is within the threshold",
          "[simhash]") {
  const std::string framed = WithBoilerplate(kGalliumNotice);
  INFO("distance " << HammingDistance(SimHash(kGalliumNotice), SimHash(framed)));
  CHECK(SimHashClose(SimHash(kGalliumNotice), SimHash(framed)));
  CHECK(ShingleContainment(kGalliumNotice, framed) == 1.0);
  CHECK(IsNearDuplicate(kGalliumNotice, framed));
  std::string trimmed = kGalliumNotice;  // one site trims a clause of the first sentence
  trimmed.erase(trimmed.find(" announced in its notice No. 46 of 2024"),
                std::string(" announced in its notice No. 46 of 2024").size());
  const std::string other = std::string("World news\n\n") + trimmed + "\n\nMore stories";
  INFO("distance " << HammingDistance(SimHash(framed), SimHash(other)));
  CHECK(IsNearDuplicate(framed, other));
}

TEST_CASE("SimHash of different articles on the same topic is far apart", "[simhash]") {
  const int d = HammingDistance(SimHash(kGalliumNotice), SimHash(kGalliumAnalysis));
  INFO("distance " << d);
  CHECK(d > kSimHashMaxBits);
  CHECK(ShingleContainment(kGalliumNotice, kGalliumAnalysis) < 0.1);
  CHECK_FALSE(IsNearDuplicate(WithBoilerplate(kGalliumNotice), WithBoilerplate(kGalliumAnalysis)));
}

TEST_CASE("SimHash of a text too short to fingerprint is 0, never a near-duplicate",
          "[simhash]") {
  CHECK(SimHash("") == 0);
  CHECK(SimHash("China suspends gallium export controls") == 0);
  CHECK_FALSE(SimHashClose(0, 0));
  CHECK_FALSE(SimHashClose(SimHash(kGalliumNotice), 0));
  CHECK_FALSE(IsNearDuplicate("", ""));
}

TEST_CASE("SimHash tokenises CJK text per codepoint", "[simhash]") {
  // No spaces: without per-codepoint tokens this would be one token, so too short.
  const std::string zh =
      "\u5546\u52A1\u90E8\u5BA3\u5E03\u6682\u505C\u6267\u884C\u9553\u3001\u9517\u3001\u9511"
      "\u76F8\u5173\u7269\u9879\u51FA\u53E3\u7BA1\u5236\u63AA\u65BD\uFF0C\u6682\u505C\u671F"
      "\u4E3A\u4E00\u5E74\u3002";
  const uint64_t a = SimHash(zh);
  CHECK(a != 0);
  CHECK(SimHash("\u3010\u65B0\u95FB\u3011" + zh) != 0);
  CHECK(HammingDistance(SimHash(zh + zh), SimHash(zh + zh + "\u3002")) == 0);  // punctuation only
}

TEST_CASE("SimHash reads no more than kMaxSimHashTextBytes and survives bad UTF-8",
          "[simhash][limits]") {
  std::string text(kGalliumNotice);
  while (text.size() <= limits::kMaxSimHashTextBytes) text += " " + text;
  const std::string head = text.substr(0, limits::kMaxSimHashTextBytes);
  CHECK(SimHash(text) == SimHash(text + "\n\nA completely different tail that is not read."));
  CHECK(SimHash(head) != 0);
  CHECK(SimHash(std::string(kGalliumNotice) + "\xFF\xC3") ==
        SimHash(std::string(kGalliumNotice) + " "));
  CHECK(SimHash(std::string("\xE4\xB8", 2) + kGalliumNotice) == SimHash(kGalliumNotice));
}

// --- Threshold measurement on the shared corpus -----------------------------

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

// The copies a syndicating site might serve: boilerplate around the text,
// one paragraph (the middle one) missing, or both.
std::vector<std::string> Perturbations(const std::string& text) {
  std::vector<std::string> paragraphs = Paragraphs(text);
  std::vector<std::string> dropped = paragraphs;
  if (dropped.size() >= 3) dropped.erase(dropped.begin() + dropped.size() / 2);
  return {WithBoilerplate(text), Join(dropped), WithBoilerplate(Join(dropped))};
}

struct Histogram {
  std::vector<int> counts = std::vector<int>(65, 0);
  void Add(int d) { ++counts[d]; }
  std::string ToString() const {
    std::string out;
    for (int d = 0; d <= 64; ++d) {
      if (counts[d]) out += " " + std::to_string(d) + ":" + std::to_string(counts[d]);
    }
    return out;
  }
};

// Articles of at least this many bytes: syndicated news stories are longer,
// and on a few-line text one boilerplate line is a large share of it.
constexpr std::size_t kMinArticleBytes = 1000;

// Measured (176 distinct non-synthetic pages >= 1000 bytes, 528 copies, 15,400
// pairs): copies 0..20 bits apart (94% within 10), unrelated pairs 17..48
// (median 32); shingle containment of copies >= 0.62, of unrelated pairs
// within 24 bits <= 0.08. Hence kSimHashMaxBits 20, containment 0.5.
TEST_CASE("SimHash threshold separates perturbed copies from unrelated corpus pages",
          "[simhash][corpus]") {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) {
    WARN("corpus absent");
    return;
  }
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(corpus + "/extraction")) {
    const fs::path file = entry.path() / "expected.txt";
    if (!fs::is_regular_file(file)) continue;
    std::string text = testing::ReadFileOrDie(file.string());
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    // Readability's synthetic fixtures share their lorem ipsum: real near-duplicates.
    if (text.find("Lorem ipsum") != std::string::npos) continue;
    if (text.size() >= kMinArticleBytes) texts.push_back(std::move(text));
  }
  std::sort(texts.begin(), texts.end());  // readability's fixtures repeat some texts verbatim
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  REQUIRE(texts.size() >= 100);
  Histogram copies, unrelated;
  double min_copy_containment = 1, max_unrelated_containment = 0;
  int copies_confirmed = 0, copies_total = 0, unrelated_confirmed = 0;
  std::vector<uint64_t> hashes;
  for (const std::string& text : texts) {
    const uint64_t h = SimHash(text);
    REQUIRE(h != 0);
    hashes.push_back(h);
    for (const std::string& copy : Perturbations(text)) {
      copies.Add(HammingDistance(h, SimHash(copy)));
      min_copy_containment = std::min(min_copy_containment, ShingleContainment(text, copy));
      copies_confirmed += IsNearDuplicate(text, copy);
      ++copies_total;
    }
  }
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    for (std::size_t j = i + 1; j < hashes.size(); ++j) {
      const int d = HammingDistance(hashes[i], hashes[j]);
      unrelated.Add(d);
      if (d > kSimHashMaxBits + 4) continue;  // containment of the closest pairs only
      max_unrelated_containment =
          std::max(max_unrelated_containment, ShingleContainment(texts[i], texts[j]));
      unrelated_confirmed += IsNearDuplicate(texts[i], texts[j]);
    }
  }
  std::cout << "simhash: " << texts.size() << " distinct pages >= " << kMinArticleBytes
            << " bytes\n  perturbed copies (distance:count):" << copies.ToString()
            << "\n  unrelated pairs  (distance:count):" << unrelated.ToString()
            << "\n  containment: copies min " << min_copy_containment
            << ", unrelated pairs within " << kSimHashMaxBits + 4 << " bits max "
            << max_unrelated_containment << "\n  confirmed near-duplicates: copies "
            << copies_confirmed << "/" << copies_total << ", unrelated " << unrelated_confirmed
            << "\n";
  CHECK(copies_confirmed >= copies_total * 99 / 100);
  CHECK(unrelated_confirmed == 0);
  CHECK(min_copy_containment >= kNearDuplicateMinContainment);
  CHECK(max_unrelated_containment < kNearDuplicateMinContainment);
}

}  // namespace
}  // namespace ecwatch
