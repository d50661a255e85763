// Matcher: RE2::Set prefilter per sentence, then per-rule RE2 for spans.
// Tested by matcher_test.cc and rule_set_test.cc.
#include "rules/matcher.h"

#include <algorithm>
#include <cctype>

#include <re2/filtered_re2.h>
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

// Which rules can match a text, from one RE2::Set pass. A combined DFA of
// every full pattern grows too many states (word gaps such as
// "(?:\w+\s+){0,6}" multiply across patterns), so the Set holds the literal
// atoms that RE2's FilteredRE2 derives from the patterns (e.g. "suspend",
// "export control", "gallium"); FilteredRE2 then maps the atoms found to the
// patterns that can match. Patterns without usable atoms (short symbols,
// two-letter acronyms) are always candidates. Immutable after Compile().
class Matcher::SetIndex {
 public:
  static constexpr int kMinAtomLen = 3;
  SetIndex() : filter_(kMinAtomLen), atoms_(AtomOptions(), RE2::UNANCHORED) {}
  static RE2::Options AtomOptions() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(limits::kRe2SetMaxMem);
    o.set_case_sensitive(true);  // atoms are lower-case; the text is lowered (ASCII) first
    o.set_literal(true);
    return o;
  }
  // Adds a pattern of rule; gate is the id of a context gate (AddGate) the
  // sentence must pass too, or -1.
  bool Add(const std::string& pattern, std::size_t rule, std::size_t pattern_index, int gate,
           std::string* error) {
    int id = 0;
    if (filter_.Add(pattern, RuleOptions(), &id) != RE2::NoError) {
      *error = "pattern rejected by the prefilter";
      return false;
    }
    rule_of_.push_back({rule, pattern_index});
    gate_of_.push_back(gate);
    return true;
  }
  // A context pattern whose atoms must be present for gated patterns (chemical
  // symbols need "oxide", "metal", ... in their sentence). Returns its id, or
  // -1 when the context cannot be used as a gate.
  int AddGate(const std::string& context) {
    int id = 0;
    if (filter_.Add(context, RuleOptions(), &id) != RE2::NoError) return -1;
    rule_of_.push_back({kGate, 0});
    gate_of_.push_back(-1);
    return id;
  }
  bool Compile() {
    std::vector<std::string> atoms;
    if (rule_of_.empty()) return true;
    filter_.Compile(&atoms);
    for (const auto& a : atoms) {
      if (atoms_.Add(a, nullptr) < 0) return false;
    }
    has_atoms_ = !atoms.empty();
    return !has_atoms_ || atoms_.Compile();
  }
  std::size_t atom_count() const { return has_atoms_ ? 1 : 0; }
  // (rule, pattern) pairs that can match somewhere in text, sorted.
  void Candidates(std::string_view text, std::vector<std::pair<std::size_t, std::size_t>>* rules) const {
    rules->clear();
    if (rule_of_.empty()) return;
    thread_local std::vector<int> atoms, patterns;  // reused: no allocation per sentence
    atoms.clear();
    if (has_atoms_) {
      // A case-sensitive Set over ASCII-lowered text is faster than a
      // case-folding one (no Unicode fold alternatives in the DFA).
      thread_local std::string lower;
      lower.assign(text.data(), text.size());
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      RE2::Set::ErrorInfo info;
      if (!atoms_.Match(lower, &atoms, &info) &&
          info.kind != RE2::Set::kNoError) {
        AllRules(rules);  // DFA out of memory: fall back to every rule
        return;
      }
    }
    filter_.AllPotentials(atoms, &patterns);
    std::sort(patterns.begin(), patterns.end());
    for (int p : patterns) {
      if (rule_of_[p].first == kGate) continue;
      const int gate = gate_of_[p];
      if (gate >= 0 && !std::binary_search(patterns.begin(), patterns.end(), gate)) continue;
      rules->push_back(rule_of_[p]);
    }
    std::sort(rules->begin(), rules->end());
  }

 private:
  static RE2::Options RuleOptions() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(limits::kRe2MaxMem);
    return o;
  }
  void AllRules(std::vector<std::pair<std::size_t, std::size_t>>* rules) const {
    rules->clear();
    for (const auto& rp : rule_of_) {
      if (rp.first != kGate) rules->push_back(rp);
    }
    std::sort(rules->begin(), rules->end());
  }
  static constexpr std::size_t kGate = static_cast<std::size_t>(-1);

  re2::FilteredRE2 filter_;
  RE2::Set atoms_;
  bool has_atoms_ = false;
  std::vector<std::pair<std::size_t, std::size_t>> rule_of_;  // filter id -> (rule, pattern)
  std::vector<int> gate_of_;                                   // filter id -> gate id or -1
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
    const std::string where = rule.pattern_places[p].ToString() + ": rule '" + rule.id + "'";
    auto re = CompileOne(rule.patterns[p], where, errors);
    // A pattern that matches nothing at all would hit between every two
    // characters; refuse it when the rules load.
    if (re && RE2::PartialMatch("", *re)) {
      errors->push_back(where + ": pattern matches the empty string");
    }
    c->patterns.push_back(std::move(re));
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
    const int gate = rule.enabled && !rule.context.empty() ? m->set_->AddGate(rule.context) : -1;
    for (std::size_t p = 0; p < rule.patterns.size() && rule.enabled; ++p) {
      const bool gated = rule.symbol_pattern < 0 || rule.symbol_pattern == static_cast<int>(p);
      std::string err;
      if (!m->set_->Add(rule.patterns[p], r, p, gated ? gate : -1, &err)) {
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

// Hits of one pattern of rule r in the sentence (no excludes applied yet).
void Matcher::FindPattern(std::size_t r, std::size_t p, std::string_view text, TextSpan sentence,
                          std::size_t sentence_index, std::string_view published, std::vector<Hit>* out) const {
  const Rule& rule = rules_[r];
  const Compiled& c = *compiled_[r];
  const re2::RE2& re = *c.patterns[p];
  const re2::StringPiece whole(text.data(), text.size());
  const bool needs_context = c.context && (rule.symbol_pattern < 0 || rule.symbol_pattern == static_cast<int>(p));
  const bool symbols = rule.symbol_pattern == static_cast<int>(p);
  const int ngroups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(ngroups);
  std::size_t pos = sentence.start;
  int context = -1;  // unknown
  // Find the span with the DFA alone, then captures only when there are any.
  while (pos <= sentence.end && re.Match(whole, pos, sentence.end, RE2::UNANCHORED, groups.data(), 1)) {
    std::size_t s = groups[0].data() - text.data();
    std::size_t e = s + groups[0].size();
    pos = e > s ? e : e + 1;
    if (e == s) continue;  // an empty match (e.g. at a word boundary) is no hit
    if (needs_context && context < 0) {
      context = RE2::PartialMatch(
          re2::StringPiece(text.data() + sentence.start, sentence.end - sentence.start), *c.context);
    }
    if (needs_context && context == 0) continue;
    if (symbols) {
      while (e > s && text[e - 1] >= '0' && text[e - 1] <= '9') --e;  // "Dy2O3" -> "Dy"
    }
    Hit h{r, sentence_index, s, e, {}, {}};
    std::string_view captured = text.substr(s, e - s);
    if (ngroups > 1 && re.Match(whole, s, e, RE2::ANCHOR_BOTH, groups.data(), ngroups)) {
      for (const auto& [name, index] : re.NamedCapturingGroups()) {
        if (groups[index].data() == nullptr) continue;
        std::string_view g(groups[index].data(), groups[index].size());
        if (name == "value") {
          captured = g;
        } else {
          h.fields.emplace_back(name, std::string(g));
        }
      }
    }
    h.value = ValueOf(rule, captured, published);
    out->push_back(std::move(h));
  }
}

// Drops the hits of rule r in *hits that overlap a match of its excludes.
void Matcher::ApplyExcludes(std::size_t r, std::string_view text, TextSpan sentence,
                            std::vector<Hit>* hits) const {
  const Compiled& c = *compiled_[r];
  const re2::StringPiece whole(text.data(), text.size());
  for (const auto& x : c.excludes) {
    re2::StringPiece m;
    std::size_t pos = sentence.start;
    while (pos < sentence.end && x->Match(whole, pos, sentence.end, RE2::UNANCHORED, &m, 1)) {
      const std::size_t s = m.data() - text.data(), e = s + m.size();
      hits->erase(std::remove_if(hits->begin(), hits->end(),
                                 [&](const Hit& h) { return h.rule == r && Overlaps(h.start, h.end, s, e); }),
                  hits->end());
      pos = e > s ? e : e + 1;
    }
  }
}

void Matcher::FindInSentence(const std::vector<std::pair<std::size_t, std::size_t>>& candidates,
                             std::string_view text, TextSpan sentence, std::size_t sentence_index,
                             std::string_view published, std::vector<Hit>* out) const {
  std::size_t last_rule = static_cast<std::size_t>(-1);
  int ascii = -1;  // unknown
  for (const auto& [r, p] : candidates) {
    if (rules_[r].non_ascii_pattern == static_cast<int>(p)) {
      if (ascii < 0) {
        ascii = std::all_of(text.begin() + sentence.start, text.begin() + sentence.end,
                            [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      }
      if (ascii) continue;
    }
    const std::size_t before = out->size();
    FindPattern(r, p, text, sentence, sentence_index, published, out);
    if (out->size() > before && r != last_rule && !compiled_[r]->excludes.empty()) {
      last_rule = r;
      ApplyExcludes(r, text, sentence, out);
    }
  }
}

std::vector<Hit> Matcher::FindAll(std::string_view text, const Segments& segments,
                                  std::string_view published) const {
  std::vector<Hit> hits;
  std::vector<std::pair<std::size_t, std::size_t>> candidates;
  std::vector<Hit> sentence_hits;
  for (std::size_t i = 0; i < segments.sentences.size(); ++i) {
    const TextSpan s = segments.sentences[i];
    set_->Candidates(text.substr(s.start, s.end - s.start), &candidates);
    if (candidates.empty()) continue;
    sentence_hits.clear();
    FindInSentence(candidates, text, s, i, published, &sentence_hits);
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
  std::vector<std::pair<std::size_t, std::size_t>> all;
  for (std::size_t p = 0; p < compiled_[rule]->patterns.size(); ++p) all.emplace_back(rule, p);
  FindInSentence(all, text, TextSpan{0, text.size()}, 0, published, &hits);
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
