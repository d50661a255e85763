// LoadAlertConfig: [alerts] and [[sink]] of the TOML config -> AlertConfig.
#include "app/alert_config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/config.h"
#include "base/limits.h"
#include "base/toml.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

class AlertConfigReader {
 public:
  AlertConfigReader(std::string name, std::string base_dir)
      : name_(std::move(name)), base_dir_(std::move(base_dir)) {}

  Status Read(const TomlValue& root, AlertConfig* config) const;

 private:
  Status Error(const TomlValue& v, const std::string& what) const {
    return Status::InvalidArgument(TomlWhere(name_, v) + what);
  }
  Status CheckKeys(const TomlValue& t, const std::string& where,
                   const std::set<std::string>& allowed) const;
  Status Str(const TomlValue& t, const char* key, std::string* out) const;
  Status StrList(const TomlValue& t, const char* key, std::vector<std::string>* out) const;
  Status Interval(const TomlValue& t, const char* key, int64_t* seconds) const;
  Status Int(const TomlValue& t, const char* key, int64_t* out) const;
  Status ReadAlerts(const TomlValue& t, AlertConfig* c) const;
  Status ReadSink(const TomlValue& t, SinkConfig* s) const;
  Status ReadKind(const TomlValue& t, SinkConfig* s) const;
  Status CheckSink(const TomlValue& t, const SinkConfig& s) const;

  std::string name_;
  std::string base_dir_;
};

Status AlertConfigReader::CheckKeys(const TomlValue& t, const std::string& where,
                                    const std::set<std::string>& allowed) const {
  return TomlCheckKeys(name_, t, where, allowed);
}

Status AlertConfigReader::Str(const TomlValue& t, const char* key, std::string* out) const {
  return TomlGetString(name_, t, key, out);
}

Status AlertConfigReader::StrList(const TomlValue& t, const char* key,
                                  std::vector<std::string>* out) const {
  const TomlValue* v = t.Find(key);
  if (!v) return Status::Ok();
  if (v->is_string()) {
    *out = {v->str};
    return Status::Ok();
  }
  if (!v->is_array()) return Error(*v, std::string("'") + key + "' must be an array of strings");
  out->clear();
  for (const TomlValue& item : v->array) {
    if (!item.is_string()) return Error(item, std::string("'") + key + "' must hold strings");
    out->push_back(item.str);
  }
  return Status::Ok();
}

Status AlertConfigReader::Interval(const TomlValue& t, const char* key, int64_t* seconds) const {
  std::string text;
  if (Status s = Str(t, key, &text); !s.ok() || text.empty()) return s;
  if (!ParseInterval(text, seconds)) {
    return Error(*t.Find(key), std::string("'") + key +
                                   "' must look like \"30s\", \"15m\", \"2h\" or \"1d\"");
  }
  return Status::Ok();
}

Status AlertConfigReader::Int(const TomlValue& t, const char* key, int64_t* out) const {
  const TomlValue* v = t.Find(key);
  if (!v) return Status::Ok();
  if (v->type != TomlValue::Type::kInteger || v->integer < 0) {
    return Error(*v, std::string("'") + key + "' must be a non-negative integer");
  }
  *out = v->integer;
  return Status::Ok();
}

Status AlertConfigReader::ReadAlerts(const TomlValue& t, AlertConfig* c) const {
  if (Status s = CheckKeys(t, "[alerts]", {"window", "backoff_base", "backoff_cap", "max_attempts"});
      !s.ok()) {
    return s;
  }
  int64_t attempts = c->max_attempts;
  for (auto [key, out] : {std::pair{"window", &c->window_seconds},
                          {"backoff_base", &c->backoff_base_seconds},
                          {"backoff_cap", &c->backoff_cap_seconds}}) {
    if (Status s = Interval(t, key, out); !s.ok()) return s;
  }
  if (Status s = Int(t, "max_attempts", &attempts); !s.ok()) return s;
  c->max_attempts = static_cast<int>(std::min<int64_t>(attempts, 1000000));
  if (c->backoff_base_seconds < 1) c->backoff_base_seconds = 1;
  if (c->backoff_cap_seconds < c->backoff_base_seconds) {
    return Error(*t.Find("backoff_cap"), "'backoff_cap' must be at least 'backoff_base'");
  }
  return Status::Ok();
}

Status AlertConfigReader::ReadKind(const TomlValue& t, SinkConfig* s) const {
  std::string kind;
  if (Status st = Str(t, "kind", &kind); !st.ok()) return st;
  static const std::pair<const char*, SinkConfig::Kind> kKinds[] = {
      {"webhook", SinkConfig::Kind::kWebhook}, {"email", SinkConfig::Kind::kEmail},
      {"atom", SinkConfig::Kind::kAtom}, {"exec", SinkConfig::Kind::kExec}};
  for (const auto& [word, value] : kKinds) {
    if (kind == word) {
      s->kind = value;
      return Status::Ok();
    }
  }
  const TomlValue* where = t.Find("kind");
  return Error(where ? *where : t, "sink '" + s->name +
                                       "': kind must be webhook, email, atom or exec, not \"" +
                                       kind + "\"");
}

Status AlertConfigReader::CheckSink(const TomlValue& t, const SinkConfig& s) const {
  const std::string who = "sink '" + s.name + "'";
  static const std::set<std::string> kSeverities = {"low", "medium", "high"};
  if (!kSeverities.count(s.filter.min_severity)) {
    return Error(t, who + ": min_severity must be low, medium or high");
  }
  switch (s.kind) {
    case SinkConfig::Kind::kWebhook:
      if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0) {
        return Error(t, who + ": webhook needs an http:// or https:// 'url'");
      }
      if (s.format != "json" && s.format != "slack") {
        return Error(t, who + ": format must be \"json\" or \"slack\"");
      }
      return Status::Ok();
    case SinkConfig::Kind::kEmail:
      if (s.url.rfind("smtp://", 0) != 0 && s.url.rfind("smtps://", 0) != 0) {
        return Error(t, who + ": email needs an smtp:// or smtps:// 'url'");
      }
      if (s.from.empty() || s.to.empty()) return Error(t, who + ": email needs 'from' and 'to'");
      return Status::Ok();
    case SinkConfig::Kind::kAtom:
      if (s.path.empty()) return Error(t, who + ": atom needs a 'path'");
      return Status::Ok();
    case SinkConfig::Kind::kExec:
      if (s.command.empty()) return Error(t, who + ": exec needs a 'command' array");
      return Status::Ok();
  }
  return Status::Ok();
}

Status AlertConfigReader::ReadSink(const TomlValue& t, SinkConfig* s) const {
  if (Status st = CheckKeys(t, "[[sink]]",
                            {"name", "kind", "url", "format", "token_env", "token_file", "timeout",
                             "min_severity", "actors", "minerals", "from", "to", "username",
                             "password_env", "password_file", "starttls", "path", "max_entries",
                             "title", "command"});
      !st.ok()) {
    return st;
  }
  for (auto [key, out] :
       {std::pair{"name", &s->name}, {"url", &s->url}, {"format", &s->format},
        {"token_env", &s->token_env}, {"token_file", &s->token_file},
        {"min_severity", &s->filter.min_severity}, {"from", &s->from},
        {"username", &s->username}, {"password_env", &s->password_env},
        {"password_file", &s->password_file}, {"path", &s->path}, {"title", &s->feed_title}}) {
    if (Status st = Str(t, key, out); !st.ok()) return st;
  }
  if (s->name.empty()) return Error(t, "[[sink]] needs a non-empty 'name'");
  if (Status st = ReadKind(t, s); !st.ok()) return st;
  for (auto [key, out] : {std::pair{"actors", &s->filter.actors},
                          {"minerals", &s->filter.minerals}, {"to", &s->to},
                          {"command", &s->command}}) {
    if (Status st = StrList(t, key, out); !st.ok()) return st;
  }
  if (Status st = Interval(t, "timeout", &s->timeout_seconds); !st.ok()) return st;
  if (Status st = Int(t, "max_entries", &s->max_entries); !st.ok()) return st;
  if (const TomlValue* v = t.Find("starttls")) {
    if (v->type != TomlValue::Type::kBool) return Error(*v, "'starttls' must be true or false");
    s->starttls = v->boolean;
  }
  if (!s->path.empty() && !fs::path(s->path).is_absolute() && !base_dir_.empty()) {
    s->path = (fs::path(base_dir_) / s->path).lexically_normal().string();
  }
  for (std::string* p : {&s->token_file, &s->password_file}) {
    if (!p->empty() && !fs::path(*p).is_absolute() && !base_dir_.empty()) {
      *p = (fs::path(base_dir_) / *p).lexically_normal().string();
    }
  }
  return CheckSink(t, *s);
}

Status AlertConfigReader::Read(const TomlValue& root, AlertConfig* config) const {
  if (const TomlValue* t = root.Find("alerts")) {
    if (Status s = ReadAlerts(*t, config); !s.ok()) return s;
  }
  const TomlValue* sinks = root.Find("sink");
  if (!sinks) return Status::Ok();
  if (!sinks->is_array()) return Error(*sinks, "'sink' must be an array of tables [[sink]]");
  if (sinks->array.size() > limits::kMaxSinks) return Error(*sinks, "too many sinks");
  std::set<std::string> names;
  for (const TomlValue& t : sinks->array) {
    SinkConfig sink;
    if (Status s = ReadSink(t, &sink); !s.ok()) return s;
    if (!names.insert(sink.name).second) return Error(t, "duplicate sink name '" + sink.name + "'");
    config->sinks.push_back(std::move(sink));
  }
  return Status::Ok();
}

}  // namespace

Result<AlertConfig> ParseAlertConfig(const std::string& name, const std::string& text,
                                     const std::string& base_dir) {
  Result<TomlValue> root = ParseToml(name, text, limits::kMaxConfigBytes);
  if (!root.ok()) return root.status();
  AlertConfig config;
  AlertConfigReader reader(name, base_dir);
  if (Status s = reader.Read(root.value(), &config); !s.ok()) return s;
  return config;
}

Result<AlertConfig> LoadAlertConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::FromErrno(path, errno);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseAlertConfig(path, text.str(), fs::absolute(path).parent_path().string());
}

std::string ReadSecret(const std::string& env_name, const std::string& file) {
  if (!env_name.empty()) {
    const char* v = std::getenv(env_name.c_str());
    if (v && *v) return v;
  }
  if (file.empty()) return "";
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace ecwatch
