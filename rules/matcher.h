// Matcher: compiled rules; finds hits with one prefilter pass per document.
//
// Internal to rules/. Compile() checks every pattern; FindAll() scans the
// text once with an AtomScanner (the literal atoms of every pattern, from
// RE2's FilteredRE2) and evaluates each pattern's atom formula per sentence
// (SetIndex) to learn which rules can match there, then runs only those
// rules' RE2s over only that sentence to get spans, and captures only on a
// span; a pattern that is a literal alternation (a term list's) is matched
// without RE2 (rules/literal_alternation.h), with the same results.
// Immutable after Compile(): safe for concurrent use.
#ifndef ECWATCH_RULES_MATCHER_H_
#define ECWATCH_RULES_MATCHER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/rule.h"
#include "rules/set_index.h"
#include "rules/text_split.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ecwatch::rules_internal {

// One accepted rule hit, offsets into the scanned text.
struct Hit {
  std::size_t rule = 0;      // index into Matcher::rules()
  std::size_t sentence = 0;  // index into the Segments passed to FindAll
  std::size_t start = 0;
  std::size_t end = 0;
  std::string value;         // canonical / normalised value ("" when not computable)
  std::vector<std::pair<std::string, std::string>> fields;  // other named captures
};

class Matcher {
 public:
  // Compiles rules (disabled ones too, so that `rules check` sees them, but
  // they never match). A rule with a bad pattern appends "file:line:col:
  // rule 'id': RE2 error" to *errors and is left out, so that the examples
  // of the others can still run; callers must treat any error as fatal.
  // nullptr only when the RE2::Set itself fails to compile.
  static std::unique_ptr<Matcher> Compile(std::vector<Rule> rules, std::vector<std::string>* errors);

  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // All hits of enabled rules in text, in text order; overlapping hits of
  // one category keep the longest. At most limits::kMaxMatchesPerDocument.
  std::vector<Hit> FindAll(std::string_view text, const Segments& segments,
                           std::string_view published) const;

  // Hits of rule alone in text treated as one sentence (for examples).
  std::vector<Hit> FindRule(std::size_t rule, std::string_view text,
                            std::string_view published) const;

  const std::vector<Rule>& rules() const { return rules_; }

 private:
  struct Compiled;
  struct TextHits;
  Matcher();
  using Candidates = std::vector<std::pair<std::size_t, std::size_t>>;
  static std::unique_ptr<Compiled> CompileRule(const Rule& rule, std::vector<std::string>* errors);
  using StartRange = SetIndex::StartRange;
  // Runs the candidate (rule, pattern) pairs, sorted by rule, over one
  // sentence (the matches of candidates[k] start within (*starts)[k], when
  // given) and applies each rule's excludes (those listed in *excludes as
  // (rule, exclude) pairs, sorted, and those without atoms; all when
  // nullptr); the hits of the patterns in *pre (when given) come from there.
  void FindInSentence(const Candidates& candidates, const std::vector<StartRange>* starts,
                      const Candidates* excludes, std::string_view text, TextSpan sentence,
                      std::size_t sentence_index, std::string_view published, std::vector<Hit>* out,
                      TextHits* pre = nullptr) const;
  static void MergeAlways(const Candidates& patterns, const std::vector<StartRange>& starts,
                          const Candidates& always, Candidates* out, std::vector<StartRange>* out_starts);
  void FindAlways(std::string_view text, const Segments& segments, std::string_view published,
                  TextHits* pre) const;
  void FindPatternInText(std::size_t rule, std::size_t pattern, std::string_view text, const Segments& segments,
                         std::string_view published, std::vector<Hit>* out) const;
  // Searches from pos (from starts.first, when later, in a sentence
  // without U+017F or U+212A: the term bound counts ASCII folding only);
  // *long_s_or_kelvin caches LiteralAlternation::HoldsLongSOrKelvin for the
  // sentence (-1: not computed yet).
  void FindPattern(std::size_t rule, std::size_t pattern, std::string_view text, TextSpan sentence,
                   std::size_t pos, StartRange starts, std::size_t sentence_index, std::string_view published,
                   int* long_s_or_kelvin, std::vector<Hit>* out) const;
  void EmitHit(std::size_t rule, std::size_t pattern, std::string_view text, TextSpan sentence,
               std::size_t sentence_index, std::size_t start, std::size_t end, std::string_view published,
               int* context, std::vector<Hit>* out) const;
  void ApplyExcludes(std::size_t rule, std::string_view text, TextSpan sentence, const Candidates* excludes,
                     std::vector<Hit>* hits) const;

  std::vector<Rule> rules_;
  std::vector<std::unique_ptr<Compiled>> compiled_;
  std::unique_ptr<SetIndex> set_;
};

// Drops, among hits of one category that overlap, all but the earliest
// longest. hits must be sorted by start. Exposed for tests.
void ResolveOverlaps(const std::vector<Rule>& rules, std::vector<Hit>* hits);

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_MATCHER_H_
