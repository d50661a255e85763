// SimHash: a 64-bit fingerprint of an article's text for near-duplicate
// detection (one wire story syndicated by many sites), and the distance
// between two fingerprints. Pure functions, thread-safe.
//
// Tokens: runs of letters/digits, lower-cased (ASCII, Latin-1, Latin
// Extended-A, Greek, Cyrillic; full-width ASCII folded to ASCII); each CJK
// ideograph or kana is a token of its own (Chinese and Japanese have no
// spaces; Hangul words are space-separated runs). Punctuation, symbols, spaces and invalid
// UTF-8 separate tokens. Shingles: kSimHashShingleTokens consecutive tokens.
// Each shingle is hashed to 64 bits and votes +1/-1 on every bit; a bit of the
// fingerprint is set when its votes are positive (Charikar 2002).
#ifndef ECWATCH_EXTRACT_SIMHASH_H_
#define ECWATCH_EXTRACT_SIMHASH_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace ecwatch {

// Tokens per shingle.
inline constexpr int kSimHashShingleTokens = 3;
// A text with fewer shingles than this is too short to fingerprint.
inline constexpr int kSimHashMinShingles = 16;
// Near-duplicates are decided in two steps. (1) Fingerprints at most
// kSimHashMaxBits apart make a candidate pair: cheap, compared over many
// stored documents. (2) The candidate is confirmed when at least
// kNearDuplicateMinContainment of the shingles of the shorter text occur in
// the other (containment, so added boilerplate or a dropped paragraph on one
// side does not count against it). Both chosen by measurement on the shared
// extraction corpus (tests/extract/simhash_test.cc; store/SCHEMA.md
// "Near-duplicates").
inline constexpr int kSimHashMaxBits = 20;
inline constexpr double kNearDuplicateMinContainment = 0.5;

// The fingerprint of the first limits::kMaxSimHashTextBytes bytes of text
// (cut back to a UTF-8 character boundary). Returns 0 -- "no fingerprint",
// never a near-duplicate of anything -- when the text has fewer than
// kSimHashMinShingles shingles. Same text, same value, on every platform.
uint64_t SimHash(std::string_view text);

// The number of differing bits (0..64).
int HammingDistance(uint64_t a, uint64_t b);

// Step 1: both fingerprints are non-zero and at most kSimHashMaxBits apart.
bool SimHashClose(uint64_t a, uint64_t b);

// Step 2's measure: distinct shingles common to a and b divided by the
// distinct shingles of the one with fewer (0..1; 0 when either has none).
// Reads at most limits::kMaxSimHashTextBytes of each.
double ShingleContainment(std::string_view a, std::string_view b);

// The distinct shingle hashes of (the first limits::kMaxSimHashTextBytes
// of) text, sorted: to compare one text with many, compute its set once.
std::vector<uint64_t> Shingles(std::string_view text);
// ShingleContainment of two texts given their Shingles.
double ShingleContainment(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Both steps: SimHashClose(SimHash(a), SimHash(b)) and
// ShingleContainment(a, b) >= kNearDuplicateMinContainment.
bool IsNearDuplicate(std::string_view a, std::string_view b);

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_SIMHASH_H_
