// NearDuplicateFinder: PutDocument's near-duplicate lookup (the contract is
// on Store::PutDocument in store/store.h), with the SimHashes of the newest
// documents kept in memory (internal to store/).
//
// documents.simhash is stored after the text column, so reading it from
// thousands of rows walks each text's overflow pages: measured 75 ms per
// insert with 5000 candidates of corpus articles. The finder reads each row's
// SimHash once, then only the rows added since (by any connection).
// Not thread-safe: one per SqliteStore, used inside its write transaction.
#ifndef ECWATCH_STORE_NEAR_DUPLICATES_H_
#define ECWATCH_STORE_NEAR_DUPLICATES_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/limits.h"
#include "store/statement_cache.h"
#include "store/store.h"

namespace ecwatch::store_internal {

class NearDuplicateFinder {
 public:
  // max_pairs: comparison outcomes remembered (see cached_pairs).
  explicit NearDuplicateFinder(std::size_t max_pairs = limits::kMaxNearDuplicatePairsCached)
      : max_pairs_(max_pairs) {}

  // The first document of the near-duplicate cluster of a new text (fetched
  // at fetched_at, fingerprint simhash), or 0: candidates are the documents
  // among the newest limits::kMaxNearDuplicateCandidates (by id) fetched no
  // earlier than fetched_at - limits::kNearDuplicateWindowSeconds whose
  // SimHash is close (SimHashClose); the earliest confirmed by its text
  // (ShingleContainment, at most limits::kMaxNearDuplicateChecks read; a
  // candidate with the same content hash is the same text, confirmed without
  // reading it) wins, and its duplicate_of is returned if set, else its id.
  // keys are the new text's (TextKeysOf). Call within the transaction that
  // inserts the new row, before inserting it. Throws on SQL errors.
  int64_t Find(StatementCache& statements, const std::string& text, const TextKeys& keys,
               int64_t fetched_at);

  // Forgets the cached fingerprints: call when a transaction in which Find
  // ran is rolled back (the rows it cached may be gone, their ids reused).
  void Reset() {
    recent_.clear();
    max_id_ = 0;
  }

  // Outcomes of text comparisons kept, keyed by the two texts' content
  // hashes (an outcome depends on the two texts only, so it stays true);
  // at most max_pairs: beyond it they are all forgotten at once. One story
  // syndicated N times is otherwise compared N times with each candidate.
  std::size_t cached_pairs() const { return pairs_.size(); }

 private:
  struct Entry {
    int64_t id;
    int64_t fetched_at;
    uint64_t simhash;
  };
  // Whether candidate row `id` (read by `read`, positioned on it without
  // its text) is a near-duplicate of text, whose shingles are computed into
  // *shingles on first use. A comparison of two distinct texts is looked up
  // in pairs_, else made (reading the text) and added. On true, `read` is
  // positioned on the row.
  bool Confirm(SQLite::Statement& read, int64_t id, const std::string& text,
               const TextKeys& keys, std::vector<uint64_t>* shingles);
  // Appends the fingerprinted rows with id > max_id_ and drops those no
  // longer among the newest kMaxNearDuplicateCandidates ids.
  void Refresh(StatementCache& statements);

  std::deque<Entry> recent_;  // ascending id
  int64_t max_id_ = 0;
  std::size_t max_pairs_;
  std::unordered_map<std::string, bool> pairs_;  // new hash + candidate hash -> confirmed
};

}  // namespace ecwatch::store_internal

#endif  // ECWATCH_STORE_NEAR_DUPLICATES_H_
