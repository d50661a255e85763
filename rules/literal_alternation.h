// LiteralAlternation: an RE2 pattern that is an alternation of literal
// terms, matched without RE2.
//
// Internal to rules/. Term lists compile to patterns of one exact shape
// (rules/term_list.cc): an optional "(?i)", then "(?:A|B|...)" where each
// alternative is "\b", ASCII literal characters (metacharacters escaped with
// a backslash) and runs of the separator class "[\s\x{2010}-\x{2014}-]+"
// between them, and an optional final "\b". Chemical symbols compile to a second
// shape: "\b(?:A|B|...)(?:\b|[0-9])", each alternative ASCII literal
// characters only, where a match ends at a word boundary or takes one digit
// more ("Dy2O3" gives "Dy2"). Parse() recognises exactly these shapes at
// load time and refuses everything else, which stays on RE2.
//
// Find() returns the match RE2::Match(text, pos, end, UNANCHORED) would:
// leftmost-first (at the leftmost start, the first listed alternative that
// matches wins, not the longest), \b as RE2 defines it (ASCII word bytes
// [0-9A-Za-z_], the bytes around [pos, end) in text seen as context), a
// separator run taken whole (a literal never is a separator byte), and
// (?i) folding ASCII letters only. RE2's (?i) also folds 's' with U+017F
// and 'k' with U+212A: Handles() is false for a range holding one of those
// when the pattern folds, and the caller must use RE2 there.
// Plain value, immutable after Parse(); safe for concurrent use.
#ifndef ECWATCH_RULES_LITERAL_ALTERNATION_H_
#define ECWATCH_RULES_LITERAL_ALTERNATION_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecwatch::rules_internal {

class LiteralAlternation {
 public:
  // The alternation pattern stands for; nullopt when pattern is not of the
  // shape above (or an alternative does not start with \b and a word byte).
  static std::optional<LiteralAlternation> Parse(std::string_view pattern);

  // False when RE2 must search text[start, end) instead (see above):
  // !NeedsRangeCheck() || !HoldsLongSOrKelvin(text, start, end).
  bool Handles(std::string_view text, std::size_t start, std::size_t end) const {
    return !NeedsRangeCheck() || !HoldsLongSOrKelvin(text, start, end);
  }
  // Whether Handles depends on the range at all: only a (?i) list with an
  // 's' or a 'k' does.
  bool NeedsRangeCheck() const { return fold_ && folds_s_or_k_; }
  // Whether text[start, end) may hold U+017F or U+212A (the same answer for
  // every list, so a caller with many lists computes it once per range).
  static bool HoldsLongSOrKelvin(std::string_view text, std::size_t start, std::size_t end);

  // The leftmost-first match starting at or after pos and ending at or
  // before end, as [*match_start, *match_end); false when none. Starts
  // after max_start are not tried (the caller knows none can match there;
  // SetIndex's bound); with max_start >= end this is RE2's match. Requires
  // pos <= end <= text.size() and Handles() for the range. Cost: linear in
  // the bytes tried, times the alternatives sharing their first two bytes.
  bool Find(std::string_view text, std::size_t pos, std::size_t end, std::size_t max_start,
            std::size_t* match_start, std::size_t* match_end) const;

  bool folds() const { return fold_; }

 private:
  // What must follow an alternative's last byte: nothing, "\b", or
  // "(?:\b|[0-9])" (a boundary, else one digit, taken into the match).
  enum class End : std::uint8_t { kNone, kBoundary, kBoundaryOrDigit };
  // Byte of an alternative's body standing for one separator run.
  static constexpr char kSeparator = '\0';
  struct Alternative {
    std::string body;  // literal bytes (lower case when folding) and kSeparator
    End end = End::kNone;
    // The body's literal bytes before its first separator, up to 8, as a
    // little-endian word: text bytes b match when (b | fold) & keep == value.
    std::uint64_t value = 0, fold = 0, keep = 0;
    std::size_t head = 0;  // how many bytes value holds
  };
  static void SetHead(bool fold, Alternative* alt);

  void AddPairs(const std::string& body);
  bool PairPossible(std::string_view text, std::size_t s, std::size_t end) const;
  // True (and *match_end) when an alternative matches at the word start s,
  // the first listed one winning.
  bool MatchFrom(std::string_view text, std::size_t s, std::size_t end, std::size_t* match_end) const;
  bool MatchAt(const Alternative& alt, std::string_view text, std::size_t start, std::size_t end,
               std::size_t* match_end) const;

  bool fold_ = false;
  bool folds_s_or_k_ = false;  // some literal is s or k (folded by RE2 with non-ASCII letters)
  std::vector<Alternative> alternatives_;
  // First byte of the text (folded) -> alternatives starting with it, in
  // pattern order: first_[b] .. first_[b + 1] index into by_first_.
  std::array<std::uint32_t, 257> first_{};
  std::vector<std::uint32_t> by_first_;
  // Bit (b1 << 8 | b2): some alternative can match text starting with the
  // bytes b1 b2 (folded); b2 of a one-byte alternative is any byte.
  std::vector<std::uint64_t> pairs_;
  std::array<bool, 256> may_start_{};  // text byte -> some alternative starts with it
};

}  // namespace ecwatch::rules_internal

#endif  // ECWATCH_RULES_LITERAL_ALTERNATION_H_
