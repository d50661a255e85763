// Per-source rule sets in the commands (issue 5): `ingest --source NAME`
// matches with NAME's rule directory, and `rules check --config FILE` checks
// the global directory and every other one the config's sources name, once.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "base/json.h"
#include "tests/app/command_capture.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

using testing::Capture;
using testing::Out;

void WriteRules(const std::string& dir, const std::string& set, const std::string& word) {
  fs::create_directories(dir);
  std::ofstream(dir + "/" + set + ".toml")
      << "[[rule]]\nid = '" << word << "'\ncategory = 'action'\npatterns = ['\\b" << word
      << "s?\\b']\n";
}

// dir/c.toml: global rules/g (widget); source "own" with rules/b (gadget),
// source "twin" naming rules/b again, source "plain" with none.
std::string WriteConfig(const std::string& dir) {
  WriteRules(dir + "/rules/g", "g", "widget");
  WriteRules(dir + "/rules/b", "b", "gadget");
  std::ofstream(dir + "/c.toml")
      << "[store]\npath = 'd.db'\n[rules]\ndir = 'rules/g'\n"
      << "[[source]]\nname = 'own'\nurl = 'https://example.org/a.xml'\nrules = 'rules/b'\n"
      << "[[source]]\nname = 'twin'\nurl = 'https://example.org/b.xml'\nrules = './rules/b/'\n"
      << "[[source]]\nname = 'plain'\nurl = 'https://example.org/c.xml'\n";
  std::ofstream(dir + "/note.txt") << "The plant makes widgets and gadgets for export.\n";
  return dir + "/c.toml";
}

std::vector<std::string> RulesMatched(const std::string& json) {
  std::vector<std::string> rules;
  const Json parsed = Json::parse(json);
  for (const Json& m : parsed["matches"]) rules.push_back(m["rule"].get<std::string>());
  return rules;
}

TEST_CASE("ingest --source matches with that source's rule directory", "[app][rule_sets]") {
  std::string dir = testing::MakeTempDir("ingest-source-rules");
  GlobalOptions g;
  g.config = WriteConfig(dir);
  g.json = true;
  g.source = "own";
  Out own = Capture([&](Streams io) { return RunIngest(g, dir + "/note.txt", io); });
  INFO(own.err);
  REQUIRE(own.code == kExitOk);
  CHECK(RulesMatched(own.out) == std::vector<std::string>{"b/gadget"});

  g.source = "plain";  // no rules of its own: the global directory
  Out plain = Capture([&](Streams io) { return RunIngest(g, dir + "/note.txt", io); });
  REQUIRE(plain.code == kExitOk);
  CHECK(RulesMatched(plain.out) == std::vector<std::string>{"g/widget"});

  g.source = "nobody";
  Out unknown = Capture([&](Streams io) { return RunIngest(g, dir + "/note.txt", io); });
  CHECK(unknown.code == kExitUsage);
  CHECK(unknown.err.find("no [[source]] named 'nobody'") != std::string::npos);

  GlobalOptions no_config;
  no_config.source = "own";
  Out bare = Capture([&](Streams io) { return RunIngest(no_config, dir + "/note.txt", io); });
  CHECK(bare.code == kExitUsage);
  CHECK(bare.err.find("--source needs --config") != std::string::npos);
}

TEST_CASE("rules check --config checks every rule directory the config names, once",
          "[app][rule_sets][rules]") {
  std::string dir = testing::MakeTempDir("check-source-rules");
  GlobalOptions g;
  g.config = WriteConfig(dir);
  Out good = Capture([&](Streams io) { return RunRulesCheck(g, "", io); });
  INFO(good.out + good.err);
  CHECK(good.code == kExitOk);
  CHECK(good.out.find("(" + dir + "/rules/g)") != std::string::npos);
  CHECK(good.out.find("(" + dir + "/rules/b)") != std::string::npos);
  CHECK(std::count(good.out.begin(), good.out.end(), '\n') == 2);  // rules/b once

  std::ofstream(dir + "/rules/b/zz.toml") << "[[rule]]\nid = 'x'\npatterns = ['(unclosed']\n";
  Out bad = Capture([&](Streams io) { return RunRulesCheck(g, "", io); });
  CHECK(bad.code == kExitFindings);
  CHECK(bad.err.find("zz.toml:") != std::string::npos);
  CHECK(bad.err.find("problem(s) in " + dir + "/rules/b") != std::string::npos);
  CHECK(bad.out.find("(" + dir + "/rules/g)") != std::string::npos);  // the others still checked

  Out one = Capture([&](Streams io) { return RunRulesCheck(g, dir + "/rules/g", io); });
  CHECK(one.code == kExitOk);  // a directory given: only that one
}

}  // namespace
}  // namespace ecwatch
