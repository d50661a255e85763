// RuleSets: the daemon's rule sets, one per distinct rule directory — the
// global one ([rules] dir, --rules, ...) and each [[source]] `rules` — with
// their reloads. Tested by tests/app/rule_sets_test.cc.
//
// Each directory is loaded once however many sources name it (directories
// are compared after resolving "..", "." and symbolic links). A set being
// replaced (reload) or no longer named (sources changed) is retired, not
// freed: an AnalyzePool may still match pages with it, so the owner frees
// retired sets with FreeRetired() once the pool is idle.
//
// Not thread-safe: one thread (the daemon's) calls everything. The RuleSets
// it hands out are immutable and safe for concurrent matching.
#ifndef ECWATCH_APP_RULE_SETS_H_
#define ECWATCH_APP_RULE_SETS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/config.h"
#include "base/status.h"
#include "rules/rule_set.h"

namespace ecwatch {

class RuleSets {
 public:
  // Adopts default_set, loaded from default_dir, as the set of every source
  // without its own `rules`. default_set must not be null.
  RuleSets(std::string default_dir, std::unique_ptr<RuleSet> default_set);
  RuleSets(const RuleSets&) = delete;
  RuleSets& operator=(const RuleSets&) = delete;

  // Loads default_dir and the directory of every source naming one. The
  // first directory that fails to load is the error (RuleSet::LoadDir's,
  // naming the file and place; NotFound for a missing or empty directory).
  static Result<std::unique_ptr<RuleSets>> Load(const std::string& default_dir,
                                                const std::vector<SourceConfig>& sources);

  // Makes sources the ones served: loads each directory they name that is
  // not loaded yet and retires the loaded ones they no longer name (never the
  // default). All or nothing: if one new directory fails to load, its error
  // is returned and nothing changes.
  Status UseSources(const std::vector<SourceConfig>& sources);

  // The set source's documents are matched with: its `rules` directory's,
  // or the default set when source is null, names none, or names one not
  // loaded (UseSources was not given it). Never null. The pointer stays
  // valid until the set is retired and then freed by FreeRetired().
  const RuleSet* For(const SourceConfig* source) const;
  // The same for the source named name in the sources last given to Load or
  // UseSources; the default set for "" or an unknown name.
  const RuleSet* ForName(const std::string& name) const;
  const RuleSet& default_set() const { return *For(nullptr); }

  // Reloads directories: every one when all, else only those whose rule
  // files changed since their last (attempted) load (names, sizes, mtimes of
  // "*.toml"). Per directory, a set that fails to load is refused: the error
  // is logged and the old set kept. Returns the first refusal, Ok otherwise;
  // *reloaded (may be null) counts the sets replaced.
  Status Reload(bool all, int* reloaded = nullptr);
  // Whether some directory's rule files changed since its last load attempt.
  bool Changed() const;

  // Frees the retired sets. Call only when nothing matches with them (the
  // analysis pool is idle).
  void FreeRetired() { retired_.clear(); }
  std::size_t retired_count() const { return retired_.size(); }

  // The loaded directories, as given (the default first).
  std::vector<std::string> dirs() const;

  // How directories are compared: the absolute form with ".", ".." and
  // symbolic links resolved (as far as they exist); "" stays "".
  static std::string Key(const std::string& dir);

 private:
  struct Entry {
    std::string dir;             // as given
    std::unique_ptr<RuleSet> set;
    std::string fingerprint;     // of the files at the last load attempt
  };
  // Names, sizes and mtimes of dir's "*.toml" files.
  static std::string Fingerprint(const std::string& dir);
  // Reloads one entry; logs and returns the refusal.
  Status ReloadEntry(Entry* entry);

  std::string default_key_;
  std::map<std::string, Entry> sets_;                  // Key(dir) -> set
  std::map<std::string, std::string> key_by_dir_;      // dir as given -> Key(dir)
  std::map<std::string, std::string> key_by_source_;   // source name -> Key(its rules)
  std::vector<std::unique_ptr<RuleSet>> retired_;
};

}  // namespace ecwatch

#endif  // ECWATCH_APP_RULE_SETS_H_
