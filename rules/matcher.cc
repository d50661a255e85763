// Matcher: atom formulas per sentence (SetIndex), then per-rule RE2 for spans.
// Tested by matcher_test.cc and rule_set_test.cc.
#include "rules/matcher.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <re2/re2.h>

#include "base/limits.h"
#include "rules/atom_scanner.h"
#include "rules/digit_proof.h"
#include "rules/literal_alternation.h"
#include "rules/normalize.h"
#include "rules/set_index.h"
#include "rules/value_span.h"

namespace ecwatch::rules_internal {

struct Matcher::Compiled {
  std::vector<std::unique_ptr<re2::RE2>> patterns;
  // Per pattern: the same matches found without RE2, when the pattern is a
  // literal alternation (a term list's; rules/literal_alternation.h).
  std::vector<std::optional<LiteralAlternation>> literal;
  // Per pattern: every match holds this many ASCII digits in a row
  // (rules/digit_proof.h), so a sentence without such a run is not searched.
  std::vector<std::size_t> digit_run;
  // Per pattern: its value capture is always the whole match
  // (rules/value_span.h), so a hit needs no second pass for captures.
  std::vector<bool> value_is_span;
  std::vector<std::unique_ptr<re2::RE2>> excludes;
  std::unique_ptr<re2::RE2> context;
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

// The most ASCII digits in a row in the sentence.
std::size_t LongestDigitRun(std::string_view text, TextSpan sentence) {
  std::size_t longest = 0, run = 0;
  for (std::size_t i = sentence.start; i < sentence.end; ++i) {
    run = text[i] >= '0' && text[i] <= '9' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
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
    auto it = rule.lookup.find(captured);
    if (it != rule.lookup.end()) return it->second;
    thread_local std::string folded;  // kept: most hits need no allocation
    FoldTermInto(captured, &folded);
    it = rule.lookup.find(folded);
    return it == rule.lookup.end() ? folded : it->second;
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

// Hits of the patterns that are candidates in every sentence, each found
// by one scan of the whole text; FindInSentence takes them sentence by sentence.
struct Matcher::TextHits {
  Candidates patterns;                                         // (rule, pattern), as in always()
  std::vector<std::vector<Hit>> hits;                          // per pattern, in text order
  std::vector<std::size_t> next;                               // per pattern: first hit not taken

  // Appends the hits of (r, p) in sentence si to *out; false when (r, p) is
  // not one of the patterns. Sentences must be asked in increasing order.
  bool Take(std::size_t r, std::size_t p, std::size_t si, std::vector<Hit>* out) {
    for (std::size_t k = 0; k < patterns.size(); ++k) {
      if (patterns[k] != std::make_pair(r, p)) continue;
      auto& v = hits[k];
      std::size_t& i = next[k];
      while (i < v.size() && v[i].sentence < si) ++i;
      for (; i < v.size() && v[i].sentence == si; ++i) out->push_back(std::move(v[i]));
      return true;
    }
    return false;
  }
  std::vector<std::size_t> Sentences() const;
};

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
    c->literal.push_back(LiteralAlternation::Parse(rule.patterns[p]));
    c->digit_run.push_back(DigitRunInEveryMatch(rule.patterns[p]));
    c->value_is_span.push_back(ValueIsWholeMatch(rule.patterns[p]));
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
    for (std::size_t x = 0; x < rule.excludes.size() && rule.enabled; ++x) {
      if (!m->set_->AddExclude("(?i)" + rule.excludes[x], r, x)) {
        errors->push_back(rule.place.ToString() + ": rule '" + rule.id + "' exclude: rejected by the prefilter");
      }
    }
    for (std::size_t p = 0; p < rule.patterns.size() && rule.enabled; ++p) {
      const bool gated = rule.symbol_pattern < 0 || rule.symbol_pattern == static_cast<int>(p);
      std::string err;
      static const Rule::Literals kNone;
      const auto& literals = p < rule.pattern_literals.size() ? rule.pattern_literals[p] : kNone;
      if (!m->set_->Add(rule.patterns[p], literals, r, p, gated ? gate : -1, &err)) {
        errors->push_back(rule.pattern_places[p].ToString() + ": rule '" + rule.id + "': " + err);
      }
    }
    m->rules_.push_back(std::move(rule));
    m->compiled_.push_back(std::move(c));
  }
  if (!m->set_->Compile()) {
    errors->push_back("rule set: too many atoms for the prefilter (limits::kMaxAtomScannerBytes)");
    return nullptr;
  }
  return m;
}

// Records the hit [s, e) of pattern p of rule r in sentence si, unless its
// rule needs a context the sentence lacks (*context caches that test per
// sentence: -1 unknown). Captures run only on the span, only when the pattern
// has any.
void Matcher::EmitHit(std::size_t r, std::size_t p, std::string_view text, TextSpan sentence,
                      std::size_t si, std::size_t s, std::size_t e, std::string_view published,
                      int* context, std::vector<Hit>* out) const {
  const Rule& rule = rules_[r];
  const Compiled& c = *compiled_[r];
  const re2::RE2& re = *c.patterns[p];
  const bool symbols = rule.symbol_pattern == static_cast<int>(p);
  if (c.context && (rule.symbol_pattern < 0 || symbols)) {
    if (*context < 0) {
      *context = RE2::PartialMatch(
          re2::StringPiece(text.data() + sentence.start, sentence.end - sentence.start), *c.context);
    }
    if (*context == 0) return;
  }
  if (symbols) {
    while (e > s && text[e - 1] >= '0' && text[e - 1] <= '9') --e;  // "Dy2O3" -> "Dy"
  }
  Hit h{r, si, s, e, {}, {}};
  std::string_view captured = text.substr(s, e - s);
  const int ngroups = re.NumberOfCapturingGroups() + 1;
  if (ngroups > 1 && !c.value_is_span[p]) {
    thread_local std::vector<re2::StringPiece> groups;
    groups.assign(ngroups, re2::StringPiece());
    if (re.Match(re2::StringPiece(text.data(), text.size()), s, e, RE2::ANCHOR_BOTH, groups.data(), ngroups)) {
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
  }
  h.value = ValueOf(rule, captured, published);
  out->push_back(std::move(h));
}

// Hits of one pattern of rule r in the sentence from pos on (no excludes
// applied yet).
void Matcher::FindPattern(std::size_t r, std::size_t p, std::string_view text, TextSpan sentence,
                          std::size_t pos, StartRange starts, std::size_t sentence_index,
                          std::string_view published, int* long_s_or_kelvin,
                          std::vector<Hit>* out) const {
  const re2::RE2& re = *compiled_[r]->patterns[p];
  int context = -1;  // unknown
  const auto& literal = compiled_[r]->literal[p];
  const std::size_t last_start = starts.last;
  if (*long_s_or_kelvin < 0 && ((literal && literal->NeedsRangeCheck()) || starts.first > pos)) {
    *long_s_or_kelvin = LiteralAlternation::HoldsLongSOrKelvin(text, sentence.start, sentence.end);
  }
  if (starts.first > pos && !*long_s_or_kelvin) pos = starts.first;
  if (literal && !(literal->NeedsRangeCheck() && *long_s_or_kelvin)) {
    // RE2's matches, found by literal compares (every match is non-empty;
    // none starts after last_start, as for RE2 below).
    std::size_t s = 0, e = 0;
    while (pos <= sentence.end && pos <= last_start && literal->Find(text, pos, sentence.end, last_start, &s, &e)) {
      pos = e;
      EmitHit(r, p, text, sentence, sentence_index, s, e, published, &context, out);
    }
    return;
  }
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece m;
  // The span alone comes from the DFA; captures only in EmitHit.
  // No match starts after last_start: the next search is skipped.
  while (pos <= sentence.end && pos <= last_start && re.Match(whole, pos, sentence.end, RE2::UNANCHORED, &m, 1)) {
    const std::size_t s = m.data() - text.data(), e = s + m.size();
    pos = e > s ? e : e + 1;
    if (e == s) continue;  // an empty match (e.g. at a word boundary) is no hit
    EmitHit(r, p, text, sentence, sentence_index, s, e, published, &context, out);
  }
}

// Hits of one pattern of rule r in every sentence, from one unanchored scan of
// the whole text (for patterns without atoms, which are candidates in every
// sentence: one RE2 call per document instead of one per sentence). A match
// inside one sentence is the match a scan of that sentence alone finds (RE2
// sees the same context bytes for \b, and no match starts earlier in it); a
// match that leaves its sentence, or starts between sentences, is redone
// within the sentence, and the scan resumes after it.
void Matcher::FindPatternInText(std::size_t r, std::size_t p, std::string_view text, const Segments& segments,
                                std::string_view published, std::vector<Hit>* out) const {
  const auto& sentences = segments.sentences;
  if (sentences.empty()) return;
  const re2::RE2& re = *compiled_[r]->patterns[p];
  const re2::StringPiece whole(text.data(), text.size());
  const std::size_t last = sentences.back().end;
  re2::StringPiece m;
  std::size_t pos = sentences.front().start;
  std::size_t si = 0;
  int context = -1;  // for sentence si
  while (pos <= last && re.Match(whole, pos, last, RE2::UNANCHORED, &m, 1)) {
    const std::size_t s = m.data() - text.data(), e = s + m.size();
    const std::size_t before = si;
    while (si < sentences.size() && sentences[si].end <= s) ++si;  // first sentence ending after s
    if (si == sentences.size()) break;
    if (si != before) context = -1;
    const TextSpan sentence = sentences[si];
    if (s >= sentence.start && e <= sentence.end) {
      pos = e > s ? e : e + 1;
      if (e > s) EmitHit(r, p, text, sentence, si, s, e, published, &context, out);
      continue;
    }
    int long_s_or_kelvin = -1;
    FindPattern(r, p, text, sentence, std::max(pos, sentence.start), StartRange{}, si, published,
                &long_s_or_kelvin, out);
    pos = sentence.end;  // a CJK sentence may start right there
  }
}

// Drops the hits of rule r in *hits that overlap a match of its excludes.
void Matcher::ApplyExcludes(std::size_t r, std::string_view text, TextSpan sentence, const Candidates* excludes,
                            std::vector<Hit>* hits) const {
  const Compiled& c = *compiled_[r];
  const re2::StringPiece whole(text.data(), text.size());
  for (std::size_t k = 0; k < c.excludes.size(); ++k) {
    if (excludes && !std::binary_search(excludes->begin(), excludes->end(), std::make_pair(r, k)) &&
        !std::binary_search(set_->always_excludes().begin(), set_->always_excludes().end(), std::make_pair(r, k))) {
      continue;  // cannot match in this sentence
    }
    const auto& x = c.excludes[k];
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

void Matcher::FindInSentence(const Candidates& candidates, const std::vector<StartRange>* starts,
                             const Candidates* excludes, std::string_view text, TextSpan sentence,
                             std::size_t sentence_index, std::string_view published, std::vector<Hit>* out,
                             TextHits* pre) const {
  int ascii = -1;             // unknown
  std::optional<std::size_t> digits;  // longest run of digits in the sentence, once needed
  int long_s_or_kelvin = -1;  // unknown
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto [r, p] = candidates[k];
    const StartRange range = starts ? (*starts)[k] : StartRange{};
    if (pre && pre->Take(r, p, sentence_index, out)) continue;
    if (rules_[r].non_ascii_pattern == static_cast<int>(p)) {
      if (ascii < 0) {
        ascii = std::all_of(text.begin() + sentence.start, text.begin() + sentence.end,
                            [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      }
      if (ascii) continue;
    }
    if (const std::size_t need = compiled_[r]->digit_run[p]; need > 0) {
      if (!digits) digits = LongestDigitRun(text, sentence);
      if (*digits < need) continue;
    }
    FindPattern(r, p, text, sentence, sentence.start, range, sentence_index, published,
                &long_s_or_kelvin, out);
  }
  // Excludes of each rule hit (candidates are sorted by rule, so are the hits).
  std::size_t last_rule = static_cast<std::size_t>(-1);
  for (std::size_t i = 0; i < out->size(); ++i) {
    const std::size_t r = (*out)[i].rule;
    if (r == last_rule) continue;
    last_rule = r;
    if (!compiled_[r]->excludes.empty()) ApplyExcludes(r, text, sentence, excludes, out);
  }
}

// Sentences in which a pattern without atoms has hits, sorted, unique.
std::vector<std::size_t> Matcher::TextHits::Sentences() const {
  std::vector<std::size_t> out;
  for (const auto& v : hits) {
    for (const Hit& h : v) out.push_back(h.sentence);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Hits of the patterns without atoms, from one scan of the whole text each.
void Matcher::FindAlways(std::string_view text, const Segments& segments, std::string_view published,
                         TextHits* pre) const {
  pre->patterns = set_->always();
  pre->hits.resize(pre->patterns.size());
  pre->next.assign(pre->patterns.size(), 0);
  int ascii = -1;  // unknown: the text is read only for a pattern that needs non-ASCII text
  for (std::size_t k = 0; k < pre->patterns.size(); ++k) {
    const auto [r, p] = pre->patterns[k];
    if (rules_[r].non_ascii_pattern == static_cast<int>(p)) {
      if (ascii < 0) {
        ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      }
      if (ascii) continue;
    }
    FindPatternInText(r, p, text, segments, published, &pre->hits[k]);
  }
}

// The sorted union of a sentence's candidates (with where their matches
// can start) and the patterns without atoms (no bound), in *out and
// *out_starts.
void Matcher::MergeAlways(const Candidates& patterns, const std::vector<StartRange>& starts,
                          const Candidates& always, Candidates* out, std::vector<StartRange>* out_starts) {
  out->clear();
  out_starts->clear();
  std::size_t a = 0, b = 0;
  while (a < patterns.size() || b < always.size()) {
    if (b == always.size() || (a < patterns.size() && patterns[a] < always[b])) {
      out->push_back(patterns[a]);
      out_starts->push_back(starts[a++]);
    } else {
      out->push_back(always[b++]);
      out_starts->push_back(StartRange{});
    }
  }
}

std::vector<Hit> Matcher::FindAll(std::string_view text, const Segments& segments,
                                  std::string_view published) const {
  std::vector<Hit> hits;
  TextHits pre;
  FindAlways(text, segments, published, &pre);
  const std::vector<std::size_t> pre_sentences = pre.Sentences();
  std::size_t next_pre = 0;
  // Per-thread scratch, kept across calls: most sentences need no
  // allocation. Bound once: each thread_local access may cost a call.
  struct Scratch {
    SetIndex::Occurrences occ;
    Candidates patterns, excludes, candidates;
    std::vector<StartRange> starts, merged_starts;
    std::vector<Hit> sentence_hits;
  };
  thread_local Scratch scratch;
  auto& [occ, patterns, excludes, candidates, starts, merged_starts, sentence_hits] = scratch;
  set_->Scan(text, &occ);
  for (std::size_t i = 0; i < segments.sentences.size(); ++i) {
    const TextSpan s = segments.sentences[i];
    set_->InSentence(text, &occ, s, &patterns, &excludes, &starts);
    const bool has_pre = next_pre < pre_sentences.size() && pre_sentences[next_pre] == i;
    if (has_pre) ++next_pre;
    if (patterns.empty() && !has_pre) continue;
    const Candidates* all = &patterns;
    const std::vector<StartRange>* all_starts = &starts;
    if (has_pre) {
      MergeAlways(patterns, starts, pre.patterns, &candidates, &merged_starts);
      all = &candidates;
      all_starts = &merged_starts;
    }
    sentence_hits.clear();
    FindInSentence(*all, all_starts, &excludes, text, s, i, published, &sentence_hits, &pre);
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
  FindInSentence(all, nullptr, nullptr, text, TextSpan{0, text.size()}, 0, published, &hits);
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  ResolveOverlaps(rules_, &hits);
  return hits;
}

void ResolveOverlaps(const std::vector<Rule>& rules, std::vector<Hit>* hits) {
  // In place: the first `kept` hits are those kept so far.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < hits->size(); ++i) {
    Hit& h = (*hits)[i];
    bool shadowed = false;
    for (std::size_t k = 0; k < kept && !shadowed; ++k) {
      const Hit& o = (*hits)[k];
      shadowed = Overlaps(o.start, o.end, h.start, h.end) && (o.end - o.start) >= (h.end - h.start) &&
                 rules[o.rule].category == rules[h.rule].category;
    }
    if (shadowed) continue;
    if (kept != i) (*hits)[kept] = std::move(h);
    ++kept;
  }
  hits->erase(hits->begin() + static_cast<std::ptrdiff_t>(kept), hits->end());
}

}  // namespace ecwatch::rules_internal
