// Checks README.md's "Limits" table against base/limits.h and tests/: every
// cap constant has a row, and every test a row names (in double quotes, in
// its last column) is a TEST_CASE of the suite. The caps are crossed by the
// module tests the table names, not here.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

std::string Source(const std::string& rel) { return std::string(ECWATCH_SOURCE_DIR) + "/" + rel; }

// Names declared "inline constexpr TYPE kName = ..." in limits.h.
std::vector<std::string> CapNames(const std::string& header) {
  std::vector<std::string> names;
  std::istringstream in(header);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("inline constexpr", 0) != 0) continue;
    const size_t k = line.find(" k");
    if (k == std::string::npos) continue;
    const size_t end = line.find_first_of(" =", k + 1);
    names.push_back(line.substr(k + 1, end - k - 1));
  }
  return names;
}

// The rows of README's Limits table: cap name -> last column.
std::map<std::string, std::string> LimitsRows(const std::string& readme) {
  const size_t start = readme.find("\n## Limits\n");
  const size_t end = readme.find("\n## ", start + 1);
  std::istringstream in(readme.substr(start, end - start));
  std::map<std::string, std::string> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `k", 0) != 0) continue;
    const size_t close = line.find('`', 3);
    rows[line.substr(3, close - 3)] = line.substr(line.rfind(" | ") + 3);
  }
  return rows;
}

// The strings between double quotes of a table cell.
std::vector<std::string> Quoted(const std::string& cell) {
  std::vector<std::string> out;
  for (size_t open = cell.find('"'); open != std::string::npos; open = cell.find('"', open + 1)) {
    const size_t close = cell.find('"', open + 1);
    if (close == std::string::npos) break;
    out.push_back(cell.substr(open + 1, close - open - 1));
    open = close;
  }
  return out;
}

// Every *.cc under tests/, concatenated.
std::string AllTestSources() {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(Source("tests"))) {
    if (entry.path().extension() == ".cc") all += testing::ReadFileOrDie(entry.path().string());
  }
  return all;
}

TEST_CASE("README's Limits table has a row for every cap of base/limits.h", "[base][limits]") {
  const std::vector<std::string> caps = CapNames(testing::ReadFileOrDie(Source("base/limits.h")));
  REQUIRE(caps.size() > 40);
  const auto rows = LimitsRows(testing::ReadFileOrDie(Source("README.md")));
  for (const std::string& cap : caps) {
    INFO(cap);
    CHECK(rows.count(cap) == 1);
  }
}

TEST_CASE("every test named by README's Limits table exists", "[base][limits]") {
  const auto rows = LimitsRows(testing::ReadFileOrDie(Source("README.md")));
  const std::string sources = AllTestSources();
  std::size_t named = 0;
  for (const auto& [cap, cell] : rows) {
    for (const std::string& test : Quoted(cell)) {
      INFO(cap << ": \"" << test << "\"");
      // TEST_CASE("NAME", ...) possibly wrapped after the name.
      CHECK(sources.find("TEST_CASE(\"" + test + "\"") != std::string::npos);
      ++named;
    }
  }
  CHECK(named >= rows.size() - 10);  // the table does name tests
}

}  // namespace
}  // namespace ecwatch
