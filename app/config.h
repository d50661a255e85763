// Config: the daemon's TOML configuration (see examples/ecwatch.toml).
#ifndef ECWATCH_APP_CONFIG_H_
#define ECWATCH_APP_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/limits.h"
#include "base/status.h"

namespace ecwatch {

struct SourceConfig {
  enum class Kind { kFeed, kPage, kSitemap };
  std::string name;
  Kind kind = Kind::kFeed;
  std::string url;              // http(s):// or file://; relative paths resolved against the config's folder
  int64_t interval_seconds = 900;
  std::string follow;           // RE2 pattern for the links of a page source ("" for feeds)
  bool enabled = true;
  // rules: the rule directory this source's documents are matched with,
  // resolved against the config's folder and checked to be a directory at
  // load; "" = the global [rules] dir (app/rule_sets.h).
  std::string rules;
};

// Threads extracting and matching pages beside the crawl's own: the cores,
// at most 4.
int DefaultExtractThreads();

struct Config {
  std::string path;             // the file it was read from
  std::string store_path;       // [store] path, resolved against the config's folder; "" = default
  std::string rules_dir;        // [rules] dir, resolved likewise; "" = default
  std::string warc_dir;         // [store] warc_dir: raw captures of every fetch; "" = none
  int warc_retention_days = 90; // [store] warc_retention_days: older WARC files are deleted
  std::string user_agent = "ecwatch/0.1 (+https://example.org/contact)";
  // [crawler] allow_private: address ranges links may reach although private
  // ("10.0.0.0/8"); configured sources' hosts are always reachable.
  std::vector<std::string> allow_private;
  // [crawler] fetch scheduling (app/crawl.h).
  int concurrency = 16;               // concurrency: transfers at once, 1..limits::kMaxConcurrency
  int64_t per_host_delay_ms = 1000;   // per_host_delay: pause between requests to one host ("1s", "0s")
  int per_host_connections = 1;       // per_host_connections: transfers at once to one host
  int extract_threads = DefaultExtractThreads();  // extract_threads: pages analysed at once (0: inline)
  int max_attempts = 4;               // retries + 1: attempts of a URL failing transiently
  int64_t retry_delay_seconds = 30;   // retry_delay: first backoff, doubling, with jitter
  long timeout_seconds = limits::kTotalTimeoutSeconds;  // timeout: one transfer, in all
  std::string log_level = "info";
  std::vector<SourceConfig> sources;
};

// Reads and validates a config file. Unknown tables or keys and bad values are
// InvalidArgument "FILE:LINE:COL: ..." naming the key; a missing file is
// NotFound. Source names are unique; intervals are "30s", "15m", "2h", "1d"
// (at least 10 s). A source's `rules` that is not a directory is
// InvalidArgument naming the file, place and source.
Result<Config> LoadConfig(const std::string& path);

// Same from text; base_dir resolves relative paths. For tests.
Result<Config> ParseConfig(const std::string& name, const std::string& text,
                           const std::string& base_dir);

// "15m" -> 900. False on anything else.
bool ParseInterval(const std::string& text, int64_t* seconds);

}  // namespace ecwatch

#endif  // ECWATCH_APP_CONFIG_H_
