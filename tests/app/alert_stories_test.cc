// Story grouping rules: same move within the window merges, near-duplicate
// sentences merge, other moves and late reports do not; what counts as
// changed facts; sink filters.
#include "app/alert_stories.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kWindow = 72 * kHour;

PendingEvent Ev(int64_t id, const std::string& actor, const std::string& action,
                std::vector<std::string> items, int64_t t, const std::string& sentence = "",
                std::optional<int> days = std::nullopt) {
  PendingEvent e;
  e.event_id = e.document_id = id;
  e.url = "https://news" + std::to_string(id) + ".example.org/a";
  e.fetched_at = t;
  e.event.actor = actor;
  e.event.action = action;
  e.event.items = std::move(items);
  e.event.duration_days = days;
  e.event.sentence = sentence.empty() ? "sentence " + std::to_string(id) : sentence;
  e.event.rule = "actions/" + action;
  return e;
}

TEST_CASE("FindStory merges the same move within the window", "[app][stories]") {
  std::vector<Story> stories = {NewStory(Ev(1, "China", "suspend", {"gallium", "germanium"}, 0))};
  CHECK(FindStory(stories, Ev(2, "China", "suspend", {"germanium"}, 10 * kHour), kWindow) == 0);
  CHECK(FindStory(stories, Ev(3, "", "suspend", {"gallium"}, kHour), kWindow) == 0);  // actor unknown
  CHECK(FindStory(stories, Ev(4, "china", "suspend", {"gallium"}, kHour), kWindow) == 0);
}

TEST_CASE("FindStory keeps other moves and late reports apart", "[app][stories]") {
  std::vector<Story> stories = {NewStory(Ev(1, "China", "suspend", {"gallium"}, 0))};
  CHECK(FindStory(stories, Ev(2, "China", "impose", {"gallium"}, kHour), kWindow) == -1);
  CHECK(FindStory(stories, Ev(3, "United States", "suspend", {"gallium"}, kHour), kWindow) == -1);
  CHECK(FindStory(stories, Ev(4, "China", "suspend", {"antimony"}, kHour), kWindow) == -1);
  CHECK(FindStory(stories, Ev(5, "China", "suspend", {"gallium"}, kWindow + kHour), kWindow) == -1);
}

TEST_CASE("FindStory merges a near-duplicate sentence even with another reading of the facts",
          "[app][stories]") {
  const std::string s = "China will suspend export controls on gallium and germanium for one year";
  std::vector<Story> stories = {NewStory(Ev(1, "China", "suspend", {"gallium"}, 0, s))};
  CHECK(SentenceSimilarity(s, s + ".") == Approx(1.0));
  CHECK(FindStory(stories, Ev(2, "", "other", {"germanium"}, kHour, s + "."), kWindow) == 0);
  CHECK(SentenceSimilarity(s, "Warehouse robot shipments rose in the third quarter") < 0.1);
}

TEST_CASE("MergeIntoStory: a new mineral or another duration changes the facts", "[app][stories]") {
  Story story = NewStory(Ev(1, "China", "suspend", {"gallium"}, 100, "", 365));
  CHECK_FALSE(MergeIntoStory(Ev(2, "China", "suspend", {"gallium"}, 50), &story));
  CHECK(story.first_seen == 50);
  CHECK(story.sources.size() == 2);
  CHECK(MergeIntoStory(Ev(3, "China", "suspend", {"antimony", "gallium"}, 200), &story));
  CHECK(story.items == std::vector<std::string>{"antimony", "gallium"});
  CHECK(story.last_seen == 200);
  CHECK(MergeIntoStory(Ev(4, "China", "suspend", {"gallium"}, 300, "", 180), &story));
  CHECK(story.duration_days == 180);
  CHECK(story.summary == "China suspends export controls on antimony, gallium for 180 days");
  CHECK_FALSE(MergeIntoStory(Ev(5, "China", "suspend", {"gallium"}, 300, "", 180), &story));
}

TEST_CASE("SinkAccepts applies severity, actor and mineral filters", "[app][stories]") {
  Story story = NewStory(Ev(1, "China", "suspend", {"gallium"}, 0));
  CHECK(story.severity == "medium");
  SinkFilter any;
  CHECK(SinkAccepts(any, story));
  SinkFilter high;
  high.min_severity = "high";
  CHECK_FALSE(SinkAccepts(high, story));
  SinkFilter us;
  us.actors = {"United States"};
  CHECK_FALSE(SinkAccepts(us, story));
  SinkFilter china_gallium;
  china_gallium.actors = {"china"};
  china_gallium.minerals = {"Gallium", "cobalt"};
  CHECK(SinkAccepts(china_gallium, story));
}

}  // namespace
}  // namespace ecwatch
