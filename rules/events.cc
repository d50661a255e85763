// EventBuilder: anchor hit + co-occurring minerals, duration, actor -> Event.
// Tested by events_test.cc and rule_set_test.cc.
#include "rules/events.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include <re2/re2.h>

#include "base/limits.h"

namespace ecwatch::rules_internal {

struct EventBuilder::Compiled {
  // The event's unless patterns as one alternation: a sentence is read once,
  // not once per pattern. Each is also compiled alone, for its errors, and
  // kept when the alternation exceeds RE2's memory budget.
  std::unique_ptr<re2::RE2> any_unless;
  std::vector<std::unique_ptr<re2::RE2>> unless;

  bool Vetoes(std::string_view sentence) const {
    const re2::StringPiece s(sentence.data(), sentence.size());
    if (any_unless) return RE2::PartialMatch(s, *any_unless);
    return std::any_of(unless.begin(), unless.end(), [&](const auto& u) { return RE2::PartialMatch(s, *u); });
  }
};

namespace {

// Sentences [first, last] that form an event's scope around sentence si.
struct Scope {
  std::size_t first = 0;
  std::size_t last = 0;
  bool Contains(std::size_t s) const { return s >= first && s <= last; }
};

Scope ScopeOf(const EventRule& ev, const Segments& seg, std::size_t si) {
  const std::size_t p = seg.paragraph_of[si];
  const std::size_t pfirst = seg.first_sentence[p];
  const std::size_t plast = p + 1 < seg.first_sentence.size() ? seg.first_sentence[p + 1] - 1
                                                               : seg.sentences.size() - 1;
  if (ev.scope_paragraph) return {pfirst, plast};
  const std::size_t n = static_cast<std::size_t>(ev.scope_sentences);
  return {si >= n ? si - n : 0, std::min(si + n, seg.sentences.size() - 1)};
}

Scope ParagraphOf(const Segments& seg, std::size_t si) {
  EventRule whole;
  whole.scope_paragraph = true;
  return ScopeOf(whole, seg, si);
}

// Hits of category in scope; when none and fallback, those of the nearest
// sentence of the paragraph that has any (earlier sentence on ties).
std::vector<const Hit*> Gather(const std::vector<Rule>& rules, const std::vector<Hit>& hits,
                               const std::string& category, Scope scope, Scope paragraph,
                               std::size_t si, bool fallback) {
  std::vector<const Hit*> in_scope;
  std::map<std::size_t, std::vector<const Hit*>> by_sentence;
  for (const Hit& h : hits) {
    if (rules[h.rule].category != category) continue;
    if (scope.Contains(h.sentence)) in_scope.push_back(&h);
    if (paragraph.Contains(h.sentence)) by_sentence[h.sentence].push_back(&h);
  }
  if (!in_scope.empty() || !fallback || by_sentence.empty()) return in_scope;
  std::size_t best = by_sentence.begin()->first;
  auto dist = [&](std::size_t s) { return s > si ? s - si : si - s; };
  for (const auto& [s, v] : by_sentence) {
    if (dist(s) < dist(best)) best = s;
  }
  return by_sentence[best];
}

// The actor closest before the anchor in its sentence, else the first found.
const Hit* PickActor(const std::vector<const Hit*>& actors, const Hit& anchor) {
  const Hit* best = nullptr;
  for (const Hit* a : actors) {
    if (a->sentence == anchor.sentence && a->end <= anchor.start) best = a;
  }
  if (best) return best;
  for (const Hit* a : actors) {
    if (a->sentence == anchor.sentence) return a;
  }
  return actors.empty() ? nullptr : actors.front();
}

// The first duration with a computable length, else the first one.
const Hit* PickDuration(const std::vector<const Hit*>& durations) {
  for (const Hit* d : durations) {
    if (!d->value.empty()) return d;
  }
  return durations.empty() ? nullptr : durations.front();
}

// True when the word before position i (skipping spaces, commas and a day
// number) is a preposition of time or a month: "in 1986", "since 2023",
// "February 9, 1986". "Announcement No. 46 [2024]" is not history.
bool IsTimeContext(std::string_view sentence, std::size_t i) {
  std::size_t e = i;
  auto skip = [&](auto pred) {
    while (e > 0 && pred(sentence[e - 1])) --e;
  };
  skip([](char c) { return c == ' ' || c == ','; });
  skip([](char c) { return c >= '0' && c <= '9'; });
  skip([](char c) { return c == ' ' || c == ',' || c == '.'; });
  std::size_t b = e;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(sentence[b - 1]))) --b;
  std::string w(sentence.substr(b, e - b));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kPrepositions[] = {"in", "since", "during", "until", "till", "from", "by"};
  static const char* const kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                        "august", "september", "october", "november", "december", "sept"};
  for (const char* k : kPrepositions) {
    if (w == k) return true;
  }
  for (const char* m : kMonths) {
    if (w.size() >= 3 && std::string_view(m).substr(0, w.size()) == w) return true;  // "feb", "february"
  }
  return false;
}

// True when sentence dates something (1900-2099, in a time context) before
// the year of published: history in passing.
bool MentionsPastYear(std::string_view sentence, std::string_view published) {
  if (published.size() < 4) return false;
  const int pub_year = std::atoi(std::string(published.substr(0, 4)).c_str());
  auto digit = [&](std::size_t i) { return i < sentence.size() && sentence[i] >= '0' && sentence[i] <= '9'; };
  for (std::size_t i = 0; i + 4 <= sentence.size(); ++i) {
    if ((i > 0 && digit(i - 1)) || digit(i + 4) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
    const int y = std::atoi(std::string(sentence.substr(i, 4)).c_str());
    if (y >= 1900 && y < 2100 && y < pub_year && IsTimeContext(sentence, i)) return true;
  }
  return false;
}

}  // namespace

EventBuilder::EventBuilder() = default;
EventBuilder::~EventBuilder() = default;

std::unique_ptr<EventBuilder> EventBuilder::Compile(std::vector<EventRule> events,
                                                    std::vector<std::string>* errors) {
  std::unique_ptr<EventBuilder> b(new EventBuilder());
  const std::size_t before = errors->size();
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(limits::kRe2MaxMem);
  for (const EventRule& ev : events) {
    auto c = std::make_unique<Compiled>();
    std::string any;
    for (std::size_t i = 0; i < ev.unless.size(); ++i) {
      auto re = std::make_unique<re2::RE2>(ev.unless[i], o);
      if (!re->ok()) {
        errors->push_back(ev.unless_places[i].ToString() + ": event '" + ev.id + "' unless: " + re->error());
      }
      c->unless.push_back(std::move(re));
      any += (any.empty() ? "(?:" : "|(?:") + ev.unless[i] + ")";
    }
    if (!any.empty()) {
      c->any_unless = std::make_unique<re2::RE2>(any, o);
      if (c->any_unless->ok()) {
        c->unless.clear();
      } else {
        c->any_unless.reset();  // too large together: each alone
      }
    }
    b->compiled_.push_back(std::move(c));
  }
  if (errors->size() > before) return nullptr;
  b->events_ = std::move(events);
  return b;
}

std::vector<Event> EventBuilder::Build(std::string_view text, const Segments& seg,
                                       const std::vector<Rule>& rules,
                                       const std::vector<Hit>& hits,
                                       std::string_view published) const {
  std::vector<Event> out;
  std::set<std::pair<std::size_t, std::string>> seen;  // (sentence, action)
  for (std::size_t e = 0; e < events_.size(); ++e) {
    const EventRule& ev = events_[e];
    for (const Hit& anchor : hits) {
      if (rules[anchor.rule].category != ev.anchor) continue;
      if (seen.count({anchor.sentence, anchor.value})) continue;
      const TextSpan s = seg.sentences[anchor.sentence];
      const std::string_view sentence = text.substr(s.start, s.end - s.start);
      if (compiled_[e]->Vetoes(sentence)) continue;
      if (ev.unless_past_years && MentionsPastYear(sentence, published)) continue;
      const Scope scope = ScopeOf(ev, seg, anchor.sentence);
      const Scope para = ParagraphOf(seg, anchor.sentence);
      bool missing = false;
      for (const auto& cat : ev.require) {
        if (Gather(rules, hits, cat, scope, para, anchor.sentence, false).empty()) missing = true;
      }
      if (missing) continue;
      Event event;
      event.action = anchor.value;
      event.rule = rules[anchor.rule].id;
      event.sentence = std::string(sentence);
      event.start = s.start;
      event.end = s.end;
      const Scope whole{0, seg.sentences.empty() ? 0 : seg.sentences.size() - 1};
      for (const auto& cat : ev.attach) {
        auto found = Gather(rules, hits, cat, scope, para, anchor.sentence, ev.fallback_paragraph);
        if (found.empty() &&
            std::find(ev.fallback_document.begin(), ev.fallback_document.end(), cat) != ev.fallback_document.end()) {
          found = Gather(rules, hits, cat, scope, whole, anchor.sentence, true);
        }
        if (cat == "mineral") {
          for (const Hit* h : found) event.items.push_back(h->value);
        } else if (cat == "duration") {
          if (const Hit* d = PickDuration(found)) {
            event.duration_text = std::string(text.substr(d->start, d->end - d->start));
            if (!d->value.empty()) event.duration_days = std::atoi(d->value.c_str());
          }
        } else if (cat == "actor") {
          if (const Hit* a = PickActor(found, anchor)) event.actor = a->value;
        }
      }
      std::sort(event.items.begin(), event.items.end());
      event.items.erase(std::unique(event.items.begin(), event.items.end()), event.items.end());
      seen.insert({anchor.sentence, anchor.value});
      out.push_back(std::move(event));
      if (out.size() >= limits::kMaxEventsPerDocument) return out;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.start < b.start; });
  return out;
}

}  // namespace ecwatch::rules_internal
