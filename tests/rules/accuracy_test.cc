// Accuracy floors of the default sets on the labelled dev stories of the
// shared corpus (skipped when absent). Floors sit slightly under the values
// measured by bench/rules (see bench/rules/RESULTS.md).
#include "rules/accuracy.h"

#include <catch2/catch.hpp>

#include "tests/rules/rules_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

TEST_CASE("Default sets meet the accuracy floors on reuters-dev", "[rules][accuracy]") {
  const std::string dir = testing::CorpusDir();
  if (dir.empty()) {
    WARN("corpus absent");
    return;
  }
  const std::string jsonl = testing::ReadFileOrDie(dir + "/rules/reuters-dev.jsonl");
  auto report = ScoreLabelled(testing::DefaultSets(), jsonl);
  REQUIRE(report.ok());
  const AccuracyReport& r = report.value();
  INFO(r.ToString());
  CHECK(r.documents == 236);
  // Required: 0.85 / 0.90 / 0.85. Measured 2026-11-28: 1.000 / 0.993 / 1.000
  // (4 of 4); floors sit slightly under the measured values.
  CHECK(r.export_control.F1() >= 0.95);
  CHECK(r.minerals.F1() >= 0.98);
  CHECK(r.DurationExactRate() >= 0.95);
}

TEST_CASE("ScoreLabelled counts hits and misses", "[rules][accuracy]") {
  const std::string jsonl =
      R"({"id":"a","title":"","date":"2025-11-07","text":"China suspended export controls on gallium for one year.","export_control":true,"action":"suspend","minerals":["gallium"],"duration_days":365})"
      "\n"
      R"({"id":"b","title":"","date":"2025-11-07","text":"Lead manager was Morgan.","export_control":false,"action":null,"minerals":["tin"],"duration_days":null})"
      "\n";
  auto report = ScoreLabelled(testing::DefaultSets(), jsonl);
  REQUIRE(report.ok());
  const AccuracyReport& r = report.value();
  CHECK(r.documents == 2);
  CHECK(r.export_control.tp == 1);
  CHECK(r.export_control.fp == 0);
  CHECK(r.minerals.tp == 1);
  CHECK(r.minerals.fn == 1);
  CHECK(r.duration_exact == 1);
  CHECK(r.action_correct == 1);
  CHECK_FALSE(ScoreLabelled(testing::DefaultSets(), "not json\n").ok());
}

}  // namespace
}  // namespace ecwatch
