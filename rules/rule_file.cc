// ParseRuleFile: TOML rule files into Rule/EventRule values, with positions.
// Tested by rule_file_test.cc.
#include "rules/rule_file.h"

#include <algorithm>
#include <cstdint>

#include "base/limits.h"
#include "base/toml.h"
#include "rules/term_list.h"

namespace ecwatch::rules_internal {
namespace {

// A chemical symbol counts only in a sentence that talks chemistry.
constexpr const char* kDefaultSymbolContext =
    "(?i:\\b(?:oxides?|alloys?|metals?|elements?|magnets?|compounds?|isotopes?|ores?|carbonates?|"
    "hydroxides?|chlorides?|sulphates?|sulfates?|nitrides?|arsenides?|periodic|chemical|rare earths?)\\b)";

// Collects errors for one file, prefixed by the value's position.
class Reporter {
 public:
  Reporter(const std::string& file, std::vector<std::string>* errors)
      : file_(file), errors_(errors) {}
  void Error(const TomlValue& at, const std::string& what) {
    errors_->push_back(TomlWhere(file_, at) + what);
  }
  void ErrorAt(const Place& at, const std::string& what) { errors_->push_back(at.ToString() + ": " + what); }
  Place PlaceOf(const TomlValue& v) const { return Place{file_, v.line, v.column}; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<std::string>* errors_;
};


const TomlValue* Typed(Reporter* r, const TomlValue& table, const char* key,
                       TomlValue::Type type, const char* type_name) {
  const TomlValue* v = table.Find(key);
  if (v && v->type != type) {
    r->Error(*v, std::string("'") + key + "' must be a " + type_name + ", not " + v->TypeName());
    return nullptr;
  }
  return v;
}

std::string GetString(Reporter* r, const TomlValue& t, const char* key, std::string def = "") {
  const TomlValue* v = Typed(r, t, key, TomlValue::Type::kString, "string");
  return v ? v->str : def;
}

bool GetBool(Reporter* r, const TomlValue& t, const char* key, bool def) {
  const TomlValue* v = Typed(r, t, key, TomlValue::Type::kBool, "boolean");
  return v ? v->boolean : def;
}

// A string or an array of strings; positions go to *places when given.
std::vector<std::string> GetStrings(Reporter* r, const TomlValue& t, const char* key,
                                    std::vector<Place>* places = nullptr) {
  std::vector<std::string> out;
  const TomlValue* v = t.Find(key);
  if (!v) return out;
  if (v->is_string()) {
    out.push_back(v->str);
    if (places) places->push_back(r->PlaceOf(*v));
    return out;
  }
  if (!v->is_array()) {
    r->Error(*v, std::string("'") + key + "' must be a string or an array of strings");
    return out;
  }
  for (const auto& e : v->array) {
    if (!e.is_string()) {
      r->Error(e, std::string("'") + key + "' entries must be strings");
      continue;
    }
    out.push_back(e.str);
    if (places) places->push_back(r->PlaceOf(e));
  }
  return out;
}

void CheckKeys(Reporter* r, const TomlValue& t, std::initializer_list<std::string_view> known) {
  for (const auto& [k, v] : t.table) {
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      r->Error(v, "unknown key '" + k + "'");
    }
  }
}

std::vector<Example> GetExamples(Reporter* r, const TomlValue& t, const char* key) {
  std::vector<Example> out;
  const TomlValue* v = t.Find(key);
  if (!v) return out;
  if (!v->is_array()) {
    r->Error(*v, std::string("'") + key + "' must be an array");
    return out;
  }
  for (const auto& e : v->array) {
    Example ex;
    ex.place = r->PlaceOf(e);
    if (e.is_string()) {
      ex.text = e.str;
    } else if (e.is_table()) {
      CheckKeys(r, e, {"text", "value", "published"});
      ex.text = GetString(r, e, "text");
      ex.value = GetString(r, e, "value");
      ex.published = GetString(r, e, "published");
      if (ex.text.empty()) r->Error(e, std::string("an entry of '") + key + "' needs a text");
    } else {
      r->Error(e, std::string("'") + key + "' entries must be strings or tables");
      continue;
    }
    out.push_back(std::move(ex));
  }
  return out;
}

bool ParseCommon(Reporter* r, const std::string& set, const TomlValue& t, Rule* rule) {
  rule->place = r->PlaceOf(t);
  std::string id = GetString(r, t, "id");
  if (id.empty()) {
    r->Error(t, "a rule needs an 'id'");
    return false;
  }
  rule->id = set + "/" + id;
  rule->category = GetString(r, t, "category");
  if (!IsKnownCategory(rule->category)) {
    const TomlValue* c = t.Find("category");
    r->Error(c ? *c : t, "unknown category '" + rule->category + "' in rule '" + id + "'");
    return false;
  }
  rule->severity = GetString(r, t, "severity", "info");
  rule->description = GetString(r, t, "description");
  rule->owner = GetString(r, t, "owner");
  rule->enabled = GetBool(r, t, "enabled", true);
  rule->excludes = GetStrings(r, t, "exclude");  // ${define}s expanded by the caller
  rule->context = GetString(r, t, "context");
  rule->examples = GetExamples(r, t, "examples");
  rule->counterexamples = GetExamples(r, t, "counterexamples");
  return true;
}

using Defines = std::vector<std::pair<std::string, std::string>>;
constexpr int kMaxDefineDepth = 8;

// The expansion of one pattern. It stops at its first error (an unknown
// define, a cycle) or once the text passes limits::kMaxPatternBytes, so
// that neither a define that uses itself nor defines that repeat each other
// (each level multiplying the size) cost more than that cap in time and
// memory.
struct Expansion {
  Reporter* r;
  const Place& at;
  const Defines& defs;
  bool stopped = false;

  bool Stop(const std::string& why) {
    r->ErrorAt(at, why);
    stopped = true;
    return false;
  }
  // False (and an error at `at`) once *out is over the cap.
  bool Fits(const std::string& out) {
    return out.size() <= limits::kMaxPatternBytes ||
           Stop("pattern longer than limits::kMaxPatternBytes once defines are expanded");
  }
};

// Replaces every ${name} of a [defines] entry (defines may use defines, in
// any order); an unknown name, a cycle or an expansion over the cap is an
// error at x->at.
std::string Expand(Expansion* x, const std::string& pattern, int depth = 0) {
  if (depth > kMaxDefineDepth) {
    x->Stop("defines nested deeper than " + std::to_string(kMaxDefineDepth) + " (a cycle?)");
    return "";
  }
  std::string out;
  std::size_t pos = 0;
  while (!x->stopped) {
    std::size_t b = pattern.find("${", pos);
    std::size_t e = b == std::string::npos ? b : pattern.find('}', b);
    if (e == std::string::npos) break;
    const std::string name = pattern.substr(b + 2, e - b - 2);
    const auto& defs = x->defs;
    auto it = std::find_if(defs.begin(), defs.end(), [&](const auto& d) { return d.first == name; });
    out += pattern.substr(pos, b - pos);
    if (it == defs.end()) {
      x->Stop("unknown define '${" + name + "}'");
      return "";
    }
    out += "(?:" + Expand(x, it->second, depth + 1) + ")";
    pos = e + 1;
    if (!x->Fits(out)) return "";
  }
  if (x->stopped) return "";
  out += pattern.substr(pos);
  return x->Fits(out) ? out : "";
}

Defines ParseDefines(Reporter* r, const TomlValue& root) {
  Defines defs;
  const TomlValue* d = Typed(r, root, "defines", TomlValue::Type::kTable, "table");
  if (!d) return defs;
  for (const auto& [k, v] : d->table) {
    if (!v.is_string()) {
      r->Error(v, "define '" + k + "' must be a string");
      continue;
    }
    defs.emplace_back(k, v.str);
  }
  return defs;
}

void ParsePatternRule(Reporter* r, const std::string& set, const TomlValue& t, const Defines& defs,
                      RuleFile* out) {
  CheckKeys(r, t, {"id", "category", "patterns", "pattern", "value", "normalize", "case_sensitive",
                   "exclude", "context", "severity", "description", "owner", "enabled",
                   "examples", "counterexamples"});
  Rule rule;
  if (!ParseCommon(r, set, t, &rule)) return;
  std::vector<Place> places;
  std::vector<std::string> pats = GetStrings(r, t, "patterns", &places);
  for (auto& p : GetStrings(r, t, "pattern", &places)) pats.push_back(p);
  if (pats.empty()) {
    r->Error(t, "rule '" + rule.id + "' has no 'patterns'");
    return;
  }
  const bool case_sensitive = GetBool(r, t, "case_sensitive", false);
  for (size_t i = 0; i < pats.size(); ++i) {
    if (pats[i].size() > limits::kMaxPatternBytes) {
      r->ErrorAt(places[i], "pattern longer than limits::kMaxPatternBytes");
      continue;
    }
    Expansion x{r, places[i], defs};
    const std::string expanded = Expand(&x, pats[i]);
    if (x.stopped) continue;
    rule.patterns.push_back(case_sensitive ? expanded : "(?i)" + expanded);
    rule.pattern_places.push_back(places[i]);
  }
  rule.value = GetString(r, t, "value");
  rule.normalizer = GetString(r, t, "normalize");
  static const std::vector<std::string> kNormalizers = {"", "number", "duration", "date", "lower"};
  if (std::find(kNormalizers.begin(), kNormalizers.end(), rule.normalizer) == kNormalizers.end()) {
    r->Error(*t.Find("normalize"), "unknown normalizer '" + rule.normalizer +
                                       "' (number, duration, date, lower)");
    return;
  }
  out->rules.push_back(std::move(rule));
}

void ParseTermList(Reporter* r, const std::string& set, const TomlValue& t, RuleFile* out) {
  CheckKeys(r, t, {"id", "category", "values", "symbols", "symbol_context", "exclude", "context",
                   "severity", "description", "owner", "enabled", "examples", "counterexamples"});
  Rule rule;
  if (!ParseCommon(r, set, t, &rule)) return;
  const TomlValue* values = Typed(r, t, "values", TomlValue::Type::kTable, "table");
  if (!values || values->table.empty()) {
    r->Error(t, "term list '" + rule.id + "' needs a non-empty [values] table");
    return;
  }
  const bool symbols = GetBool(r, t, "symbols", false);
  std::vector<std::string> terms;
  for (const auto& [canonical, syn] : values->table) {
    std::vector<std::string> spellings = {canonical};
    if (syn.is_array() || syn.is_string()) {
      TomlValue holder;
      holder.table.emplace_back("v", syn);
      for (auto& s : GetStrings(r, holder, "v")) spellings.push_back(s);
    } else {
      r->Error(syn, "term '" + canonical + "' must list its spellings as an array of strings");
    }
    for (const auto& s : spellings) {
      const bool symbol = IsSymbolTerm(s);
      if (symbol && !symbols) continue;
      rule.lookup[symbol || IsAcronymTerm(s) ? s : FoldTerm(s)] = canonical;
      terms.push_back(s);
    }
  }
  TermPatterns tp = CompileTerms(terms, symbols);
  Place place = rule.place;
  auto add = [&rule](const std::string& pattern, const std::vector<std::string>& literals, bool words = false) {
    rule.patterns.push_back(pattern);
    rule.pattern_literals.push_back({literals, words});
  };
  if (!tp.words.empty()) add(tp.words, tp.word_literals, /*words=*/true);
  if (!tp.acronyms.empty()) add(tp.acronyms, tp.acronym_literals);
  if (!tp.short_terms.empty()) add(tp.short_terms, tp.short_literals);
  if (!tp.cjk_short.empty()) {
    rule.non_ascii_pattern = static_cast<int>(rule.patterns.size());
    add(tp.cjk_short, tp.cjk_short_literals);
  }
  if (!tp.cjk.empty()) add(tp.cjk, {});
  if (!tp.symbols.empty()) {
    rule.symbol_pattern = static_cast<int>(rule.patterns.size());
    add(tp.symbols, tp.symbol_literals);
    rule.context = GetString(r, t, "symbol_context", kDefaultSymbolContext);
  }
  rule.pattern_places.assign(rule.patterns.size(), place);
  out->rules.push_back(std::move(rule));
}

int ParseScope(Reporter* r, const TomlValue& t, EventRule* ev) {
  const TomlValue* s = t.Find("scope");
  if (!s) return 0;
  if (s->type == TomlValue::Type::kInteger && s->integer >= 0 && s->integer <= 20) {
    return static_cast<int>(s->integer);
  }
  if (s->is_string() && s->str == "sentence") return 0;
  if (s->is_string() && s->str == "paragraph") {
    ev->scope_paragraph = true;
    return 0;
  }
  r->Error(*s, "'scope' must be \"sentence\", \"paragraph\" or a number of sentences 0..20");
  return 0;
}

void ParseEventRule(Reporter* r, const std::string& set, const TomlValue& t, RuleFile* out) {
  CheckKeys(r, t, {"id", "anchor", "require", "attach", "scope", "fallback", "unless", "unless_past_year", "fallback_document",
                   "description", "owner"});
  EventRule ev;
  ev.place = r->PlaceOf(t);
  ev.id = set + "/" + GetString(r, t, "id", "event");
  ev.anchor = GetString(r, t, "anchor", "action");
  ev.require = GetStrings(r, t, "require");
  ev.attach = GetStrings(r, t, "attach");
  for (const auto* list : {&ev.require, &ev.attach}) {
    for (const auto& c : *list) {
      if (!IsKnownCategory(c)) r->Error(t, "unknown category '" + c + "' in event '" + ev.id + "'");
    }
  }
  if (!IsKnownCategory(ev.anchor)) r->Error(t, "unknown category '" + ev.anchor + "'");
  ev.scope_sentences = ParseScope(r, t, &ev);
  const std::string fallback = GetString(r, t, "fallback", "paragraph");
  if (fallback != "paragraph" && fallback != "none") {
    r->Error(*t.Find("fallback"), "'fallback' must be \"paragraph\" or \"none\"");
  }
  ev.fallback_paragraph = fallback == "paragraph";
  ev.fallback_document = GetStrings(r, t, "fallback_document");
  ev.unless = GetStrings(r, t, "unless", &ev.unless_places);
  ev.unless_past_years = GetBool(r, t, "unless_past_year", false);
  for (auto& u : ev.unless) u = "(?i)" + u;
  out->events.push_back(std::move(ev));
}

template <typename Fn>
void ForEachTable(Reporter* r, const TomlValue& doc, const char* key, Fn fn) {
  const TomlValue* v = doc.Find(key);
  if (!v) return;
  if (!v->is_array()) {
    r->Error(*v, std::string("'") + key + "' must be an array of tables ([[" + key + "]])");
    return;
  }
  for (const auto& e : v->array) {
    if (!e.is_table()) {
      r->Error(e, std::string("entries of '") + key + "' must be tables");
      continue;
    }
    fn(e);
  }
}

// "rules/sets/minerals.toml" -> "minerals".
std::string SetNameFromFile(const std::string& name) {
  std::string base = name.substr(name.find_last_of('/') + 1);
  return base.substr(0, base.rfind(".toml"));
}

}  // namespace


RuleFile ParseRuleFile(const std::string& name, std::string_view text,
                       std::vector<std::string>* errors) {
  RuleFile out;
  out.name = name;
  Result<TomlValue> doc = ParseToml(name, text, limits::kMaxRuleFileBytes);
  if (!doc.ok()) {
    errors->push_back(doc.status().message());
    return out;
  }
  Reporter r(name, errors);
  const TomlValue& root = doc.value();
  CheckKeys(&r, root, {"set", "defines", "rule", "terms", "event"});
  const Defines defs = ParseDefines(&r, root);
  std::string set = SetNameFromFile(name);
  if (const TomlValue* s = Typed(&r, root, "set", TomlValue::Type::kTable, "table")) {
    CheckKeys(&r, *s, {"name", "description", "owner", "version"});
    set = GetString(&r, *s, "name", set);
  }
  ForEachTable(&r, root, "terms", [&](const TomlValue& t) { ParseTermList(&r, set, t, &out); });
  ForEachTable(&r, root, "rule", [&](const TomlValue& t) { ParsePatternRule(&r, set, t, defs, &out); });
  ForEachTable(&r, root, "event", [&](const TomlValue& t) { ParseEventRule(&r, set, t, &out); });
  return out;
}

std::string Place::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const std::vector<std::string>& KnownCategories() {
  static const std::vector<std::string> kCategories = {
      "mineral", "action", "duration", "actor", "instrument", "goods", "date", "negation"};
  return kCategories;
}

bool IsKnownCategory(const std::string& category) {
  const auto& k = KnownCategories();
  return std::find(k.begin(), k.end(), category) != k.end();
}


}  // namespace ecwatch::rules_internal
