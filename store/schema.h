// Schema migrations of the ecwatch database (internal to store/).
//
// The schema is versioned by PRAGMA user_version: version N means the first N
// entries of the migration list (store/schema.cc) have been applied. The list
// is append-only; store/SCHEMA.md describes the resulting tables.
#ifndef ECWATCH_STORE_SCHEMA_H_
#define ECWATCH_STORE_SCHEMA_H_

#include <SQLiteCpp/Database.h>

namespace ecwatch::store_internal {

// The version a fully migrated database has (the number of migrations).
int LatestSchemaVersion();

// Applies every migration past the database's user_version, each inside its
// own transaction together with its user_version bump. Throws
// SQLite::Exception on SQL errors and std::runtime_error when the database
// is newer than this binary. Not thread-safe (as the Database).
void MigrateSchema(SQLite::Database& db);

}  // namespace ecwatch::store_internal

#endif  // ECWATCH_STORE_SCHEMA_H_
