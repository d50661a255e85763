// AlertConfig: the [alerts] table and the [[sink]] tables of the config file
// (see examples/ecwatch.toml and README.md "Alerts").
//
// Read from the same file as Config (app/config.h), which leaves these two
// keys to this reader. Plain data; thread-compatible.
#ifndef ECWATCH_APP_ALERT_CONFIG_H_
#define ECWATCH_APP_ALERT_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace ecwatch {

// Which stories a sink receives. Empty lists accept everything.
struct SinkFilter {
  std::string min_severity = "low";      // "low" | "medium" | "high"
  std::vector<std::string> actors;       // any of these (case-insensitive)
  std::vector<std::string> minerals;     // the story names at least one of these
};

struct SinkConfig {
  enum class Kind { kWebhook, kEmail, kAtom, kExec };
  std::string name;                      // unique; part of the idempotency key
  Kind kind = Kind::kWebhook;
  SinkFilter filter;
  int64_t timeout_seconds = 10;          // webhook, email, exec
  // webhook
  std::string url;                       // http(s):// (email: smtp:// or smtps://)
  std::string format = "json";           // "json" | "slack"
  std::string token_env;                 // Authorization: Bearer $token_env
  std::string token_file;                // ... or the first line of this file
  // email
  std::string from;
  std::vector<std::string> to;
  std::string username;
  std::string password_env;
  std::string password_file;
  bool starttls = true;                  // smtp://: require STARTTLS
  // atom
  std::string path;                      // the feed file (written via temp + rename)
  int64_t max_entries = 50;
  std::string feed_title = "ecwatch alerts";
  // exec
  std::vector<std::string> command;      // argv; alert JSON on stdin
};

struct AlertConfig {
  int64_t window_seconds = 72 * 3600;    // events this close merge into one story
  int64_t backoff_base_seconds = 30;     // first retry delay; doubles per attempt
  int64_t backoff_cap_seconds = 3600;    // longest delay between attempts
  int max_attempts = 0;                  // 0: retry for ever; else then 'failed'
  std::vector<SinkConfig> sinks;
};

// Reads [alerts] and [[sink]] of the config file at path. Errors are
// InvalidArgument "FILE:LINE:COL: ..." (unknown keys, bad kinds, a sink
// missing what its kind needs, duplicate names); a missing file is NotFound.
Result<AlertConfig> LoadAlertConfig(const std::string& path);

// Same from text; base_dir resolves relative atom paths. For tests.
Result<AlertConfig> ParseAlertConfig(const std::string& name, const std::string& text,
                                     const std::string& base_dir);

// The secret a sink names: the environment variable if set and non-empty,
// else the first line of the file, else "". Never logged.
std::string ReadSecret(const std::string& env_name, const std::string& file);

}  // namespace ecwatch

#endif  // ECWATCH_APP_ALERT_CONFIG_H_
