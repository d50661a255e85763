// rules_accuracy: scores rule sets against labelled stories and the seed
// article; prints precision/recall/F1 per label and every miss.
//
// Usage: rules_accuracy SETS_DIR CORPUS_RULES_DIR [--explain ID...]
//   CORPUS_RULES_DIR holds reuters-dev.jsonl, seed-article.txt/.json.
//   --explain prints the matches and events of the named stories.
// Exit: 0 printed, 1 bad input.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "base/json.h"
#include "rules/accuracy.h"
#include "rules/decision.h"
#include "rules/rule_set.h"

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Explain(const ecwatch::RuleSet& set, const ecwatch::Json& j) {
  ecwatch::Article a;
  a.title = j.value("title", "");
  a.text = j.value("text", "");
  a.published = j.value("date", "");
  ecwatch::Findings f = set.Match(a);
  std::cout << "== " << j.value("id", "") << " " << a.title << "\n";
  for (const auto& m : f.matches) {
    if (m.category == "actor") continue;
    std::cout << "  " << m.category << " " << m.rule << " '" << m.text << "' = " << m.value << "\n";
  }
  for (const auto& e : f.events) {
    std::cout << "  EVENT " << e.action << " actor=" << e.actor
              << " days=" << (e.duration_days ? std::to_string(*e.duration_days) : "-") << " items=";
    for (const auto& i : e.items) std::cout << i << ",";
    std::cout << " @" << e.start << "/" << a.text.size() << " | " << e.sentence << "\n";
  }
}

int Seed(const ecwatch::RuleSet& set, const std::string& dir) {
  ecwatch::Json label = ecwatch::Json::parse(ReadAll(dir + "/seed-article.json"), nullptr, false);
  if (!label.is_object()) return 1;
  ecwatch::Article a;
  a.title = label.value("title", "");
  a.text = ReadAll(dir + "/seed-article.txt");
  a.published = "2025-11-07";
  ecwatch::Findings f = set.Match(a);
  ecwatch::DocumentDecision d = ecwatch::DecideDocument(f, a.text.size());
  std::set<std::string> want = label["minerals"].get<std::set<std::string>>();
  std::set<std::string> have(d.minerals.begin(), d.minerals.end());
  const bool ok = d.export_control == label.value("export_control", false) && f.alert &&
                  d.action == label.value("action", "") && d.actor == label.value("actor", "") &&
                  d.duration_days == label.value("duration_days", 0) && want == have;
  std::cout << "seed article: export_control=" << d.export_control << " alert=" << f.alert
            << " action=" << d.action << " actor=" << d.actor
            << " duration_days=" << (d.duration_days ? std::to_string(*d.duration_days) : "-")
            << " minerals=" << have.size() << "/" << want.size() << (want == have ? " exact" : " DIFFER")
            << " -> " << (ok ? "fully right" : "WRONG") << "\n";
  return ok ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: rules_accuracy SETS_DIR CORPUS_RULES_DIR [--explain ID...]\n");
    return 1;
  }
  auto set = ecwatch::RuleSet::LoadDir(argv[1]);
  if (!set.ok()) {
    std::fprintf(stderr, "%s\n", set.status().ToString().c_str());
    return 1;
  }
  const std::string dir = argv[2];
  const std::string jsonl = ReadAll(dir + "/reuters-dev.jsonl");
  if (argc > 3 && std::string(argv[3]) == "--explain") {
    std::set<std::string> ids(argv + 4, argv + argc);
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);) {
      ecwatch::Json j = ecwatch::Json::parse(line, nullptr, false);
      if (j.is_object() && (ids.empty() || ids.count(j.value("id", "")))) Explain(*set.value(), j);
    }
    return 0;
  }
  auto report = ecwatch::ScoreLabelled(*set.value(), jsonl);
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
    return 1;
  }
  std::cout << "rule set " << set.value()->version() << ": " << set.value()->rule_count() << " rules\n";
  std::cout << report.value().ToString();
  Seed(*set.value(), dir);
  return 0;
}
