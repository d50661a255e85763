// Pins [[source]] rules = "DIR" (issue 5): resolved against the config's
// folder like [rules] dir, absent means the global directory, and anything
// but a directory is a config error naming the file, place and source.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "app/config.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Source(const std::string& name, const std::string& extra) {
  return "[[source]]\nname = '" + name + "'\nurl = 'https://example.org/" + name + ".xml'\n" +
         extra;
}

TEST_CASE("a source's rules directory is resolved against the config's folder",
          "[app][config][rules]") {
  std::string base = testing::MakeTempDir("config-src-rules");
  fs::create_directories(base + "/rules/desk");
  auto c = ParseConfig("c.toml",
                       Source("desk", "rules = 'rules/desk'\n") + Source("wire", "") +
                           Source("abs", "rules = '" + base + "/rules/desk/'\n"),
                       base);
  INFO(c.status().message());
  REQUIRE(c.ok());
  REQUIRE(c->sources.size() == 3);
  CHECK(c->sources[0].rules == base + "/rules/desk");
  CHECK(c->sources[1].rules.empty());  // the global [rules] dir
  CHECK(fs::path(c->sources[2].rules).is_absolute());
}

TEST_CASE("a source's rules that is not a directory is an error naming file, line and source",
          "[app][config][rules]") {
  std::string base = testing::MakeTempDir("config-src-rules-bad");
  std::ofstream(base + "/a-file.toml") << "[[rule]]\n";
  struct Case {
    std::string extra;
    const char* needle;
  };
  const Case cases[] = {
      {"rules = 'missing'\n", "source 'desk': rules '"},
      {"rules = 'a-file.toml'\n", "is not a directory"},
      {"rules = ''\n", "source 'desk': rules must name a rule directory"},
      {"rules = 3\n", "'rules' must be a string"},
  };
  for (const Case& k : cases) {
    auto c = ParseConfig("c.toml", Source("desk", k.extra), base);
    INFO(k.extra);
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().code() == Status::Code::kInvalidArgument);
    CHECK(c.status().message().rfind("c.toml:4:", 0) == 0);
    CHECK(c.status().message().find(k.needle) != std::string::npos);
  }
}

TEST_CASE("LoadConfig checks a source's rules relative to the file's own folder",
          "[app][config][rules]") {
  std::string base = testing::MakeTempDir("config-src-rules-file");
  fs::create_directories(base + "/etc/desk-rules");
  std::ofstream(base + "/etc/c.toml") << Source("desk", "rules = 'desk-rules'\n");
  auto c = LoadConfig(base + "/etc/c.toml");
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->sources[0].rules == base + "/etc/desk-rules");

  std::ofstream(base + "/etc/c.toml") << Source("desk", "rules = 'nope'\n");
  auto bad = LoadConfig(base + "/etc/c.toml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find(base + "/etc/c.toml:") == 0);
  CHECK(bad.status().message().find(base + "/etc/nope' is not a directory") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch
