// Pins RuleSets (issue 5, per-source rule sets): each distinct directory is
// loaded once, sources get their own directory's set (else the global one),
// a reload that meets a broken file keeps that directory's old set while the
// others reload, and replaced or dropped sets are retired, not freed.
#include "app/rule_sets.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

// A rule directory holding NAME.toml with one rule matching word.
std::string RuleDir(const std::string& root, const std::string& name, const std::string& word) {
  std::string dir = root + "/" + name;
  fs::create_directories(dir);
  std::ofstream(dir + "/" + name + ".toml")
      << "[[rule]]\nid = '" << word << "'\ncategory = 'action'\npatterns = ['\\b" << word
      << "\\b']\n";
  return dir;
}

SourceConfig Src(const std::string& name, const std::string& rules) {
  SourceConfig s;
  s.name = name;
  s.url = "https://example.org/" + name;
  s.rules = rules;
  return s;
}

TEST_CASE("each distinct rule directory is loaded once and serves its sources",
          "[app][rule_sets]") {
  std::string root = testing::MakeTempDir("rule-sets-distinct");
  std::string global = RuleDir(root, "global", "widget");
  std::string a = RuleDir(root, "a", "gadget");
  std::vector<SourceConfig> sources = {Src("s1", a), Src("s2", root + "/x/../a/"),
                                       Src("s3", global), Src("s4", "")};
  fs::create_directories(root + "/x");
  auto sets = RuleSets::Load(global, sources);
  INFO(sets.status().message());
  REQUIRE(sets.ok());
  const RuleSets& r = *sets.value();
  CHECK(r.dirs() == std::vector<std::string>{global, a});
  const RuleSet* set_a = r.For(&sources[0]);
  CHECK(set_a->rule_ids() == std::vector<std::string>{"a/gadget"});
  CHECK(r.For(&sources[1]) == set_a);                  // the same directory, spelled otherwise
  CHECK(r.For(&sources[2]) == &r.default_set());       // names the global directory
  CHECK(r.For(&sources[3]) == &r.default_set());       // names none
  CHECK(r.For(nullptr) == &r.default_set());
  CHECK(r.default_set().rule_ids() == std::vector<std::string>{"global/widget"});
  CHECK(r.ForName("s2") == set_a);
  CHECK(r.ForName("s4") == &r.default_set());
  CHECK(r.ForName("unknown") == &r.default_set());
  const SourceConfig stranger = Src("stranger", RuleDir(root, "b", "gizmo"));
  CHECK(r.For(&stranger) == &r.default_set());  // not given to Load: not loaded
}

TEST_CASE("a source directory that fails to load fails Load with the file's error",
          "[app][rule_sets]") {
  std::string root = testing::MakeTempDir("rule-sets-broken");
  std::string global = RuleDir(root, "global", "widget");
  std::string a = RuleDir(root, "a", "gadget");
  std::ofstream(a + "/zz.toml") << "[[rule]]\nid = 'x'\ncategory = 'action'\npatterns = ['(']\n";
  auto sets = RuleSets::Load(global, {Src("s1", a)});
  REQUIRE_FALSE(sets.ok());
  CHECK(sets.status().message().find("zz.toml:") != std::string::npos);
  auto empty = RuleSets::Load(global, {Src("s1", root)});  // no *.toml in it
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == Status::Code::kNotFound);
}

TEST_CASE("a reload keeps a directory's old set on a broken file and reloads the others",
          "[app][rule_sets][reload]") {
  std::string root = testing::MakeTempDir("rule-sets-reload");
  std::string global = RuleDir(root, "global", "widget");
  std::string a = RuleDir(root, "a", "gadget");
  std::string b = RuleDir(root, "b", "gizmo");
  std::vector<SourceConfig> sources = {Src("sa", a), Src("sb", b)};
  auto loaded = RuleSets::Load(global, sources);
  REQUIRE(loaded.ok());
  RuleSets& r = *loaded.value();
  const RuleSet* old_a = r.For(&sources[0]);
  const RuleSet* old_b = r.For(&sources[1]);
  const RuleSet* old_global = &r.default_set();

  int reloaded = -1;
  CHECK_FALSE(r.Changed());
  CHECK(r.Reload(false, &reloaded).ok());
  CHECK(reloaded == 0);                 // nothing changed: nothing reloaded
  CHECK(r.For(&sources[0]) == old_a);

  std::ofstream(b + "/zz.toml") << "this is = = not toml\n";
  RuleDir(root, "a", "doohickey");     // a's file rewritten, valid
  CHECK(r.Changed());
  Status s = r.Reload(false, &reloaded);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("zz.toml:1:") != std::string::npos);
  CHECK(reloaded == 1);
  CHECK(r.For(&sources[1]) == old_b);   // b kept
  CHECK(r.For(&sources[0])->rule_ids() == std::vector<std::string>{"a/doohickey"});
  CHECK(&r.default_set() == old_global);
  CHECK(r.retired_count() == 1);        // a's old set, alive until freed
  CHECK(old_a->rule_ids() == std::vector<std::string>{"a/gadget"});
  r.FreeRetired();
  CHECK(r.retired_count() == 0);

  CHECK_FALSE(r.Changed());             // the refusal is not retried until a file changes
  fs::remove(b + "/zz.toml");
  CHECK(r.Reload(false, &reloaded).ok());
  CHECK(reloaded == 1);
  CHECK(r.For(&sources[1]) != old_b);
  CHECK(r.Reload(true, &reloaded).ok());
  CHECK(reloaded == 3);                 // all: every directory, changed or not
}

TEST_CASE("UseSources loads new directories, retires dropped ones, and is all or nothing",
          "[app][rule_sets]") {
  std::string root = testing::MakeTempDir("rule-sets-use");
  std::string global = RuleDir(root, "global", "widget");
  std::string a = RuleDir(root, "a", "gadget");
  std::string b = RuleDir(root, "b", "gizmo");
  std::string broken = RuleDir(root, "broken", "thing");
  std::ofstream(broken + "/zz.toml") << "[[rule]]\nid = 1\n";
  auto loaded = RuleSets::Load(global, {Src("sa", a)});
  REQUIRE(loaded.ok());
  RuleSets& r = *loaded.value();
  const SourceConfig sa = Src("sa", a), sb = Src("sb", b), sx = Src("sx", broken);

  CHECK_FALSE(r.UseSources({sa, sb, sx}).ok());
  CHECK(r.dirs() == std::vector<std::string>{global, a});  // nothing changed
  CHECK(r.For(&sb) == &r.default_set());

  REQUIRE(r.UseSources({sb, Src("plain", "")}).ok());
  CHECK(r.dirs() == std::vector<std::string>{global, b});
  CHECK(r.For(&sb)->rule_ids() == std::vector<std::string>{"b/gizmo"});
  CHECK(r.For(&sa) == &r.default_set());  // a is no longer served
  CHECK(r.ForName("sa") == &r.default_set());
  CHECK(r.retired_count() == 1);          // a's set waits for the pool
}

}  // namespace
}  // namespace ecwatch
