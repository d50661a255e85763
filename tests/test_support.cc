// Fixture and corpus lookup for the tests.
#include "tests/test_support.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <catch2/catch.hpp>

namespace ecwatch::testing {

std::string TestDataDir() { return std::string(ECWATCH_SOURCE_DIR) + "/tests/data"; }

std::string CorpusDir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("ECWATCH_CORPUS"); env && *env) {
    return fs::is_directory(env) ? std::string(env) : std::string();
  }
  fs::path beside = fs::path(ECWATCH_SOURCE_DIR).parent_path() / "shared" / "corpus";
  return fs::is_directory(beside) ? beside.string() : std::string();
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path);
  REQUIRE(in.good());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string MakeTempDir(const std::string& tag) {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  fs::path dir = fs::path(ECWATCH_BINARY_DIR) / "test-tmp" /
                 (tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

}  // namespace ecwatch::testing
