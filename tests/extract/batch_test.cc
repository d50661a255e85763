// Tests for extract/batch.h.
#include "extract/batch.h"

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "base/limits.h"
#include "extract/extractor.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;
using testing::MakeTempDir;
using testing::ReadFileOrDie;

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const char kPage[] =
    "<html><body><article><p>First paragraph of the story, with enough words to count.</p>"
    "<p>Second paragraph, also long enough to be part of the article text.</p></article></body></html>";

TEST_CASE("ExtractBatch writes NAME.txt as `ecwatch extract` prints it", "[batch]") {
  fs::path in = MakeTempDir("batch-in"), out = fs::path(MakeTempDir("batch-out")) / "new";
  Write(in / "one.html", kPage);
  Write(in / "case-two" / "page.html", kPage);  // corpus layout
  Write(in / "ignored.css", "p{}");
  BatchReport report;
  std::vector<size_t> seen;
  Status s = ExtractBatch(in.string(), out.string(), 2, &report,
                          [&](size_t done, size_t total) { seen.push_back(done * 100 + total); });
  REQUIRE(s.ok());
  CHECK(report.total == 2);
  CHECK(report.written == 2);
  CHECK(report.failures.empty());
  CHECK(report.input_bytes == 2 * (sizeof(kPage) - 1));
  CHECK(seen == std::vector<size_t>{102, 202});
  Result<Article> a = ExtractHtml("x", "", kPage);
  CHECK(ReadFileOrDie((out / "one.txt").string()) == a->text + "\n");
  CHECK(ReadFileOrDie((out / "case-two.txt").string()) == a->text + "\n");
}

TEST_CASE("ExtractBatch reports a bad file and goes on", "[batch]") {
  fs::path in = MakeTempDir("batch-in"), out = MakeTempDir("batch-out");
  Write(in / "good.html", kPage);
  Write(in / "huge.html", std::string(limits::kMaxHtmlBytes + 1, 'x'));
  Write(in / "also-good.htm", kPage);
  BatchReport report;
  REQUIRE(ExtractBatch(in.string(), out.string(), 1, &report, nullptr).ok());
  CHECK(report.total == 3);
  CHECK(report.written == 2);
  REQUIRE(report.failures.size() == 1);
  CHECK(report.failures[0].rfind("huge: too large", 0) == 0);
  CHECK_FALSE(fs::exists(out / "huge.txt"));
  CHECK(fs::exists(out / "good.txt"));
  CHECK(fs::exists(out / "also-good.txt"));
}

TEST_CASE("ExtractBatch refuses a directory of more than max_files pages (kMaxBatchFiles)",
          "[batch][limits]") {
  REQUIRE(BatchLimits().max_files == limits::kMaxBatchFiles);
  fs::path in = MakeTempDir("batch-in"), out = MakeTempDir("batch-out");
  for (const char* name : {"a.html", "b.htm", "c.html"}) Write(in / name, kPage);
  Write(in / "d" / "page.html", kPage);  // corpus layout counts too
  BatchLimits caps;
  caps.max_files = 3;
  BatchReport report;
  Status s = ExtractBatch(in.string(), out.string(), 1, &report, nullptr, caps);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kTooLarge);
  CHECK(s.message() == in.string() + ": more than 3 pages");
  CHECK_FALSE(fs::exists(out / "a.txt"));
  caps.max_files = 4;  // at the cap: all extracted
  REQUIRE(ExtractBatch(in.string(), out.string(), 1, &report, nullptr, caps).ok());
  CHECK(report.written == 4);
}

TEST_CASE("ExtractBatch fails on a missing input dir and bad jobs", "[batch]") {
  BatchReport report;
  CHECK(ExtractBatch("/nonexistent-ecwatch-dir", MakeTempDir("o"), 1, &report, nullptr).code() ==
        Status::Code::kNotFound);
  CHECK(ExtractBatch(MakeTempDir("i"), MakeTempDir("o"), 0, &report, nullptr).code() ==
        Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ecwatch
