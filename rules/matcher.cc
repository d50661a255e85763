// Matcher: RE2::Set prefilter per sentence, then per-rule RE2 for spans.
// Tested by matcher_test.cc and rule_set_test.cc.
#include "rules/matcher.h"

#include <algorithm>
#include <cctype>

#include <re2/re2.h>
#include <re2/set.h>

#include "base/limits.h"
#include "rules/normalize.h"

namespace ecwatch::rules_internal {

struct Matcher::Compiled {
  std::vector<std::unique_ptr<re2::RE2>> patterns;
  std::vector<std::unique_ptr<re2::RE2>> excludes;
  std::unique_ptr<re2::RE2> context;
};

// The RE2::Set over every pattern of every enabled rule.
class Matcher::SetIndex {
 public:
  SetIndex() : set_(Options(), RE2::UNANCHORED) {}
  static RE2::Options Options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(limits::kRe2SetMaxMem);
    return o;
  }
  bool Add(const std::string& pattern, std::size_t rule, std::string* error) {
    if (set_.Add(pattern, error) < 0) return false;
    rule_of_.push_back(rule);
    return true;
  }
  bool Compile() { return set_.Compile(); }
  // Distinct rules with a pattern that matches somewhere in text.
  void Candidates(std::string_view text, std::vector<std::size_t>* rules) const {
    rules->clear();
    std::vector<int> idx;
    if (!set_.Match(re2::StringPiece(text.data(), text.size()), &idx)) return;
    for (int i : idx) rules->push_back(rule_of_[i]);
    std::sort(rules->begin(), rules->end());
    rules->erase(std::unique(rules->begin(), rules->end()), rules->end());
  }

 private:
  RE2::Set set_;
  std::vector<std::size_t> rule_of_;  // set index -> rule
};

namespace {

RE2::Options RuleOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(limits::kRe2MaxMem);
  return o;
}

std::unique_ptr<re2::RE2> CompileOne(const std::string& pattern, const std::string& where,
                                     std::vector<std::string>* errors) {
  auto re = std::make_unique<re2::RE2>(pattern, RuleOptions());
  if (!re->ok()) {
    errors->push_back(where + ": " + re->error());
    return nullptr;
  }
  return re;
}

bool Overlaps(std::size_t s1, std::size_t e1, std::size_t s2, std::size_t e2) {
  return s1 < e2 && s2 < e1;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Canonical or normalised value of a hit.
std::string ValueOf(const Rule& rule, std::string_view captured, std::string_view published) {
  if (!rule.lookup.empty()) {
    auto it = rule.lookup.find(std::string(captured));
    if (it == rule.lookup.end()) it = rule.lookup.find(FoldTerm(std::string(captured)));
    return it == rule.lookup.end() ? FoldTerm(std::string(captured)) : it->second;
  }
  if (rule.normalizer == "duration") {
    auto d = DurationDays(captured, published);
    return d ? std::to_string(*d) : "";
  }
  if (rule.normalizer == "number") {
    auto n = ParseNumber(captured);
    return n ? std::to_string(*n) : "";
  }
  if (rule.normalizer == "date") return NormalizeDate(captured, published).value_or("");
  if (rule.normalizer == "lower") return Lower(captured);
  if (!rule.value.empty()) return rule.value;
  return std::string(captured);
}

}  // namespace

Matcher::Matcher() = default;
Matcher::~Matcher() = default;

// Compiles one rule; nullptr (and errors) when any of its patterns fails.
std::unique_ptr<Matcher::Compiled> Matcher::CompileRule(const Rule& rule, std::vector<std::string>* errors) {
  auto c = std::make_unique<Compiled>();
  const std::size_t before = errors->size();
  for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
    c->patterns.push_back(CompileOne(rule.patterns[p],
                                     rule.pattern_places[p].ToString() + ": rule '" + rule.id + "'", errors));
  }
  for (const auto& x : rule.excludes) {
    c->excludes.push_back(CompileOne("(?i)" + x, rule.place.ToString() + ": rule '" + rule.id + "' exclude", errors));
  }
  if (!rule.context.empty()) {
    c->context = CompileOne(rule.context, rule.place.ToString() + ": rule '" + rule.id + "' context", errors);
  }
  return errors->size() > before ? nullptr : std::move(c);
}

std::unique_ptr<Matcher> Matcher::Compile(std::vector<Rule> rules, std::vector<std::string>* errors) {
  std::unique_ptr<Matcher> m(new Matcher());
  m->set_ = std::make_unique<SetIndex>();
  for (Rule& rule : rules) {
    auto c = CompileRule(rule, errors);
    if (!c) continue;  // reported; the other rules are still checked
    const std::size_t r = m->rules_.size();
    for (std::size_t p = 0; p < rule.patterns.size() && rule.enabled; ++p) {
      std::string err;
      if (!m->set_->Add(rule.patterns[p], r, &err)) {
        errors->push_back(rule.pattern_places[p].ToString() + ": rule '" + rule.id + "': " + err);
      }
    }
    m->rules_.push_back(std::move(rule));
    m->compiled_.push_back(std::move(c));
  }
  if (!m->set_->Compile()) {
    errors->push_back("rule set: RE2::Set failed to compile (limits::kRe2SetMaxMem too small?)");
    return nullptr;
  }
  return m;
}

void Matcher::FindInSentence(std::size_t r, std::string_view text, TextSpan sentence,
                             std::size_t sentence_index, std::string_view published,
                             std::vector<Hit>* out) const {
  const Rule& rule = rules_[r];
  const Compiled& c = *compiled_[r];
  const re2::StringPiece whole(text.data(), text.size());
  bool context_checked = false, context_ok = false;
  for (std::size_t p = 0; p < c.patterns.size(); ++p) {
    const re2::RE2& re = *c.patterns[p];
    const bool needs_context = c.context && (rule.symbol_pattern < 0 || rule.symbol_pattern == static_cast<int>(p));
    const int ngroups = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(ngroups);
    std::size_t pos = sentence.start;
    while (pos <= sentence.end &&
           re.Match(whole, pos, sentence.end, RE2::UNANCHORED, groups.data(), ngroups)) {
      const std::size_t s = groups[0].data() - text.data();
      const std::size_t e = s + groups[0].size();
      pos = e > s ? e : e + 1;
      if (needs_context && !context_checked) {
        context_checked = true;
        context_ok = RE2::PartialMatch(
            re2::StringPiece(text.data() + sentence.start, sentence.end - sentence.start), *c.context);
      }
      if (needs_context && !context_ok) continue;
      Hit h{r, sentence_index, s, e, {}, {}};
      std::string_view captured(groups[0].data(), groups[0].size());
      for (const auto& [name, index] : re.NamedCapturingGroups()) {
        if (groups[index].data() == nullptr) continue;
        std::string_view g(groups[index].data(), groups[index].size());
        if (name == "value") {
          captured = g;
        } else {
          h.fields.emplace_back(name, std::string(g));
        }
      }
      h.value = ValueOf(rule, captured, published);
      out->push_back(std::move(h));
    }
  }
  if (c.excludes.empty() || out->empty()) return;
  // Drop hits of this rule that overlap a match of an exclude pattern.
  for (const auto& x : c.excludes) {
    re2::StringPiece m;
    std::size_t pos = sentence.start;
    while (pos < sentence.end && x->Match(whole, pos, sentence.end, RE2::UNANCHORED, &m, 1)) {
      const std::size_t s = m.data() - text.data(), e = s + m.size();
      out->erase(std::remove_if(out->begin(), out->end(),
                                [&](const Hit& h) {
                                  return h.rule == r && Overlaps(h.start, h.end, s, e);
                                }),
                 out->end());
      pos = e > s ? e : e + 1;
    }
  }
}

std::vector<Hit> Matcher::FindAll(std::string_view text, const Segments& segments,
                                  std::string_view published) const {
  std::vector<Hit> hits;
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < segments.sentences.size(); ++i) {
    const TextSpan s = segments.sentences[i];
    set_->Candidates(text.substr(s.start, s.end - s.start), &candidates);
    std::vector<Hit> sentence_hits;
    for (std::size_t r : candidates) FindInSentence(r, text, s, i, published, &sentence_hits);
    std::sort(sentence_hits.begin(), sentence_hits.end(), [](const Hit& a, const Hit& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    ResolveOverlaps(rules_, &sentence_hits);
    for (auto& h : sentence_hits) {
      if (hits.size() >= limits::kMaxMatchesPerDocument) return hits;
      hits.push_back(std::move(h));
    }
  }
  return hits;
}

std::vector<Hit> Matcher::FindRule(std::size_t rule, std::string_view text,
                                   std::string_view published) const {
  std::vector<Hit> hits;
  FindInSentence(rule, text, TextSpan{0, text.size()}, 0, published, &hits);
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  ResolveOverlaps(rules_, &hits);
  return hits;
}

void ResolveOverlaps(const std::vector<Rule>& rules, std::vector<Hit>* hits) {
  std::vector<Hit> kept;
  for (auto& h : *hits) {
    bool shadowed = false;
    for (const Hit& k : kept) {
      if (rules[k.rule].category == rules[h.rule].category && Overlaps(k.start, k.end, h.start, h.end) &&
          (k.end - k.start) >= (h.end - h.start)) {
        shadowed = true;
        break;
      }
    }
    if (!shadowed) kept.push_back(std::move(h));
  }
  *hits = std::move(kept);
}

}  // namespace ecwatch::rules_internal
