// RuleSets: one loaded RuleSet per distinct rule directory, reloads that
// keep the old set on a broken file, and retirement of replaced sets.
#include "app/rule_sets.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "base/log.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Short(const RuleSet& set) { return set.version().substr(0, 12); }

}  // namespace

RuleSets::RuleSets(std::string default_dir, std::unique_ptr<RuleSet> default_set) {
  default_key_ = Key(default_dir);
  key_by_dir_[default_dir] = default_key_;
  std::string fingerprint = Fingerprint(default_dir);
  sets_[default_key_] = Entry{std::move(default_dir), std::move(default_set), std::move(fingerprint)};
}

Result<std::unique_ptr<RuleSets>> RuleSets::Load(const std::string& default_dir,
                                                 const std::vector<SourceConfig>& sources) {
  Result<std::unique_ptr<RuleSet>> loaded = RuleSet::LoadDir(default_dir);
  if (!loaded.ok()) return loaded.status();
  auto sets = std::make_unique<RuleSets>(default_dir, std::move(loaded).value());
  if (Status s = sets->UseSources(sources); !s.ok()) return s;
  return sets;
}

std::string RuleSets::Key(const std::string& dir) {
  if (dir.empty()) return dir;
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  return ec ? fs::path(dir).lexically_normal().string() : resolved.string();
}

std::string RuleSets::Fingerprint(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> parts;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    auto mtime = fs::last_write_time(entry.path(), ec).time_since_epoch().count();
    parts.push_back(entry.path().filename().string() + ":" + std::to_string(mtime) + ":" +
                    std::to_string(entry.file_size(ec)));
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += p + ";";
  return out;
}

Status RuleSets::UseSources(const std::vector<SourceConfig>& sources) {
  std::map<std::string, Entry> added;
  std::map<std::string, std::string> key_by_dir = key_by_dir_, key_by_source;
  for (const SourceConfig& source : sources) {
    if (source.rules.empty()) continue;
    std::string key = Key(source.rules);
    key_by_dir[source.rules] = key;
    key_by_source[source.name] = key;
    if (sets_.count(key) || added.count(key)) continue;
    std::string fingerprint = Fingerprint(source.rules);
    Result<std::unique_ptr<RuleSet>> loaded = RuleSet::LoadDir(source.rules);
    if (!loaded.ok()) return loaded.status();
    LogInfo("rules for source " + source.name + ": " + std::to_string(loaded.value()->rule_count()) +
            " rules from " + source.rules + " (version " + Short(*loaded.value()) + ")");
    added[key] = Entry{source.rules, std::move(loaded).value(), std::move(fingerprint)};
  }
  sets_.merge(added);
  std::set<std::string> used = {default_key_};
  for (const auto& [name, key] : key_by_source) used.insert(key);
  for (auto it = sets_.begin(); it != sets_.end();) {
    if (used.count(it->first)) {
      ++it;
      continue;
    }
    retired_.push_back(std::move(it->second.set));
    it = sets_.erase(it);
  }
  std::erase_if(key_by_dir, [&](const auto& kv) { return !used.count(kv.second); });
  key_by_dir_ = std::move(key_by_dir);
  key_by_source_ = std::move(key_by_source);
  return Status::Ok();
}

const RuleSet* RuleSets::For(const SourceConfig* source) const {
  if (source != nullptr && !source->rules.empty()) {
    if (auto key = key_by_dir_.find(source->rules); key != key_by_dir_.end()) {
      if (auto it = sets_.find(key->second); it != sets_.end()) return it->second.set.get();
    }
  }
  return sets_.at(default_key_).set.get();
}

const RuleSet* RuleSets::ForName(const std::string& name) const {
  auto key = key_by_source_.find(name);
  if (key != key_by_source_.end()) {
    if (auto it = sets_.find(key->second); it != sets_.end()) return it->second.set.get();
  }
  return sets_.at(default_key_).set.get();
}

Status RuleSets::ReloadEntry(Entry* entry) {
  Result<std::unique_ptr<RuleSet>> loaded = RuleSet::LoadDir(entry->dir);
  if (!loaded.ok()) {
    LogError("rules reload refused for " + entry->dir + ", keeping version " +
             Short(*entry->set) + ": " + loaded.status().message());
    return loaded.status();
  }
  retired_.push_back(std::move(entry->set));
  entry->set = std::move(loaded).value();
  LogInfo("rules reloaded from " + entry->dir + ": " + std::to_string(entry->set->rule_count()) +
          " rules, version " + Short(*entry->set));
  return Status::Ok();
}

Status RuleSets::Reload(bool all, int* reloaded) {
  Status first = Status::Ok();
  int count = 0;
  for (auto& [key, entry] : sets_) {
    std::string fingerprint = Fingerprint(entry.dir);
    if (!all && fingerprint == entry.fingerprint) continue;
    // Remembered even when refused: a broken file is reported once, and
    // tried again when it changes (or on SIGHUP).
    entry.fingerprint = std::move(fingerprint);
    Status s = ReloadEntry(&entry);
    if (s.ok()) ++count;
    if (!s.ok() && first.ok()) first = s;
  }
  if (reloaded != nullptr) *reloaded = count;
  return first;
}

bool RuleSets::Changed() const {
  return std::any_of(sets_.begin(), sets_.end(), [](const auto& kv) {
    return Fingerprint(kv.second.dir) != kv.second.fingerprint;
  });
}

std::vector<std::string> RuleSets::dirs() const {
  std::vector<std::string> out = {sets_.at(default_key_).dir};
  for (const auto& [key, entry] : sets_) {
    if (key != default_key_) out.push_back(entry.dir);
  }
  return out;
}

}  // namespace ecwatch
