// ScoreLabelled: document, mineral, action and duration scores for a set.
// Tested by accuracy_test.cc (on the shared corpus).
#include "rules/accuracy.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "base/json.h"
#include "rules/decision.h"

namespace ecwatch {
namespace {

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void ScoreMinerals(const std::string& id, const Json& labels, const std::vector<std::string>& got,
                   AccuracyReport* r) {
  std::set<std::string> want;
  if (labels.is_array()) {
    for (const auto& m : labels) {
      if (m.is_string()) want.insert(m.get<std::string>());
    }
  }
  std::set<std::string> have(got.begin(), got.end());
  for (const auto& m : have) {
    if (want.count(m)) {
      ++r->minerals.tp;
    } else {
      ++r->minerals.fp;
      r->misses.push_back(id + ": mineral fp '" + m + "'");
    }
  }
  for (const auto& m : want) {
    if (!have.count(m)) {
      ++r->minerals.fn;
      r->misses.push_back(id + ": mineral fn '" + m + "'");
    }
  }
}

void ScoreOne(const Json& j, const RuleSet& set, AccuracyReport* r) {
  Article a;
  a.title = Str(j, "title");
  a.text = Str(j, "text");
  a.published = Str(j, "date");
  const std::string id = Str(j, "id");
  const DocumentDecision d = DecideDocument(set.Match(a), a.text.size());
  const bool want = j.value("export_control", false);
  ++r->documents;
  if (want && d.export_control) ++r->export_control.tp;
  if (!want && d.export_control) {
    ++r->export_control.fp;
    r->misses.push_back(id + ": export_control fp (" + d.action + ") " + a.title);
  }
  if (want && !d.export_control) {
    ++r->export_control.fn;
    r->misses.push_back(id + ": export_control fn " + a.title);
  }
  if (want && d.export_control && j.contains("action") && j["action"].is_string()) {
    ++r->action_labelled;
    if (j["action"].get<std::string>() == d.action) {
      ++r->action_correct;
    } else {
      r->misses.push_back(id + ": action '" + d.action + "' != '" + j["action"].get<std::string>() + "'");
    }
  }
  if (j.contains("duration_days") && j["duration_days"].is_number_integer()) {
    ++r->duration_labelled;
    const int want_days = j["duration_days"].get<int>();
    if (d.duration_days == want_days) {
      ++r->duration_exact;
    } else {
      r->misses.push_back(id + ": duration " + (d.duration_days ? std::to_string(*d.duration_days) : "none") +
                          " != " + std::to_string(want_days));
    }
  }
  ScoreMinerals(id, j.contains("minerals") ? j["minerals"] : Json(), d.minerals, r);
}

std::string Row(const char* label, const LabelScore& s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-16s P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n", label, s.Precision(),
                s.Recall(), s.F1(), s.tp, s.fp, s.fn);
  return buf;
}

}  // namespace

std::string AccuracyReport::ToString() const {
  std::string out = "documents: " + std::to_string(documents) + "\n";
  out += Row("export_control", export_control);
  out += Row("minerals", minerals);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-16s %d/%d correct on true positives\n", "action", action_correct,
                action_labelled);
  out += buf;
  std::snprintf(buf, sizeof buf, "%-16s %d/%d exact (%.3f)\n", "duration_days", duration_exact,
                duration_labelled, DurationExactRate());
  out += buf;
  out += "misses:\n";
  for (const auto& m : misses) out += "  " + m + "\n";
  return out;
}

Result<AccuracyReport> ScoreLabelled(const RuleSet& set, std::string_view jsonl) {
  AccuracyReport report;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < jsonl.size()) {
    std::size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Json j = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return Status::InvalidArgument("line " + std::to_string(line_no) + ": not a JSON object");
    ScoreOne(j, set, &report);
  }
  return report;
}

}  // namespace ecwatch
