// ecwatch_extract_batch: the extraction benchmark's driver.
//
// Usage: ecwatch_extract_batch IN_DIR OUT_DIR [JOBS]
// Runs ExtractBatch (extract/batch.h) and prints one summary line
// "pages=N written=N failed=N bytes=N seconds=S" on stdout, failures on
// stderr. Exit codes: 0 done (even with per-page failures), 1 bad usage,
// 2 the batch could not run.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "extract/batch.h"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s IN_DIR OUT_DIR [JOBS]\n", argv[0]);
    return 1;
  }
  int jobs = argc == 4 ? std::atoi(argv[3]) : 1;
  ecwatch::BatchReport report;
  ecwatch::Status status = ecwatch::ExtractBatch(argv[1], argv[2], jobs, &report, nullptr);
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 2;
  }
  for (const std::string& failure : report.failures) std::fprintf(stderr, "%s\n", failure.c_str());
  std::printf("pages=%zu written=%zu failed=%zu bytes=%llu seconds=%.3f\n", report.total,
              report.written, report.failures.size(),
              static_cast<unsigned long long>(report.input_bytes), report.seconds);
  return 0;
}
