// Rule and EventRule: the parsed, not yet compiled form of a rule file.
//
// Internal to rules/: rule_file.cc produces these, matcher.cc compiles them.
// Plain values; thread-compatible.
#ifndef ECWATCH_RULES_RULE_H_
#define ECWATCH_RULES_RULE_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ecwatch::rules_internal {

// Where a value was written: "file:line:col".
struct Place {
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;
};

// A sentence that must (example) or must not (counterexample) match a rule.
struct Example {
  std::string text;
  std::string value;      // expected canonical value; "" = any
  std::string published;  // publication date used for "until <date>"
  Place place;
};

// One matching rule: a pattern rule, or a term list compiled to patterns.
struct Rule {
  std::string id;        // "set/rule"
  std::string category;  // one of KnownCategories()
  // RE2 patterns, ready to compile (flags such as (?i) already prefixed).
  std::vector<std::string> patterns;
  std::vector<Place> pattern_places;
  // Empty, or one entry per pattern: literals of which every match of that
  // pattern contains one (term lists know them; no strings: unknown). The
  // matcher looks for these instead of the atoms RE2 derives, which are
  // lower-case, at least 3 bytes long and may lie inside longer words.
  struct Literals {
    std::vector<std::string> strings;
    // false: compared as written. true: term-list words ("rare earth"):
    // ASCII case-insensitively, each space or hyphen standing for a run of
    // separators (white space, hyphens, U+2010..U+2014), and a term that
    // starts (ends) with a word character [0-9A-Za-z_] must not follow
    // (precede) one: a whole word, as \b sees it.
    bool words = false;
  };
  std::vector<Literals> pattern_literals;
  // A hit inside a match of one of these (same sentence) is dropped.
  std::vector<std::string> excludes;
  // When non-empty, a hit counts only if its sentence matches this pattern;
  // for a term list only hits of its symbol pattern (symbol_pattern) need it.
  std::string context;
  int symbol_pattern = -1;
  // A pattern that can only match non-ASCII text (one-character CJK terms);
  // skipped on ASCII-only sentences.
  int non_ascii_pattern = -1;
  std::string value;       // fixed canonical value ("" = from captures/lookup)
  std::string normalizer;  // "" | "number" | "duration" | "date" | "lower"
  // Term lists: folded surface form -> canonical value (hashed: a hit looks
  // its value up in one step; found by string_view too).
  struct TermHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, TermHash, std::equal_to<>> lookup;
  std::string severity = "info";
  std::string description;
  std::string owner;
  bool enabled = true;
  std::vector<Example> examples;
  std::vector<Example> counterexamples;
  Place place;
};

// How an event is assembled around an anchor finding.
struct EventRule {
  std::string id;
  std::string anchor = "action";       // category that anchors the event
  std::vector<std::string> require;    // categories that must occur in scope
  std::vector<std::string> attach;     // categories attached when found
  int scope_sentences = 0;             // 0 = same sentence; N = +-N sentences
  bool scope_paragraph = false;        // whole paragraph (overrides N)
  bool fallback_paragraph = true;      // attach nearest in paragraph if none in scope
  std::vector<std::string> fallback_document;  // ... then nearest in the document
  std::vector<std::string> unless;     // anchor sentence matches one: no event
  std::vector<Place> unless_places;
  // The anchor sentence names a year before the publication year (history).
  bool unless_past_years = false;
  Place place;
};

struct RuleFile {
  std::string name;
  std::vector<Rule> rules;
  std::vector<EventRule> events;
};

// "mineral", "action", "duration", "actor", "instrument", "goods", "date", "negation".
const std::vector<std::string>& KnownCategories();
bool IsKnownCategory(const std::string& category);

// Folds a surface form for term lookup: lower-case ASCII, runs of spaces,
// hyphens and dashes to one space.
std::string FoldTerm(std::string_view text);
// The same into *out (replaced; its capacity kept for the next call).
void FoldTermInto(std::string_view text, std::string* out);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_RULE_H_
