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

#include <cstdint>
#include <deque>
#include <string>

#include "store/statement_cache.h"
#include "store/store.h"

namespace ecwatch::store_internal {

class NearDuplicateFinder {
 public:
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

 private:
  struct Entry {
    int64_t id;
    int64_t fetched_at;
    uint64_t simhash;
  };
  // Appends the fingerprinted rows with id > max_id_ and drops those no
  // longer among the newest kMaxNearDuplicateCandidates ids.
  void Refresh(StatementCache& statements);

  std::deque<Entry> recent_;  // ascending id
  int64_t max_id_ = 0;
};

}  // namespace ecwatch::store_internal

#endif  // ECWATCH_STORE_NEAR_DUPLICATES_H_
