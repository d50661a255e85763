// Term lists: spellings -> RE2 alternations (words, acronyms, CJK, symbols).
// Tested by rule_file_test.cc and matcher_test.cc.
#include "rules/term_list.h"

#include <algorithm>
#include <string_view>

#include "rules/rule.h"

namespace ecwatch::rules_internal {
namespace {

// One character class (not an alternation), so that RE2's prefilter keeps
// the words on either side as atoms.

bool IsCjkTerm(const std::string& term) {
  return std::any_of(term.begin(), term.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) &&
         std::none_of(term.begin(), term.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

// Escapes a literal term; whitespace and hyphens match any run of them.
std::string TermRegex(const std::string& term) {
  std::string out;
  bool in_sep = false;
  for (char c : term) {
    if (c == ' ' || c == '-') {
      if (!in_sep) out += kTermWordSeparator;
      in_sep = true;
      continue;
    }
    in_sep = false;
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Alternation of the terms; with bounds, \b wherever a term starts or ends
// with a word character (so "U.S." works).
std::string Alternation(std::vector<std::string> terms, bool bounds) {
  // Longest first: RE2 alternation is leftmost-first, so "rare earth elements"
  // must be tried before "rare earth".
  std::stable_sort(terms.begin(), terms.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += '|';
    const bool b1 = bounds && IsWordByte(t.front()), b2 = bounds && IsWordByte(t.back());
    out += (b1 ? "\\b" : "") + TermRegex(t) + (b2 ? "\\b" : "");
  }
  return out;
}

std::size_t LongestAlnumRun(const std::string& t) {
  std::size_t best = 0, run = 0;
  for (char c : t) {
    run = IsWordByte(c) ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// Alternation of the terms for which keep() holds; "" when none. The
// required literal of each picked term is appended to *literals.
template <typename Keep>
std::string AlternationIf(const std::vector<std::string>& terms, bool bounds, Keep keep,
                          std::vector<std::string>* literals) {
  std::vector<std::string> picked;
  for (const auto& t : terms) {
    if (!keep(t)) continue;
    picked.push_back(t);
    literals->push_back(RequiredLiteral(t));
  }
  return picked.empty() ? "" : "(?:" + Alternation(picked, bounds) + ")";
}

}  // namespace

std::string RequiredLiteral(const std::string& term) {
  std::string best, run;
  for (char c : term + ' ') {
    if (c != ' ' && c != '-') {
      run += c;
      continue;
    }
    if (run.size() > best.size()) best = run;
    run.clear();
  }
  return best;
}

bool IsSymbolTerm(const std::string& term) {
  if (term.empty() || term.size() > 2) return false;
  if (term[0] < 'A' || term[0] > 'Z') return false;
  return term.size() == 1 || (term[1] >= 'a' && term[1] <= 'z');
}

bool IsAcronymTerm(const std::string& term) {
  if (term.size() < 2 || IsSymbolTerm(term)) return false;
  bool upper = false;
  for (char c : term) {
    if (c >= 'a' && c <= 'z') return false;
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return upper;
}

TermPatterns CompileTerms(const std::vector<std::string>& terms, bool symbols) {
  std::vector<std::string> words, cjk, syms, acronyms;
  for (const auto& t : terms) {
    if (IsSymbolTerm(t)) {
      if (symbols) syms.push_back(t);
    } else if (IsAcronymTerm(t)) {
      acronyms.push_back(t);
    } else if (IsCjkTerm(t)) {
      cjk.push_back(t);
    } else if (LongestAlnumRun(t) < 3) {
      acronyms.push_back(t);  // "Nd-Fe-B": no prefilter atom; matched exactly
    } else {
      words.push_back(t);
    }
  }
  TermPatterns out;
  // No capturing groups: the whole match is the term, so the matcher needs
  // no submatch pass.
  if (!words.empty()) out.words = "(?i)(?:" + Alternation(words, true) + ")";
  out.word_literals = words;
  const auto non_ascii = [](const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  };
  if (std::any_of(words.begin(), words.end(), non_ascii)) out.word_literals.clear();
  // Terms too short for the prefilter's atoms (two-letter acronyms, one
  // CJK character) go to patterns of their own, so the others stay
  // filterable.
  auto is_long = [](const std::string& t) { return LongestAlnumRun(t) >= 3; };
  auto is_short = [&](const std::string& t) { return !is_long(t); };
  out.acronyms = AlternationIf(acronyms, true, is_long, &out.acronym_literals);
  out.short_terms = AlternationIf(acronyms, true, is_short, &out.short_literals);
  std::vector<std::string> unused;
  out.cjk = AlternationIf(cjk, false, [](const std::string& t) { return t.size() > 3; }, &unused);
  out.cjk_short = AlternationIf(cjk, false, [](const std::string& t) { return t.size() <= 3; },
                                &out.cjk_short_literals);
  // A symbol may be followed by a digit ("Dy2O3", dropped from the match by
  // the matcher) but not by a letter.
  if (!syms.empty()) {
    out.symbols = "\\b(?:" + Alternation(syms, false) + ")(?:\\b|[0-9])";
    out.symbol_literals = syms;
  }
  return out;
}

std::string FoldTerm(std::string_view text) {
  std::string out;
  FoldTermInto(text, &out);
  return out;
}

void FoldTermInto(std::string_view text, std::string* out) {
  out->clear();
  bool sep = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // U+2010..U+2014 (hyphens and dashes) are E2 80 90..94.
    bool dash = c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
                static_cast<unsigned char>(text[i + 2]) <= 0x94;
    if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r' || dash) {
      if (dash) i += 2;
      sep = true;
      continue;
    }
    if (sep && !out->empty()) *out += ' ';
    sep = false;
    *out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
}

}  // namespace ecwatch::rules_internal
