// `ecwatch reprocess`: re-extract and re-match every captured fetch (WARC)
// without fetching again, after the extractor or the rules improved.
#ifndef ECWATCH_APP_REPROCESS_H_
#define ECWATCH_APP_REPROCESS_H_

#include <string>

#include "app/commands.h"

namespace ecwatch {

// Reads every response/resource record of the WARC directory (warc_dir, else
// the config's [store] warc_dir) fetched on or after since (YYYY-MM-DD, "" =
// all), and stores each through the pipeline as if just fetched: a document
// whose text is unchanged adds nothing; changed text adds a new version with
// its findings and alerts. Damaged records are reported and skipped. Prints a
// summary (--json: an object). Exit codes as ExitCodeFor.
int RunReprocess(const GlobalOptions& g, const std::string& warc_dir, const std::string& since,
                 Streams io);

}  // namespace ecwatch

#endif  // ECWATCH_APP_REPROCESS_H_
