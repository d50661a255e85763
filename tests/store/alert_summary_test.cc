// Pins the one-line alert summary built from the first mineral event.
#include "store/alert_summary.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

Event MakeEvent(std::string actor, std::string action, std::vector<std::string> items,
                std::optional<int> days) {
  Event e;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.items = std::move(items);
  e.duration_days = days;
  return e;
}

TEST_CASE("AlertSummary names actor, action, minerals and duration of the first mineral event",
          "[store][alerts]") {
  Article article;
  article.title = "Title";
  Findings f;
  f.events.push_back(MakeEvent("US", "tighten", {}, std::nullopt));  // names no mineral: skipped
  f.events.push_back(
      MakeEvent("China", "suspend", {"rare earths", "dysprosium", "neodymium", "terbium"}, 365));
  CHECK(
      AlertSummary(article, f) ==
      "China suspends export controls on rare earths, dysprosium, neodymium, terbium for 365 days");
}

TEST_CASE("AlertSummary without actor or duration uses the passive form", "[store][alerts]") {
  Findings f;
  f.events.push_back(MakeEvent("", "impose", {"gallium"}, std::nullopt));
  CHECK(AlertSummary(Article(), f) == "Export controls on gallium imposed");
  f.events[0].duration_days = 1;
  CHECK(AlertSummary(Article(), f) == "Export controls on gallium imposed for 1 day");
  f.events[0].action = "something-new";
  f.events[0].actor = "Japan";
  CHECK(AlertSummary(Article(), f) == "Japan changes export controls on gallium for 1 day");
}

TEST_CASE("AlertSummary falls back to the title, then the URL", "[store][alerts]") {
  Article article;
  article.url = "https://a.test/1";
  CHECK(AlertSummary(article, Findings()) == "https://a.test/1");
  article.title = "Headline";
  CHECK(AlertSummary(article, Findings()) == "Headline");
}

}  // namespace
}  // namespace ecwatch
