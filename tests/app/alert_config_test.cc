// [alerts] and [[sink]]: the commented example loads; mistakes are
// reported with FILE:LINE:COL; secrets come from the environment or a file.
#include "app/alert_config.h"

#include <stdlib.h>

#include <fstream>

#include <catch2/catch.hpp>

#include "app/config.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

TEST_CASE("examples/ecwatch.toml loads as a config and as an alert config", "[app][config]") {
  REQUIRE(LoadConfig(Source("examples/ecwatch.toml")).ok());
  Result<AlertConfig> c = LoadAlertConfig(Source("examples/ecwatch.toml"));
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->window_seconds == 72 * 3600);
  CHECK(c->backoff_base_seconds == 30);
  CHECK(c->backoff_cap_seconds == 3600);
  REQUIRE(c->sinks.size() == 4);
  CHECK(c->sinks[0].kind == SinkConfig::Kind::kWebhook);
  CHECK(c->sinks[1].to == std::vector<std::string>{"analysts@example.org"});
  CHECK(c->sinks[1].filter.min_severity == "medium");
  CHECK(c->sinks[2].kind == SinkConfig::Kind::kAtom);
  CHECK(c->sinks[3].command.size() == 3);
}

TEST_CASE("alert config errors name the line and the problem", "[app][config]") {
  auto error = [](const std::string& text) {
    Result<AlertConfig> c = ParseAlertConfig("x.toml", text, "");
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().code() == Status::Code::kInvalidArgument);
    return c.status().message();
  };
  CHECK(error("[[sink]]\nname = \"a\"\nkind = \"pager\"\n").find("x.toml:3:") == 0);
  CHECK(error("[[sink]]\nname = \"a\"\nkind = \"webhook\"\nurl = \"ftp://x\"\n")
            .find("http:// or https://") != std::string::npos);
  CHECK(error("[[sink]]\nname = \"a\"\nkind = \"webhook\"\nurl = \"https://x\"\nsecret = 1\n")
            .find("unknown key 'secret'") != std::string::npos);
  CHECK(error("[[sink]]\nname = \"a\"\nkind = \"atom\"\npath = \"f\"\n[[sink]]\nname = \"a\"\n"
              "kind = \"atom\"\npath = \"g\"\n")
            .find("duplicate sink name") != std::string::npos);
  CHECK(error("[[sink]]\nname = \"m\"\nkind = \"email\"\nurl = \"smtp://h\"\n")
            .find("needs 'from' and 'to'") != std::string::npos);
  CHECK(error("[alerts]\nbackoff_base = \"1m\"\nbackoff_cap = \"10s\"\n").find("backoff_cap") !=
        std::string::npos);
}

TEST_CASE("ReadSecret prefers the environment, then the file's first line", "[app][config]") {
  const std::string file = testing::MakeTempDir("secret") + "/pw";
  std::ofstream(file) << "from-file\nsecond line\n";
  CHECK(ReadSecret("", file) == "from-file");
  setenv("ECWATCH_TEST_SECRET", "from-env", 1);
  CHECK(ReadSecret("ECWATCH_TEST_SECRET", file) == "from-env");
  unsetenv("ECWATCH_TEST_SECRET");
  CHECK(ReadSecret("ECWATCH_TEST_SECRET", file) == "from-file");
  CHECK(ReadSecret("", "").empty());
}

}  // namespace
}  // namespace ecwatch
