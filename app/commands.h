// The ecwatch commands, callable without main() (tests call them directly).
//
// Each returns a process exit code (see ExitCodes). Output goes to the given
// streams: results to out, diagnostics ("ecwatch: PATH: cause") to err.
#ifndef ECWATCH_APP_COMMANDS_H_
#define ECWATCH_APP_COMMANDS_H_

#include <cstdint>
#include <iosfwd>
#include <string>

#include "base/status.h"

namespace ecwatch {

// Documented in app/main.cc's opening comment and README.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,      // rules check failed; backtest/try found problems
  kExitUsage = 2,         // bad command line, config or rule files
  kExitNotFound = 3,      // missing file, HTTP 404/410
  kExitNetwork = 4,       // DNS, connect, TLS, timeout, other HTTP errors
  kExitUnsupported = 5,   // not HTML or text (image, PDF, feed given to ingest)
  kExitStore = 6,         // database unreadable or unwritable
  kExitTooLarge = 7,      // an input crossed a cap (see README "Limits")
};
int ExitCodeFor(const Status& status);

// Options shared by commands; empty strings mean "not given".
struct GlobalOptions {
  std::string db;          // --db
  std::string rules;       // --rules
  std::string config;      // --config
  bool json = false;       // --json
  bool force_text = false; // --text
  bool deliver = false;    // ingest --deliver: also deliver due alerts
  bool no_private = false; // ingest --no-private: refuse private addresses (SSRF guard)
  std::string source;      // ingest --source NAME: as the config's source NAME (its rules)
};

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

int RunIngest(const GlobalOptions& g, const std::string& target, Streams io);
int RunExtract(const GlobalOptions& g, const std::string& target, Streams io);
int RunExtractBatch(const std::string& dir, const std::string& out_dir, int jobs, Streams io);
int RunDaemon(const GlobalOptions& g, bool once, Streams io);
int RunRulesCheck(const GlobalOptions& g, const std::string& dir, Streams io);
int RunRulesTry(const GlobalOptions& g, const std::string& dir, const std::string& target,
                Streams io);
int RunRulesBacktest(const GlobalOptions& g, const std::string& dir, const std::string& since,
                     Streams io);
int RunRulesStats(const GlobalOptions& g, Streams io);
// Per source: last success, last error, documents, alerts; then the alert
// outbox (pending, delivered, failed) and the fetch-to-delivery latency
// (median, 95th percentile) over the last day.
int RunStatus(const GlobalOptions& g, Streams io);

// `alerts`: stories, newest first. since is YYYY-MM-DD or an age ("24h",
// "7d"); actor and mineral match exactly (ignoring case); state new|acked.
struct AlertsQuery {
  std::string since;
  std::string actor;
  std::string mineral;
  std::string state;
  int limit = 50;
};
int RunAlertsList(const GlobalOptions& g, const AlertsQuery& query, Streams io);
// `alerts show ID`: the story, every source with its evidence sentence and
// rule, and its deliveries. NotFound (exit 3) for an unknown id.
int RunAlertsShow(const GlobalOptions& g, int64_t id, Streams io);
// `alerts ack ID`: marks the story acknowledged.
int RunAlertsAck(const GlobalOptions& g, int64_t id, Streams io);

// `search QUERY`: FTS5 over stored documents (all words required), best
// first, with snippets; since/until as for alerts; source = config source name.
struct SearchOptions {
  std::string query;
  std::string since;
  std::string until;
  std::string source;
  int limit = 20;
};
int RunSearch(const GlobalOptions& g, const SearchOptions& options, Streams io);

// since-style text -> Unix seconds: "" -> 0, "YYYY-MM-DD" -> its midnight UTC,
// "24h"/"7d"/... -> now minus that. InvalidArgument otherwise.
Result<int64_t> ParseSince(const std::string& text, int64_t now);

// Where the database and the rules are, by precedence:
//   database: --db, $ECWATCH_DB, config [store] path, $XDG_DATA_HOME/ecwatch/ecwatch.db,
//             ~/.local/share/ecwatch/ecwatch.db
//   rules:    --rules, $ECWATCH_RULES, config [rules] dir, rules/sets of the source
//             checkout the binary was built in, the installed default set.
// A given config that fails to load is an error.
Result<std::string> ResolveDbPath(const GlobalOptions& g);
Result<std::string> ResolveRulesDir(const GlobalOptions& g);

}  // namespace ecwatch

#endif  // ECWATCH_APP_COMMANDS_H_
