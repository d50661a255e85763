// RuleSet loading (parse, compile, run examples) and matching of articles.
// Tested by rule_set_test.cc.
#include "rules/rule_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/limits.h"
#include "base/sha256.h"
#include "rules/rule_file.h"
#include "rules/rule_set_impl.h"
#include "rules/text_split.h"

namespace ecwatch {
namespace rules_internal {
namespace {

std::string Version(const std::vector<RuleSet::Source>& files) {
  std::string all;
  for (const auto& f : files) {
    all += f.name.substr(f.name.find_last_of('/') + 1);
    all += '\0';
    all += f.toml;
    all += '\0';
  }
  return Sha256Hex(all).substr(0, 16);
}

std::string Describe(const std::vector<Hit>& hits, std::string_view text) {
  if (hits.empty()) return "nothing";
  std::string out;
  for (const Hit& h : hits) {
    if (!out.empty()) out += ", ";
    out += "'" + std::string(text.substr(h.start, h.end - h.start)) + "' (value '" + h.value + "')";
  }
  return out;
}

// Runs the examples of rule r; appends failures to *errors.
std::size_t CheckExamples(const Matcher& m, std::size_t r, std::vector<std::string>* errors) {
  const Rule& rule = m.rules()[r];
  for (const Example& ex : rule.examples) {
    auto hits = m.FindRule(r, ex.text, ex.published);
    bool ok = std::any_of(hits.begin(), hits.end(),
                          [&](const Hit& h) { return ex.value.empty() || h.value == ex.value; });
    if (!ok) {
      errors->push_back(ex.place.ToString() + ": example of rule '" + rule.id + "' did not match" +
                        (ex.value.empty() ? "" : " value '" + ex.value + "'") + "; it matched " +
                        Describe(hits, ex.text) + ": \"" + ex.text + "\"");
    }
  }
  for (const Example& ex : rule.counterexamples) {
    auto hits = m.FindRule(r, ex.text, ex.published);
    if (!hits.empty()) {
      errors->push_back(ex.place.ToString() + ": counterexample of rule '" + rule.id + "' matched " +
                        Describe(hits, ex.text) + ": \"" + ex.text + "\"");
    }
  }
  return rule.examples.size() + rule.counterexamples.size();
}

}  // namespace

RuleSetImpl::RuleSetImpl(std::unique_ptr<Matcher> matcher, std::unique_ptr<EventBuilder> events,
                         std::string version)
    : matcher_(std::move(matcher)), events_(std::move(events)), version_(std::move(version)) {}

std::size_t RuleSetImpl::rule_count() const { return matcher_->rules().size(); }

std::vector<std::string> RuleSetImpl::rule_ids() const {
  std::vector<std::string> ids;
  for (const Rule& rule : matcher_->rules()) ids.push_back(rule.id);
  return ids;
}

void RuleSetImpl::MatchText(const std::string& text, const std::string& published, Findings* out,
                            bool keep_matches) const {
  const std::string_view capped(text.data(), std::min(text.size(), limits::kMaxTextBytes));
  const Segments seg = SplitText(capped);
  const std::vector<Hit> hits = matcher_->FindAll(capped, seg, published);
  const auto& rules = matcher_->rules();
  for (const Hit& h : hits) {
    const Rule& rule = rules[h.rule];
    if (rule.category == "mineral") out->minerals.push_back(h.value);
    if (!keep_matches) continue;
    ecwatch::Match m;
    m.rule = rule.id;
    m.category = rule.category;
    m.text = std::string(capped.substr(h.start, h.end - h.start));
    m.value = h.value;
    m.start = h.start;
    m.end = h.end;
    out->matches.push_back(std::move(m));
  }
  std::vector<Event> events = events_->Build(capped, seg, rules, hits, published);
  for (auto& e : events) {
    if (out->events.size() >= limits::kMaxEventsPerDocument) break;
    if (!keep_matches) e.start = e.end = 0;  // title: no span in Article::text
    out->events.push_back(std::move(e));
  }
}

Findings RuleSetImpl::Match(const Article& article) const {
  Findings f;
  f.ruleset_version = version_;
  MatchText(article.title, article.published, &f, /*keep_matches=*/false);
  MatchText(article.text, article.published, &f, /*keep_matches=*/true);
  std::sort(f.minerals.begin(), f.minerals.end());
  f.minerals.erase(std::unique(f.minerals.begin(), f.minerals.end()), f.minerals.end());
  f.alert = std::any_of(f.events.begin(), f.events.end(), [](const Event& e) { return !e.items.empty(); });
  return f;
}

BuildOutcome BuildRuleSet(const std::vector<RuleSet::Source>& files) {
  BuildOutcome out;
  out.files = files.size();
  std::vector<Rule> rules;
  std::vector<EventRule> events;
  for (const auto& f : files) {
    RuleFile parsed = ParseRuleFile(f.name, f.toml, &out.errors);
    for (auto& r : parsed.rules) rules.push_back(std::move(r));
    for (auto& e : parsed.events) events.push_back(std::move(e));
  }
  out.rules = rules.size();
  if (rules.size() > limits::kMaxRules) {
    out.errors.push_back("rule set: more than limits::kMaxRules rules");
    return out;
  }
  auto matcher = Matcher::Compile(std::move(rules), &out.errors);
  auto builder = EventBuilder::Compile(std::move(events), &out.errors);
  if (!matcher) return out;
  for (std::size_t r = 0; r < matcher->rules().size(); ++r) {
    out.examples += CheckExamples(*matcher, r, &out.errors);
  }
  if (!out.errors.empty() || !builder) return out;
  out.set = std::make_unique<RuleSetImpl>(std::move(matcher), std::move(builder), Version(files));
  return out;
}

Result<std::vector<RuleSet::Source>> ReadRuleDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": no such rule directory");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml" && entry.is_regular_file()) {
      names.push_back(entry.path().filename().string());
    }
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  if (names.empty()) return Status::NotFound(dir + ": holds no *.toml rule file");
  std::sort(names.begin(), names.end());
  std::vector<RuleSet::Source> out;
  for (const auto& n : names) {
    const std::string path = (fs::path(dir) / n).string();
    if (fs::file_size(path, ec) > limits::kMaxRuleFileBytes) {
      return Status::TooLarge(path + ": larger than limits::kMaxRuleFileBytes");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError(path + ": cannot read");
    std::ostringstream ss;
    ss << in.rdbuf();
    out.push_back({path, ss.str()});
  }
  return out;
}

}  // namespace rules_internal

Result<std::unique_ptr<RuleSet>> RuleSet::LoadSources(const std::vector<Source>& files) {
  rules_internal::BuildOutcome b = rules_internal::BuildRuleSet(files);
  if (!b.errors.empty()) {
    std::string msg;
    for (const auto& e : b.errors) msg += (msg.empty() ? "" : "\n") + e;
    return Status::InvalidArgument(msg);
  }
  return std::unique_ptr<RuleSet>(std::move(b.set));
}

Result<std::unique_ptr<RuleSet>> RuleSet::LoadDir(const std::string& dir) {
  auto files = rules_internal::ReadRuleDir(dir);
  if (!files.ok()) return files.status();
  return LoadSources(files.value());
}

}  // namespace ecwatch
