// Frontier: the crawl's to-do list in the database, so a restart resumes.
//
// One row per URL found by a source (table `frontier`, store/SCHEMA.md):
// 'due' until fetched and stored ('done'), or given up ('failed': a final
// error, or attempts exhausted). A Frontier borrows the connection of a
// SQLite Store (ForStore), like AlertStore, so it works on ":memory:" too;
// each write is its own transaction (or part of the Store's open batch,
// store/store.h BeginBatch), so a SIGKILL leaves every row as it was
// last written. Not thread-safe (as the Store it borrows).
#ifndef ECWATCH_STORE_FRONTIER_H_
#define ECWATCH_STORE_FRONTIER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace ecwatch {

struct FrontierEntry {
  std::string url;
  std::string source;  // config source name that found it
  int attempts = 0;    // fetch attempts made so far
  int64_t next_at = 0; // Unix seconds it is due
};

// One row as stored, for status and tests.
struct FrontierRow {
  FrontierEntry entry;
  std::string state;       // "due", "done" or "failed"
  long last_status = 0;    // HTTP status of the last attempt, 0 none
  std::string last_error;  // "" after a success
};

struct FrontierCounts {
  int64_t due = 0;
  int64_t done = 0;
  int64_t failed = 0;
};

class Frontier {
 public:
  // Unsupported when store is not the SQLite store.
  static Result<std::unique_ptr<Frontier>> ForStore(Store* store);
  virtual ~Frontier() = default;

  // Adds url as due at due_at unless the frontier already has it (in any
  // state). True when added.
  virtual Result<bool> Add(const std::string& url, const std::string& source, int64_t due_at) = 0;

  // Due entries with next_at <= now, earliest first, at most limit (capped
  // at limits::kMaxFrontierBatch).
  virtual Result<std::vector<FrontierEntry>> Due(int64_t now, int limit) = 0;

  // Earliest next_at among due entries; nullopt when none is due.
  virtual Result<std::optional<int64_t>> NextDue() = 0;

  // Fetched and handled: state 'done'.
  virtual Status MarkDone(const std::string& url, int attempts, long http_status, int64_t now) = 0;
  // Failed, to be tried again at next_at (state stays 'due').
  virtual Status MarkRetry(const std::string& url, int attempts, long http_status,
                           const std::string& error, int64_t next_at, int64_t now) = 0;
  // Failed for good: state 'failed'.
  virtual Status MarkFailed(const std::string& url, int attempts, long http_status,
                            const std::string& error, int64_t now) = 0;

  // The row of url; nullopt when the frontier never had it.
  virtual Result<std::optional<FrontierRow>> Find(const std::string& url) = 0;

  // Rows per state, for all sources or one ("" = all).
  virtual Result<FrontierCounts> Counts(const std::string& source) = 0;

  // robots.txt of an origin as last fetched (table `robots`), so that a
  // restart resumes with the politeness it had. The body is kept up to
  // limits::kMaxRobotsBytes.
  struct Robots {
    long http_status = 0;
    bool fetched_ok = false;
    std::string body;
    int64_t fetched_at = 0;
  };
  virtual Status PutRobots(const std::string& origin, const Robots& robots) = 0;
  virtual Result<std::optional<Robots>> GetRobots(const std::string& origin) = 0;

  // The child sitemaps of a sitemap-index source (table `sitemap_children`):
  // the index's <lastmod> for each child when it was last fetched
  // successfully, so that a poll fetches only the children whose <lastmod>
  // changed (a news site's index lists hundreds of archives, one of which
  // moves). All of source's children: url -> lastmod.
  virtual Result<std::map<std::string, std::string>> ChildSitemaps(const std::string& source) = 0;
  // Records that url, listed with lastmod (not empty), was fetched at now.
  virtual Status PutChildSitemap(const std::string& source, const std::string& url,
                                 const std::string& lastmod, int64_t now) = 0;
  // Forgets source's children that are not in listed (the index dropped
  // them), so the table holds at most one index's worth per source.
  virtual Status KeepChildSitemaps(const std::string& source,
                                   const std::vector<std::string>& listed) = 0;
};

}  // namespace ecwatch

#endif  // ECWATCH_STORE_FRONTIER_H_
