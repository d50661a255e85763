// NearDuplicateFinder: recent SimHashes in memory, candidates confirmed by
// their stored text. Tested through PutDocument by
// tests/store/store_near_duplicate_test.cc.
#include "store/near_duplicates.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <vector>

#include "base/limits.h"
#include "extract/simhash.h"

namespace ecwatch::store_internal {

void NearDuplicateFinder::Refresh(StatementCache& statements) {
  // Ids above max_id_ among the newest N: one bounded read even on a large
  // database whose older rows have no fingerprint.
  auto added = statements.Get(
      "SELECT id, fetched_at, simhash FROM documents WHERE id > "
      "max(?1, (SELECT ifnull(max(id), 0) FROM documents) - ?2) AND simhash != 0 ORDER BY id");
  added->bind(1, max_id_);
  added->bind(2, limits::kMaxNearDuplicateCandidates);
  while (added->executeStep()) {
    recent_.push_back({added->getColumn(0).getInt64(), added->getColumn(1).getInt64(),
                       static_cast<uint64_t>(added->getColumn(2).getInt64())});
  }
  if (!recent_.empty()) max_id_ = std::max(max_id_, recent_.back().id);
  while (!recent_.empty() && recent_.front().id <= max_id_ - limits::kMaxNearDuplicateCandidates) {
    recent_.pop_front();
  }
}

int64_t NearDuplicateFinder::Find(StatementCache& statements, const std::string& text,
                                  const TextKeys& keys, int64_t fetched_at) {
  if (keys.simhash == 0) return 0;
  Refresh(statements);
  const int64_t since = fetched_at - static_cast<int64_t>(limits::kNearDuplicateWindowSeconds);
  // SimHash only proposes, the texts decide; recent_ is in id order, so the
  // earliest candidates are read first. The text of a candidate is read
  // (CASE) only when it is not this text (same hash) and its comparison
  // with this text is not cached (Confirm reads it again with ?3 = 0).
  auto read = statements.Get(
      "SELECT content_hash = ?2, ifnull(duplicate_of, 0), content_hash, "
      "CASE WHEN content_hash = ?2 OR ?3 THEN '' ELSE text END FROM documents WHERE id = ?1");
  std::vector<uint64_t> shingles;  // of text, computed at the first text compared
  int checks = 0;
  for (const Entry& e : recent_) {
    if (e.fetched_at < since || !SimHashClose(keys.simhash, e.simhash)) continue;
    if (++checks > limits::kMaxNearDuplicateChecks) break;
    read->reset();
    read->bind(1, e.id);
    read->bind(2, keys.content_hash);
    read->bind(3, 1);  // first without the text
    if (!read->executeStep()) continue;  // deleted since it was cached
    if (Confirm(*read, e.id, text, keys, &shingles)) {
      const int64_t root = read->getColumn(1).getInt64();
      return root != 0 ? root : e.id;
    }
  }
  return 0;
}

bool NearDuplicateFinder::Confirm(SQLite::Statement& read, int64_t id, const std::string& text,
                                  const TextKeys& keys, std::vector<uint64_t>* shingles) {
  if (read.getColumn(0).getInt() != 0) return true;  // the same text
  std::string pair = keys.content_hash + read.getColumn(2).getString();
  if (auto known = pairs_.find(pair); known != pairs_.end()) return known->second;
  read.reset();
  read.bind(1, id);
  read.bind(2, keys.content_hash);
  read.bind(3, 0);  // now with the text
  if (!read.executeStep()) return false;
  if (shingles->empty()) *shingles = Shingles(text);
  const bool confirmed = ShingleContainment(*shingles, Shingles(read.getColumn(3).getString())) >=
                         kNearDuplicateMinContainment;
  if (max_pairs_ > 0) {
    if (pairs_.size() >= max_pairs_) pairs_.clear();
    pairs_.emplace(std::move(pair), confirmed);
  }
  return confirmed;
}

}  // namespace ecwatch::store_internal
