// Batch extraction: a directory of pages -> a directory of text files, as
// `ecwatch extract --batch DIR --out OUTDIR --jobs N` and the extraction
// benchmark run it.
#ifndef ECWATCH_EXTRACT_BATCH_H_
#define ECWATCH_EXTRACT_BATCH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/limits.h"
#include "base/status.h"

namespace ecwatch {

struct BatchReport {
  size_t total = 0;      // inputs found
  size_t written = 0;    // NAME.txt files written
  std::vector<std::string> failures;  // "NAME: <status>", sorted by NAME
  uint64_t input_bytes = 0;           // bytes of HTML read
  double seconds = 0;                 // wall time of the extraction
};

// Caps of one batch. The defaults are the limits.h constants; tests lower them.
struct BatchLimits {
  size_t max_files = limits::kMaxBatchFiles;  // pages listed in in_dir
};

// Reads every NAME.html / NAME.htm in `in_dir`, and every NAME/page.html of
// a directory of case folders (the corpus layout), and writes
// `out_dir`/NAME.txt = Article::text + "\n" (what `ecwatch extract` prints).
// `out_dir` is created if missing. A page that cannot be read, extracted or
// written is listed in report->failures and skipped; that is not an error.
// Uses `jobs` threads (at least 1). `progress` (may be empty) is called after
// each page with (done, total), from one thread at a time.
// Returns NotFound when `in_dir` is not a directory, IoError when `out_dir`
// cannot be created, InvalidArgument for jobs < 1, TooLarge "IN_DIR: more
// than N pages" when `in_dir` holds more than caps.max_files pages (nothing
// is then extracted).
Status ExtractBatch(const std::string& in_dir, const std::string& out_dir, int jobs,
                    BatchReport* report,
                    const std::function<void(size_t done, size_t total)>& progress,
                    const BatchLimits& caps = BatchLimits());

}  // namespace ecwatch

#endif  // ECWATCH_EXTRACT_BATCH_H_
