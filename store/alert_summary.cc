// AlertSummary: one readable line per alert from the first mineral event.
//
// Tested by tests/store/alert_summary_test.cc.
#include "store/alert_summary.h"

#include <string>
#include <vector>

namespace ecwatch {

namespace {

struct ActionWords {
  const char* action;
  const char* active;   // "China suspends ..."
  const char* passive;  // "Export controls on X suspended"
};

constexpr ActionWords kActionWords[] = {
    {"impose", "imposes", "imposed"},     {"tighten", "tightens", "tightened"},
    {"suspend", "suspends", "suspended"}, {"lift", "lifts", "lifted"},
    {"extend", "extends", "extended"},    {"other", "changes", "changed"},
};

const ActionWords& WordsFor(const std::string& action) {
  for (const ActionWords& w : kActionWords) {
    if (action == w.action) return w;
  }
  return kActionWords[sizeof(kActionWords) / sizeof(kActionWords[0]) - 1];
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string Duration(const Event& event) {
  if (!event.duration_days.has_value()) return "";
  const int days = *event.duration_days;
  return " for " + std::to_string(days) + (days == 1 ? " day" : " days");
}

std::string EventSummary(const Event& event) {
  const ActionWords& words = WordsFor(event.action);
  const std::string items = Join(event.items);
  if (event.actor.empty()) {
    return "Export controls on " + items + " " + words.passive + Duration(event);
  }
  return event.actor + " " + words.active + " export controls on " + items + Duration(event);
}

}  // namespace

std::string AlertSummary(const Article& article, const Findings& findings) {
  for (const Event& event : findings.events) {
    if (!event.items.empty()) return EventSummary(event);
  }
  return article.title.empty() ? article.url : article.title;
}

}  // namespace ecwatch
