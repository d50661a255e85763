// Pins ParseToml: values, source positions and file:line:col errors.
#include "base/toml.h"

#include <catch2/catch.hpp>

namespace ecwatch {

TEST_CASE("ParseToml keeps values and their lines", "[base][toml]") {
  auto r = ParseToml("c.toml", "a = 'x'\n[t]\nn = 3\nlist = [1, 2]\n", 1 << 20);
  REQUIRE(r.ok());
  const TomlValue* a = r->Find("a");
  REQUIRE(a);
  CHECK(a->str == "x");
  CHECK(a->line == 1);
  const TomlValue* n = r->Find("t")->Find("n");
  REQUIRE(n);
  CHECK(n->integer == 3);
  CHECK(n->line == 3);
  CHECK(r->Find("t")->Find("list")->array.size() == 2);
  CHECK(r->Find("missing") == nullptr);
}

TEST_CASE("ParseToml reports syntax errors as file:line:col", "[base][toml]") {
  auto r = ParseToml("bad.toml", "a = 1\nb = [1,\n", 1 << 20);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("bad.toml:", 0) == 0);
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("ParseToml refuses input over the cap", "[base][toml]") {
  auto r = ParseToml("big.toml", std::string(100, '#'), 10);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTooLarge);
}

}  // namespace ecwatch
