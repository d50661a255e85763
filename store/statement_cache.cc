// StatementCache: prepared statements per SQL text, reset after each use.
// Tested by tests/store/statement_cache_test.cc.
#include "store/statement_cache.h"

namespace ecwatch::store_internal {

StatementCache::Use::~Use() {
  statement_->tryReset();  // the error of a failed step was already thrown
  try {
    statement_->clearBindings();
  } catch (const std::exception&) {
    // sqlite3_clear_bindings cannot fail; nothing to report from a destructor
  }
}

StatementCache::Use StatementCache::Get(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  }
  return Use(it->second.get());
}

}  // namespace ecwatch::store_internal
