// LoadConfig: TOML config -> Config, with file:line errors for every bad key.
#include "app/config.h"

#include <algorithm>
#include <filesystem>
#include <thread>
#include <fstream>
#include <set>
#include <sstream>

#include "base/limits.h"
#include "base/toml.h"
#include "crawler/address_policy.h"
#include "rules/pattern.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

// [crawler] extract_threads upper bound.
constexpr int64_t kMaxExtractThreads = 64;

class ConfigReader {
 public:
  ConfigReader(std::string name, std::string base_dir)
      : name_(std::move(name)), base_dir_(std::move(base_dir)) {}

  Status Read(const TomlValue& root, Config* config);

 private:
  Status Error(const TomlValue& v, const std::string& what) const {
    return Status::InvalidArgument(TomlWhere(name_, v) + what);
  }
  Status CheckKeys(const TomlValue& table, const std::string& where,
                   const std::set<std::string>& allowed) const;
  Status GetString(const TomlValue& table, const char* key, std::string* out) const;
  Status ReadStore(const TomlValue& t, Config* c) const;
  Status ReadRules(const TomlValue& t, Config* c) const;
  Status ReadCrawler(const TomlValue& t, Config* c) const;
  Status ReadCrawlSchedule(const TomlValue& t, Config* c) const;
  // Optional integer key within [low, high]; out untouched when absent.
  Status GetInt(const TomlValue& t, const char* key, int64_t low, int64_t high,
                int64_t* out) const;
  // Optional "30s"/"15m"/"2h" key within [low, high] seconds.
  Status GetDuration(const TomlValue& t, const char* key, int64_t low, int64_t high,
                     int64_t* seconds) const;
  Status ReadLog(const TomlValue& t, Config* c) const;
  Status ReadSource(const TomlValue& t, SourceConfig* s) const;
  // [[source]] rules: resolved, and a directory.
  Status ReadSourceRules(const TomlValue& t, SourceConfig* s) const;
  std::string ResolvePath(const std::string& p) const;
  std::string ResolveUrl(const std::string& u) const;

  std::string name_;
  std::string base_dir_;
};

Status ConfigReader::CheckKeys(const TomlValue& table, const std::string& where,
                               const std::set<std::string>& allowed) const {
  return TomlCheckKeys(name_, table, where, allowed);
}

Status ConfigReader::GetString(const TomlValue& table, const char* key, std::string* out) const {
  return TomlGetString(name_, table, key, out);
}

std::string ConfigReader::ResolvePath(const std::string& p) const {
  if (p.empty() || fs::path(p).is_absolute() || base_dir_.empty()) return p;
  return (fs::path(base_dir_) / p).lexically_normal().string();
}

std::string ConfigReader::ResolveUrl(const std::string& u) const {
  if (u.find("://") != std::string::npos) return u;
  return "file://" + fs::absolute(ResolvePath(u)).lexically_normal().string();
}

Status ConfigReader::ReadStore(const TomlValue& t, Config* c) const {
  if (Status s = CheckKeys(t, "[store]", {"path", "warc_dir", "warc_retention_days"}); !s.ok()) {
    return s;
  }
  if (Status s = GetString(t, "path", &c->store_path); !s.ok()) return s;
  if (Status s = GetString(t, "warc_dir", &c->warc_dir); !s.ok()) return s;
  c->store_path = ResolvePath(c->store_path);
  c->warc_dir = ResolvePath(c->warc_dir);
  if (const TomlValue* days = t.Find("warc_retention_days")) {
    if (days->type != TomlValue::Type::kInteger || days->integer < 1 || days->integer > 36500) {
      return Error(*days, "warc_retention_days must be a whole number of days from 1 to 36500");
    }
    c->warc_retention_days = static_cast<int>(days->integer);
  }
  return Status::Ok();
}

Status ConfigReader::ReadRules(const TomlValue& t, Config* c) const {
  if (Status s = CheckKeys(t, "[rules]", {"dir"}); !s.ok()) return s;
  if (Status s = GetString(t, "dir", &c->rules_dir); !s.ok()) return s;
  c->rules_dir = ResolvePath(c->rules_dir);
  return Status::Ok();
}

Status ConfigReader::ReadCrawler(const TomlValue& t, Config* c) const {
  if (Status s = CheckKeys(t, "[crawler]",
                           {"user_agent", "allow_private", "concurrency", "per_host_delay",
                            "per_host_connections", "retries", "retry_delay", "timeout",
                            "extract_threads"});
      !s.ok()) {
    return s;
  }
  if (Status s = GetString(t, "user_agent", &c->user_agent); !s.ok()) return s;
  if (Status s = ReadCrawlSchedule(t, c); !s.ok()) return s;
  const TomlValue* allow = t.Find("allow_private");
  if (!allow) return Status::Ok();
  if (!allow->is_array()) return Error(*allow, "allow_private must be an array of address ranges");
  for (const TomlValue& range : allow->array) {
    if (!range.is_string()) return Error(range, "allow_private entries must be strings");
    if (auto policy = AddressPolicy::BlockPrivate({range.str}); !policy.ok()) {
      return Error(range, policy.status().message());
    }
    c->allow_private.push_back(range.str);
  }
  return Status::Ok();
}

Status ConfigReader::GetInt(const TomlValue& t, const char* key, int64_t low, int64_t high,
                            int64_t* out) const {
  const TomlValue* v = t.Find(key);
  if (!v) return Status::Ok();
  if (v->type != TomlValue::Type::kInteger || v->integer < low || v->integer > high) {
    return Error(*v, std::string(key) + " must be a whole number from " + std::to_string(low) +
                         " to " + std::to_string(high));
  }
  *out = v->integer;
  return Status::Ok();
}

Status ConfigReader::GetDuration(const TomlValue& t, const char* key, int64_t low, int64_t high,
                                 int64_t* seconds) const {
  std::string text;
  if (Status s = GetString(t, key, &text); !s.ok() || text.empty()) return s;
  int64_t parsed = 0;
  if (!ParseInterval(text, &parsed) || parsed < low || parsed > high) {
    return Error(*t.Find(key), std::string(key) + " must look like \"30s\", \"15m\" or \"2h\", from " +
                                   std::to_string(low) + "s to " + std::to_string(high) +
                                   "s, not \"" + text + "\"");
  }
  *seconds = parsed;
  return Status::Ok();
}

Status ConfigReader::ReadCrawlSchedule(const TomlValue& t, Config* c) const {
  int64_t concurrency = c->concurrency, retries = c->max_attempts - 1;
  int64_t per_host = c->per_host_connections, threads = c->extract_threads;
  int64_t delay = c->per_host_delay_ms / 1000, timeout = c->timeout_seconds;
  if (Status s = GetInt(t, "concurrency", 1, limits::kMaxConcurrency, &concurrency); !s.ok()) return s;
  if (Status s = GetInt(t, "retries", 0, 10, &retries); !s.ok()) return s;
  if (Status s = GetInt(t, "extract_threads", 0, kMaxExtractThreads, &threads); !s.ok()) return s;
  if (Status s = GetInt(t, "per_host_connections", 1, limits::kMaxConcurrency, &per_host); !s.ok()) {
    return s;
  }
  if (Status s = GetDuration(t, "per_host_delay", 0, 3600, &delay); !s.ok()) return s;
  if (Status s = GetDuration(t, "retry_delay", 1, 86400, &c->retry_delay_seconds); !s.ok()) return s;
  if (Status s = GetDuration(t, "timeout", 1, 3600, &timeout); !s.ok()) return s;
  c->concurrency = static_cast<int>(concurrency);
  c->per_host_connections = static_cast<int>(per_host);
  c->extract_threads = static_cast<int>(threads);
  c->max_attempts = static_cast<int>(retries) + 1;
  c->per_host_delay_ms = delay * 1000;
  c->timeout_seconds = static_cast<long>(timeout);
  return Status::Ok();
}

Status ConfigReader::ReadLog(const TomlValue& t, Config* c) const {
  if (Status s = CheckKeys(t, "[log]", {"level"}); !s.ok()) return s;
  if (Status s = GetString(t, "level", &c->log_level); !s.ok()) return s;
  static const std::set<std::string> kLevels = {"debug", "info", "warn", "error"};
  if (!kLevels.count(c->log_level)) {
    return Error(*t.Find("level"), "level must be debug, info, warn or error");
  }
  return Status::Ok();
}

Status ConfigReader::ReadSource(const TomlValue& t, SourceConfig* src) const {
  if (Status s = CheckKeys(t, "[[source]]", {"name", "kind", "url", "interval", "follow", "enabled",
                                          "rules"});
      !s.ok()) {
    return s;
  }
  std::string kind = "feed", interval;
  for (auto [key, out] : {std::pair{"name", &src->name}, {"kind", &kind}, {"url", &src->url},
                          {"interval", &interval}, {"follow", &src->follow}}) {
    if (Status s = GetString(t, key, out); !s.ok()) return s;
  }
  if (src->name.empty()) return Error(t, "[[source]] needs a non-empty 'name'");
  if (src->url.empty()) return Error(t, "source '" + src->name + "' needs a 'url'");
  if (kind == "feed") {
    src->kind = SourceConfig::Kind::kFeed;
  } else if (kind == "page") {
    src->kind = SourceConfig::Kind::kPage;
  } else if (kind == "sitemap") {
    src->kind = SourceConfig::Kind::kSitemap;
  } else {
    return Error(*t.Find("kind"),
                 "kind must be \"feed\", \"sitemap\" or \"page\", not \"" + kind + "\"");
  }
  if (!src->follow.empty() && src->kind != SourceConfig::Kind::kPage) {
    return Error(*t.Find("follow"), "'follow' is for page sources only");
  }
  if (src->kind == SourceConfig::Kind::kPage && src->follow.empty()) {
    return Error(t, "page source '" + src->name + "' needs a 'follow' pattern");
  }
  if (!src->follow.empty()) {
    if (auto pattern = Pattern::Compile(src->follow); !pattern.ok()) {
      return Error(*t.Find("follow"), "follow: " + pattern.status().message());
    }
  }
  if (!interval.empty() && (!ParseInterval(interval, &src->interval_seconds) ||
                            src->interval_seconds < 10)) {
    return Error(*t.Find("interval"), "interval must look like \"30s\", \"15m\", \"2h\" or \"1d\" "
                                      "(at least 10s), not \"" + interval + "\"");
  }
  if (const TomlValue* e = t.Find("enabled")) {
    if (e->type != TomlValue::Type::kBool) return Error(*e, "'enabled' must be true or false");
    src->enabled = e->boolean;
  }
  src->url = ResolveUrl(src->url);
  return ReadSourceRules(t, src);
}

Status ConfigReader::ReadSourceRules(const TomlValue& t, SourceConfig* src) const {
  const TomlValue* v = t.Find("rules");
  if (!v) return Status::Ok();
  if (Status s = GetString(t, "rules", &src->rules); !s.ok()) return s;
  if (src->rules.empty()) {
    return Error(*v, "source '" + src->name + "': rules must name a rule directory");
  }
  src->rules = ResolvePath(src->rules);
  std::error_code ec;
  if (!fs::is_directory(src->rules, ec)) {
    return Error(*v, "source '" + src->name + "': rules '" + src->rules + "' is not a directory");
  }
  return Status::Ok();
}

Status ConfigReader::Read(const TomlValue& root, Config* config) {
  // [alerts] and [[sink]] are read by LoadAlertConfig (app/alert_config.h).
  if (Status s = CheckKeys(root, "the config",
                           {"store", "rules", "crawler", "log", "source", "alerts", "sink"});
      !s.ok()) {
    return s;
  }
  using Reader = Status (ConfigReader::*)(const TomlValue&, Config*) const;
  for (auto [key, reader] : {std::pair<const char*, Reader>{"store", &ConfigReader::ReadStore},
                             {"rules", &ConfigReader::ReadRules},
                             {"crawler", &ConfigReader::ReadCrawler},
                             {"log", &ConfigReader::ReadLog}}) {
    if (const TomlValue* t = root.Find(key)) {
      if (Status s = (this->*reader)(*t, config); !s.ok()) return s;
    }
  }
  const TomlValue* sources = root.Find("source");
  if (!sources) return Status::Ok();
  if (!sources->is_array()) return Error(*sources, "'source' must be an array of tables [[source]]");
  if (sources->array.size() > limits::kMaxSources) return Error(*sources, "too many sources");
  std::set<std::string> names;
  for (const TomlValue& t : sources->array) {
    SourceConfig src;
    if (Status s = ReadSource(t, &src); !s.ok()) return s;
    if (!names.insert(src.name).second) return Error(t, "duplicate source name '" + src.name + "'");
    config->sources.push_back(std::move(src));
  }
  return Status::Ok();
}

}  // namespace

int DefaultExtractThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 4u));
}

bool ParseInterval(const std::string& text, int64_t* seconds) {
  if (text.size() < 2) return false;
  int64_t n = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || n > 100000000) return false;
    n = n * 10 + (text[i] - '0');
  }
  switch (text.back()) {
    case 's': *seconds = n; return true;
    case 'm': *seconds = n * 60; return true;
    case 'h': *seconds = n * 3600; return true;
    case 'd': *seconds = n * 86400; return true;
    default: return false;
  }
}

Result<Config> ParseConfig(const std::string& name, const std::string& text,
                           const std::string& base_dir) {
  Result<TomlValue> root = ParseToml(name, text, limits::kMaxConfigBytes);
  if (!root.ok()) return root.status();
  Config config;
  config.path = name;
  ConfigReader reader(name, base_dir);
  if (Status s = reader.Read(root.value(), &config); !s.ok()) return s;
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::FromErrno(path, errno);
  std::ostringstream text;
  text << in.rdbuf();
  std::string base_dir = fs::absolute(path).parent_path().string();
  return ParseConfig(path, text.str(), base_dir);
}

}  // namespace ecwatch
