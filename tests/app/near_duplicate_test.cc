// Issue 5 acceptance, near-duplicates: the same article under three URLs of
// a loopback server, with different site boilerplate and one site trimming a
// clause of the event sentence, is one story with three sources -- joined by
// the documents' near-duplicate link (store: duplicate_of), since the trimmed
// copy's event matches neither by actor nor by sentence. Also FindStory's
// near-duplicate rule on its own.
#include <sstream>

#include <catch2/catch.hpp>

#include "app/alert_stage.h"
#include "app/alert_stories.h"
#include "app/commands.h"
#include "app/pipeline.h"
#include "crawler/fetcher.h"
#include "rules/rule_set.h"
#include "store/alert_store.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kWindow = 72 * kHour;

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

PendingEvent Ev(int64_t document_id, const std::string& actor, const std::string& action,
                const std::string& sentence, int64_t duplicate_of = 0) {
  PendingEvent e;
  e.event_id = e.document_id = document_id;
  e.duplicate_of = duplicate_of;
  e.url = "https://site" + std::to_string(document_id) + ".example.org/story";
  e.fetched_at = document_id * kHour;
  e.event.actor = actor;
  e.event.action = action;
  e.event.items = {"gallium"};
  e.event.sentence = sentence;
  e.event.rule = "actions/" + action;
  return e;
}

TEST_CASE("FindStory joins an event to the story holding a near-duplicate of its document",
          "[app][stories][neardup]") {
  const std::vector<Story> stories = {
      NewStory(Ev(1, "China", "suspend", "China will suspend export controls on gallium."))};
  // Another actor, an unrelated sentence: only the near-duplicate link joins it.
  const PendingEvent copy = Ev(2, "United States", "suspend", "Officials confirmed it.", 1);
  PendingEvent unlinked = copy;
  unlinked.duplicate_of = 0;
  CHECK(FindStory(stories, unlinked, kWindow) == -1);
  CHECK(FindStory(stories, copy, kWindow) == 0);
  // Two copies of one first document join each other's story too.
  std::vector<Story> second = {NewStory(copy)};
  CHECK(FindStory(second, Ev(3, "Japan", "impose", "Unrelated words here.", 1), kWindow) == 0);
  // Out of the window, the link does not reach.
  PendingEvent late = copy;
  late.fetched_at = kHour + kWindow + kHour;
  CHECK(FindStory(stories, late, kWindow) == -1);
}

TEST_CASE("FindStory prefers the same move among stories of one near-duplicate cluster",
          "[app][stories][neardup]") {
  std::vector<Story> stories = {
      NewStory(Ev(1, "China", "impose", "China will impose licences on graphite exports.")),
      NewStory(Ev(1, "China", "suspend", "China will suspend export controls on gallium."))};
  CHECK(FindStory(stories, Ev(2, "China", "suspend", "It will suspend the gallium curbs.", 1),
                  kWindow) == 1);
  CHECK(FindStory(stories, Ev(3, "China", "impose", "It adds graphite licences.", 1), kWindow) ==
        0);
}

// The three copies and the paths they are served at.
struct Copy {
  const char* file;
  const char* path;
};
constexpr Copy kCopies[] = {
    {"site-a.html", "/world/2026/11/china-gallium-antimony"},
    {"site-b.html", "/news?id=48213"},
    {"site-c.html", "/markets/metals/gallium-suspended.html"},
};

TEST_CASE("the same article under three URLs with different boilerplate is one story with "
          "three sources", "[app][alerts][neardup][e2e]") {
  testing::TestHttpServer http;
  for (const Copy& copy : kCopies) {
    const std::string body = testing::ReadFileOrDie(Source("tests/data/app/neardup/") + copy.file);
    const std::string path = std::string(copy.path).substr(0, std::string(copy.path).find('?'));
    http.server().Get(path, [body](const httplib::Request&, httplib::Response& res) {
      res.set_content(body, "text/html; charset=utf-8");
    });
  }
  REQUIRE(http.Start());
  const std::string db = testing::MakeTempDir("neardup-e2e") + "/ecwatch.db";
  CurlGlobal curl;
  SystemClock clock;
  auto rules = RuleSet::LoadDir(Source("rules/sets"));
  REQUIRE(rules.ok());
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  auto alerts = AlertStore::ForStore(store.value().get());
  REQUIRE(alerts.ok());
  auto fetcher = NewCurlFetcher(FetchOptions{});
  Pipeline pipeline(fetcher.get(), rules.value().get(), store.value().get(), &clock);
  AlertStage stage(AlertConfig{}, alerts.value().get(), &clock);

  std::vector<IngestReport> reports;
  for (const Copy& copy : kCopies) {
    auto report = pipeline.Ingest(IngestInput{http.Url(copy.path), false, "wire", ""});
    INFO(copy.path << ": " << report.status().ToString());
    REQUIRE(report.ok());
    REQUIRE(report->findings.alert);
    reports.push_back(std::move(report).value());
    REQUIRE(stage.ProcessPending().ok());
  }
  const int64_t first_id = reports[0].stored.document_id;
  CHECK(reports[0].stored.duplicate_of == 0);
  CHECK(reports[1].stored.duplicate_of == first_id);
  CHECK(reports[2].stored.duplicate_of == first_id);

  auto stories = alerts.value()->ListStories(StoryFilter{});
  REQUIRE(stories.ok());
  REQUIRE(stories->size() == 1);
  const Story& story = stories->front();
  REQUIRE(story.sources.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(story.sources[i].url == http.Url(kCopies[i].path));

  // The trimmed copy's event would not have joined by facts or by sentence:
  // its actor reads "United States" (the paragraph's other sentence names
  // Washington), and its sentence is not a near-duplicate of the evidence.
  REQUIRE(reports[2].findings.events.size() == 1);
  const Event& trimmed = reports[2].findings.events.front();
  CHECK(story.actor == "China");
  CHECK(trimmed.actor == "United States");
  for (std::size_t i = 0; i < 2; ++i) {
    INFO(story.sources[i].sentence << " / " << trimmed.sentence);
    CHECK(SentenceSimilarity(story.sources[i].sentence, trimmed.sentence) < kNearDuplicate);
  }
  Story without_copy = story;
  without_copy.sources.pop_back();
  PendingEvent alone;
  alone.document_id = reports[2].stored.document_id;
  alone.url = story.sources[2].url;
  alone.fetched_at = story.sources[2].fetched_at;
  alone.event = trimmed;
  CHECK(FindStory({without_copy}, alone, kWindow) == -1);
  alone.duplicate_of = first_id;
  CHECK(FindStory({without_copy}, alone, kWindow) == 0);

  SECTION("`ecwatch alerts show` lists the three sources") {
    GlobalOptions g;
    g.db = db;
    g.rules = Source("rules/sets");
    std::istringstream in;
    std::ostringstream out, err;
    REQUIRE(RunAlertsShow(g, story.id, Streams{in, out, err}) == kExitOk);
    INFO(out.str());
    CHECK(out.str().find("Sources (3)") != std::string::npos);
    for (const Copy& copy : kCopies) CHECK(out.str().find(http.Url(copy.path)) != std::string::npos);
  }
}

}  // namespace
}  // namespace ecwatch
