// Metadata on real pages of the shared corpus: titles and publication dates
// checked by hand against each page's source (og:title / <title>, the
// article:published_time / JSON-LD / <meta> date). Skips without the corpus.
#include <catch2/catch.hpp>

#include "base/json.h"
#include "extract/extractor.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

struct Expected {
  const char* id;
  const char* title;
  const char* published;
};

constexpr Expected kPages[] = {
    {"aeb-042bb7b5fedab6ea", "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play\u2026and Pay",
     "2019-11-19T13:03:00Z"},
    {"aeb-05844573ca7e1fba", "New SUVs and electric vehicles highlight L.A. Auto Show", "2019-11-20T06:35:39Z"},
    {"aeb-06ee193de4bd611f", "The VW ID. SPACE VIZZION is a weird EV sports wagon with a secret message",
     "2019-11-20T04:31:13+00:00"},
    {"aeb-08f793762792bd25",
     "Browns player on Mason Rudolph's role in fight with Myles Garrett: He asked for it",
     "2019-11-19T02:24:00"},
    {"aeb-0d46122928b6f468", "Nadal keeps Spain alive against Russia in Davis Cup Finals", "2019-11-19"},
    {"aeb-0e014df693f18282", "Simple Hiking Survival Kit (with Kids)", "2014-09-15T14:22:02+00:00"},
    {"aeb-156770d676ce7990", "South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign",
     "2019-11-19T06:56:43-05:00"},
    {"aeb-1ace8c85aaee21b9", "New York State Attorney General reportedly investigating WeWork",
     "2019-11-19T04:58:46Z"},
    {"aeb-33fe2471fd553c65", "'The Medium is the Message': the 7th Amsterdam Light Festival", "2018-09-15"},
    {"aeb-358cc4a080456476",
     "BREAKING NEWS: Chelsea Activate \u00A371.6m Release Clause To Sign Kepa Arrizabalaga From Athletic Bilbao",
     "2018-08-08T11:24:00+02:00"},
    {"aeb-374ac9a59a85196c",
     "Emirates inks $9 billion order for 30 Boeing 787 jets, will restart plans to expand airline by early 2020s",
     "2019-11-20T09:29:08+00:00"},
    {"aeb-42aad16bde928862", "NASA\u2019s commercial moon shot: Musk's and Bezos's firms to bid",
     "2019-11-19T07:09:00Z"},
    {"aeb-51374560f40088e2", "Home Depot sales miss, shares plunge", "2019-11-19T06:12:56-05:00"},
    {"aeb-57e2e98887a19656",
     "Native Ad Platform my6sense Names Mobile Marketing Pioneer Ivan Braiker Chief Strategy Officer",
     "2018-07-02T07:42:00+00:00"},
    {"aeb-5fa3154ec031ab35", "The Guardian view on Hong Kong: a city on the brink", "2019-11-18T18:54:53Z"},
    {"aeb-624fcd903d56fc70", "Hong Kong chaos: China deploys troops and warns SURRENDER is only option",
     "2019-11-19T10:48:00+00:00"},
    // JSON-LD says "0001-01-01": rejected, the date comes from the URL path.
    {"aeb-65ce3a4577a03069",
     "Tuesday's college football: Eastern Michigan routs Northern Illinois to become bowl eligible",
     "2019-11-19"},
    {"aeb-6ebac05f637ece8a", "New York man pleads guilty to threatening to kill Omar", "2019-11-18T23:04:24-05:00"},
    {"aeb-7916ecca969ffdd8", "US service members killed in Afghanistan helicopter crash", "2019-11-20T08:02:00Z"},
    {"aeb-8267acacb9e4a109", "Google Bets on the Future With Launch of Stadia Game Streaming Service",
     "2019-11-19T05:45:00-08:00"},
    {"aeb-8b19453030820413", "Hunter in Beijing diagnosed with bubonic plague after eating a rabbit",
     "2019-11-18T19:09:22+00:00"},
};

TEST_CASE("Metadata of hand-checked corpus pages: title and published date", "[metadata][corpus]") {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) {
    WARN("corpus absent");
    return;
  }
  for (const Expected& e : kPages) {
    std::string dir = corpus + "/extraction/" + e.id;
    std::string html = testing::ReadFileOrDie(dir + "/page.html");
    Json meta = Json::parse(testing::ReadFileOrDie(dir + "/meta.json"));
    Result<Article> a = ExtractHtml(meta.value("url", ""), "", html);
    INFO(e.id);
    REQUIRE(a.ok());
    CHECK(a->title == e.title);
    CHECK(a->published == e.published);
  }
}

}  // namespace
}  // namespace ecwatch
