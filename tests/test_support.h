// Helpers shared by the tests: where fixtures and the shared corpus live.
#ifndef ECWATCH_TESTS_TEST_SUPPORT_H_
#define ECWATCH_TESTS_TEST_SUPPORT_H_

#include <string>

namespace ecwatch::testing {

// tests/data of the source tree.
std::string TestDataDir();
// The shared corpus: $ECWATCH_CORPUS, else ../shared/corpus beside the source
// tree; "" when absent (a user's clone), and tests using it then SKIP.
std::string CorpusDir();
// The whole file; fails the test (REQUIRE) when unreadable.
std::string ReadFileOrDie(const std::string& path);
// A fresh empty directory under the build tree, unique per call.
std::string MakeTempDir(const std::string& tag);

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_TEST_SUPPORT_H_
