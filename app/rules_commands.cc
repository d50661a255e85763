// rules check | try | backtest | stats: the commands editors use.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <map>
#include <set>

#include "app/commands.h"
#include "app/config.h"
#include "app/rule_sets.h"
#include "app/pipeline.h"
#include "app/report.h"
#include "base/clock.h"
#include "base/json.h"
#include "crawler/fetcher.h"
#include "rules/check.h"
#include "rules/highlight.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace ecwatch {
namespace {

int Fail(const Status& status, Streams io) {
  io.err << "ecwatch: " << status.message() << "\n";
  return ExitCodeFor(status);
}

Result<std::string> RulesDirOr(const GlobalOptions& g, const std::string& dir) {
  if (!dir.empty()) return dir;
  return ResolveRulesDir(g);
}

// `rules check`: the directory given; else the global one (as --rules
// resolves it) and, with --config, every other directory its sources name,
// each once.
Result<std::vector<std::string>> DirsToCheck(const GlobalOptions& g, const std::string& dir) {
  Result<std::string> global = RulesDirOr(g, dir);
  if (!global.ok()) return global.status();
  std::vector<std::string> dirs = {global.value()};
  if (!dir.empty() || g.config.empty()) return dirs;
  Result<Config> config = LoadConfig(g.config);
  if (!config.ok()) return config.status();
  std::set<std::string> seen = {RuleSets::Key(global.value())};
  for (const SourceConfig& source : config->sources) {
    if (!source.rules.empty() && seen.insert(RuleSets::Key(source.rules)).second) {
      dirs.push_back(source.rules);
    }
  }
  return dirs;
}

// Per-document outcome of one rule set, for backtest.
struct Outcome {
  std::set<std::string> rules;   // rule ids that matched
  std::set<std::string> events;  // EventLine of each event
  bool alert = false;
};

Outcome Summarise(const Findings& f) {
  Outcome o;
  for (const Match& m : f.matches) o.rules.insert(m.rule);
  for (const Event& e : f.events) o.events.insert(EventLine(e));
  o.alert = f.alert;
  return o;
}

// Right-aligns text in width columns.
std::string Pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

struct RuleDelta {
  int before = 0;
  int after = 0;
};

struct DocDelta {
  std::string title;
  std::vector<std::string> gained_events, lost_events;
  int alert_change = 0;  // +1 new alert, -1 lost alert
};

std::vector<std::string> Minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

void PrintBacktest(const std::map<std::string, RuleDelta>& rules,
                   const std::vector<DocDelta>& docs, int64_t scanned, Streams io) {
  io.out << "Backtest over " << scanned << " stored documents (the store is not changed)\n\n";
  io.out << "documents matched per rule:\n  before    after   change  rule\n";
  for (const auto& [id, d] : rules) {
    const int change = d.after - d.before;
    std::string delta = (change > 0 ? "+" : "") + std::to_string(change);
    io.out << Pad(std::to_string(d.before), 8) << " " << Pad(std::to_string(d.after), 8) << " "
           << Pad(delta, 8) << "  " << id << "\n";
  }
  int new_alerts = 0, lost_alerts = 0;
  io.out << "\nDocuments whose events change:\n";
  for (const DocDelta& d : docs) {
    io.out << "  " << (d.title.empty() ? "(untitled)" : d.title) << "\n";
    for (const auto& e : d.gained_events) io.out << "    + " << e << "\n";
    for (const auto& e : d.lost_events) io.out << "    - " << e << "\n";
    if (d.alert_change > 0) io.out << "    + ALERT\n", ++new_alerts;
    if (d.alert_change < 0) io.out << "    - ALERT\n", ++lost_alerts;
  }
  if (docs.empty()) io.out << "  (none)\n";
  io.out << "\nAlerts: " << new_alerts << " new, " << lost_alerts << " lost\n";
}

Json BacktestJson(const std::map<std::string, RuleDelta>& rules, const std::vector<DocDelta>& docs,
                  int64_t scanned) {
  Json r = Json::object();
  for (const auto& [id, d] : rules) r[id] = {{"before", d.before}, {"after", d.after}};
  Json ds = Json::array();
  for (const DocDelta& d : docs) {
    ds.push_back({{"title", d.title}, {"gained_events", d.gained_events},
                  {"lost_events", d.lost_events}, {"alert_change", d.alert_change}});
  }
  return {{"documents_scanned", scanned}, {"rules", r}, {"documents", ds}};
}

}  // namespace

int RunRulesCheck(const GlobalOptions& g, const std::string& dir, Streams io) {
  Result<std::vector<std::string>> dirs = DirsToCheck(g, dir);
  if (!dirs.ok()) return Fail(dirs.status(), io);
  int code = kExitOk;
  for (const std::string& rules_dir : dirs.value()) {
    CheckReport report = CheckRules(rules_dir);
    for (const std::string& error : report.errors) io.err << error << "\n";
    if (!report.errors.empty()) {
      io.err << report.errors.size() << " problem(s) in " << rules_dir << "\n";
      code = kExitFindings;
      continue;
    }
    io.out << report.Summary() << " (" << rules_dir << ")\n";
  }
  return code;
}

int RunRulesTry(const GlobalOptions& g, const std::string& dir, const std::string& target,
                Streams io) {
  Result<std::string> rules_dir = RulesDirOr(g, dir);
  if (!rules_dir.ok()) return Fail(rules_dir.status(), io);
  Result<std::unique_ptr<RuleSet>> rules = RuleSet::LoadDir(rules_dir.value());
  if (!rules.ok()) return Fail(rules.status(), io);
  std::unique_ptr<Fetcher> fetcher = NewCurlFetcher(FetchOptions{});
  SystemClock clock;
  Pipeline pipeline(fetcher.get(), rules.value().get(), nullptr, &clock);
  IngestInput input{target, g.force_text, "", ""};
  if (target == "-") {
    input.stdin_bytes.assign(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
  }
  Result<Article> article = pipeline.ExtractOnly(input);
  if (!article.ok()) return Fail(article.status(), io);
  IngestReport report;
  report.findings = rules.value()->Match(article.value());
  report.article = std::move(article).value();
  if (g.json) {
    io.out << IngestJson(report).dump(2) << "\n";
    return kExitOk;
  }
  const bool ansi = &io.out == &std::cout && isatty(STDOUT_FILENO);
  io.out << Highlight(report.article.text, report.findings.matches, ansi) << "\n\n";
  io.out << "Events (" << report.findings.events.size() << "):\n";
  for (const Event& e : report.findings.events) {
    io.out << "  " << EventLine(e) << "   [" << e.rule << "]\n";
  }
  io.out << (report.findings.alert ? "Would raise an ALERT.\n" : "No alert.\n");
  return kExitOk;
}

int RunRulesBacktest(const GlobalOptions& g, const std::string& dir, const std::string& since,
                     Streams io) {
  int64_t since_seconds = 0;
  if (!since.empty()) {
    int64_t days = 0;
    if (!ParseIsoDate(since, &days)) {
      return Fail(Status::InvalidArgument("--since must be YYYY-MM-DD, not \"" + since + "\""), io);
    }
    since_seconds = days * 86400;
  }
  Result<std::string> current_dir = ResolveRulesDir(g);
  if (!current_dir.ok()) return Fail(current_dir.status(), io);
  Result<std::string> candidate_dir = RulesDirOr(GlobalOptions{}, dir);
  if (!candidate_dir.ok()) return Fail(candidate_dir.status(), io);
  auto before = RuleSet::LoadDir(current_dir.value());
  if (!before.ok()) return Fail(before.status(), io);
  auto after = RuleSet::LoadDir(candidate_dir.value());
  if (!after.ok()) return Fail(after.status(), io);
  Result<std::string> db = ResolveDbPath(g);
  if (!db.ok()) return Fail(db.status(), io);
  auto store = Store::Open(db.value());
  if (!store.ok()) return Fail(store.status(), io);

  std::map<std::string, RuleDelta> rule_deltas;
  std::vector<DocDelta> doc_deltas;
  int64_t scanned = 0;
  const bool tty = &io.err == &std::cerr && isatty(STDERR_FILENO);
  Status s = store.value()->ForEachDocument(since_seconds, [&](const StoredDocument& doc) {
    Outcome b = Summarise(before.value()->Match(doc.article));
    Outcome a = Summarise(after.value()->Match(doc.article));
    for (const auto& r : b.rules) ++rule_deltas[r].before;
    for (const auto& r : a.rules) ++rule_deltas[r].after;
    DocDelta d{doc.article.title, Minus(a.events, b.events), Minus(b.events, a.events),
               a.alert == b.alert ? 0 : (a.alert ? 1 : -1)};
    if (!d.gained_events.empty() || !d.lost_events.empty() || d.alert_change) {
      doc_deltas.push_back(std::move(d));
    }
    if (tty && ++scanned % 100 == 0) io.err << "\rbacktest: " << scanned << " documents" << std::flush;
    if (!tty) ++scanned;
    return true;
  });
  if (tty) io.err << "\r";
  if (!s.ok()) return Fail(s, io);
  if (g.json) {
    io.out << BacktestJson(rule_deltas, doc_deltas, scanned).dump(2) << "\n";
  } else {
    PrintBacktest(rule_deltas, doc_deltas, scanned, io);
  }
  return kExitOk;
}

int RunRulesStats(const GlobalOptions& g, Streams io) {
  Result<std::string> db = ResolveDbPath(g);
  if (!db.ok()) return Fail(db.status(), io);
  auto store = Store::Open(db.value());
  if (!store.ok()) return Fail(store.status(), io);
  auto counts = store.value()->RuleHitCounts();
  if (!counts.ok()) return Fail(counts.status(), io);
  auto documents = store.value()->CountRows("documents");
  if (!documents.ok()) return Fail(documents.status(), io);
  // Rules of the current set that never fired are listed too.
  std::map<std::string, int64_t> hits;
  if (auto dir = ResolveRulesDir(g); dir.ok()) {
    if (auto rules = RuleSet::LoadDir(dir.value()); rules.ok()) {
      for (const std::string& id : rules.value()->rule_ids()) hits[id] = 0;
    }
  }
  for (const auto& [rule, n] : counts.value()) hits[rule] = n;
  if (g.json) {
    io.out << Json{{"documents", documents.value()}, {"hits", hits}}.dump(2) << "\n";
    return kExitOk;
  }
  io.out << "Documents stored: " << documents.value() << "\n";
  io.out << "  matches  rule\n";
  for (const auto& [rule, n] : hits) {
    io.out << std::string(n < 10 ? 8 : n < 100 ? 7 : n < 1000 ? 6 : 5, ' ') << n << "   " << rule
           << (n == 0 ? "   (never fires)" : "")
           << (documents.value() > 20 && n * 2 > documents.value() ? "   (fires on most documents)" : "")
           << "\n";
  }
  return kExitOk;
}

}  // namespace ecwatch
