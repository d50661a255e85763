// ecwatch: watches trade news for export-control moves.
//
// Usage (see `ecwatch --help` and README.md):
//   ecwatch ingest <URL|FILE|->        fetch/read, extract, match, store one document
//   ecwatch extract <URL|FILE|->       print the extracted main text
//   ecwatch extract --batch DIR --out OUTDIR [--jobs N]
//   ecwatch run --config FILE [--once] the daemon: poll sources on schedule
//   ecwatch rules check|try|backtest|stats   rule authoring
//   ecwatch alerts [--since --actor --mineral --state]   list alerts (stories)
//   ecwatch alerts show ID | ack ID    one alert with its sources; acknowledge it
//   ecwatch search QUERY               full-text search over stored documents
//   ecwatch status                     per source: last success, last error, counts
//   ecwatch reprocess [--since DATE]   re-extract/re-match WARC captures, no fetching
//
// Exit codes: 0 ok; 1 rules check failed or problems found; 2 bad command
// line, config or rule files; 3 not found (missing file, HTTP 404/410);
// 4 network or HTTP error; 5 unsupported content (image, PDF, ...);
// 6 database unreadable or unwritable; 7 an input crossed a size cap.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/allocator.h"
#include "app/commands.h"
#include "app/reprocess.h"
#include "base/log.h"
#include "crawler/fetcher.h"

namespace {

using ecwatch::GlobalOptions;

void AddGlobal(CLI::App* cmd, GlobalOptions* g) {
  cmd->add_option("--db", g->db, "SQLite database (default: $ECWATCH_DB, [store] path, "
                                 "~/.local/share/ecwatch/ecwatch.db)");
  cmd->add_option("--rules", g->rules, "rule directory (default: $ECWATCH_RULES, [rules] dir, "
                                       "the bundled set)");
  cmd->add_option("--config", g->config, "TOML config file (see examples/ecwatch.toml)");
}

}  // namespace

int main(int argc, char** argv) {
  ecwatch::TuneAllocator();
  ecwatch::CurlGlobal curl;
  CLI::App app{"ecwatch: watches trade news for export-control moves and raises alerts.\n"
               "Exit codes: 0 ok, 1 check failed, 2 usage/config/rules, 3 not found, "
               "4 network, 5 unsupported content, 6 database, 7 too large."};
  app.require_subcommand(1);
  GlobalOptions g;
  std::string target, batch_dir, out_dir, since, log_level = "warn";
  int jobs = 1;
  bool once = false;
  app.add_option("--log-level", log_level, "debug, info, warn or error (run: from the config)");

  CLI::App* ingest = app.add_subcommand("ingest", "Fetch or read one page, extract, match, store");
  AddGlobal(ingest, &g);
  ingest->add_option("target", target, "URL (http, https, file), file path, or - for stdin")
      ->required();
  ingest->add_flag("--json", g.json, "print one JSON object");
  ingest->add_flag("--text", g.force_text, "treat the input as plain text, not HTML");
  ingest->add_flag("--no-private", g.no_private,
                   "refuse loopback, private and link-local addresses (also after redirects "
                   "and DNS); [crawler] allow_private ranges excepted");
  ingest->add_flag("--deliver", g.deliver, "also deliver due alerts to the config's sinks "
                                           "(default: only create/update the alert)");
  ingest->add_option("--source", g.source, "ingest as the --config source NAME: matched with its "
                                           "rules (its `rules` dir, else as --rules), recorded "
                                           "under its name");

  CLI::App* extract = app.add_subcommand("extract", "Print the main text of a page");
  AddGlobal(extract, &g);
  extract->add_option("target", target, "URL, file path, or - for stdin");
  extract->add_flag("--json", g.json, "print url, title, published, ... and text as JSON");
  extract->add_flag("--text", g.force_text, "treat the input as plain text");
  extract->add_option("--batch", batch_dir, "extract every NAME.html (or NAME/page.html) of DIR");
  extract->add_option("--out", out_dir, "with --batch: write OUTDIR/NAME.txt");
  extract->add_option("--jobs", jobs, "with --batch: worker threads")->check(CLI::Range(1, 64));

  CLI::App* run = app.add_subcommand("run", "The daemon: poll the config's sources on schedule");
  AddGlobal(run, &g);
  run->add_flag("--once", once, "poll every source once, print the alerts raised, exit");

  CLI::App* rules = app.add_subcommand("rules", "Rule authoring: check, try, backtest, stats");
  rules->require_subcommand(1);
  std::string rules_dir;
  CLI::App* check = rules->add_subcommand("check", "Compile rule files, run their examples");
  check->add_option("dir", rules_dir, "rule directory (default: as --rules)");
  AddGlobal(check, &g);
  CLI::App* try_cmd = rules->add_subcommand("try", "Show what the rules match in one page");
  std::vector<std::string> try_args;
  try_cmd->add_option("args", try_args, "[DIR] <URL|FILE|->")->required()->expected(1, 2);
  try_cmd->add_flag("--json", g.json, "print the findings as JSON");
  try_cmd->add_flag("--text", g.force_text, "treat the input as plain text");
  AddGlobal(try_cmd, &g);
  CLI::App* backtest = rules->add_subcommand("backtest", "Re-run rules over stored documents "
                                                         "(read-only) and compare");
  backtest->add_option("dir", rules_dir, "rule directory to test (default: as --rules)");
  backtest->add_option("--since", since, "only documents fetched on or after DATE (YYYY-MM-DD)");
  backtest->add_flag("--json", g.json, "print the comparison as JSON");
  AddGlobal(backtest, &g);
  CLI::App* stats = rules->add_subcommand("stats", "Hits per rule over the store");
  stats->add_flag("--json", g.json, "print as JSON");
  AddGlobal(stats, &g);

  CLI::App* status = app.add_subcommand("status", "Per source: last success, last error, "
                                                  "documents, alerts");
  status->add_flag("--json", g.json, "print as JSON");
  AddGlobal(status, &g);

  ecwatch::AlertsQuery alerts_query;
  CLI::App* alerts = app.add_subcommand("alerts", "List alerts (one per real-world move), "
                                                  "show one, acknowledge one");
  alerts->add_option("--limit", alerts_query.limit, "at most N alerts (default 50)");
  alerts->add_option("--since", alerts_query.since, "last seen on or after YYYY-MM-DD, or "
                                                    "within an age like 24h or 7d");
  alerts->add_option("--actor", alerts_query.actor, "only this actor (e.g. China)");
  alerts->add_option("--mineral", alerts_query.mineral, "only alerts naming this mineral");
  alerts->add_option("--state", alerts_query.state, "new or acked");
  alerts->add_flag("--json", g.json, "print as JSON");
  AddGlobal(alerts, &g);
  int64_t alert_id = 0;
  CLI::App* show = alerts->add_subcommand("show", "One alert: every source, evidence, deliveries");
  show->add_option("id", alert_id, "alert id")->required();
  show->add_flag("--json", g.json, "print as JSON");
  AddGlobal(show, &g);
  CLI::App* ack = alerts->add_subcommand("ack", "Mark an alert acknowledged");
  ack->add_option("id", alert_id, "alert id")->required();
  ack->add_flag("--json", g.json, "print as JSON");
  AddGlobal(ack, &g);

  ecwatch::SearchOptions search_options;
  CLI::App* reprocess = app.add_subcommand(
      "reprocess", "Re-extract and re-match captured fetches (WARC) without fetching again");
  std::string warc_dir;
  reprocess->add_option("--warc", warc_dir, "WARC directory (default: the config's [store] warc_dir)");
  reprocess->add_option("--since", since, "only captures fetched on or after DATE (YYYY-MM-DD)");
  reprocess->add_flag("--json", g.json, "print the summary as JSON");
  AddGlobal(reprocess, &g);

  CLI::App* search = app.add_subcommand("search", "Full-text search of stored documents");
  search->add_option("query", search_options.query, "words, all required")->required();
  search->add_option("--since", search_options.since, "fetched on or after (YYYY-MM-DD or 7d)");
  search->add_option("--until", search_options.until, "fetched before (YYYY-MM-DD or 7d)");
  search->add_option("--source", search_options.source, "only documents of this config source");
  search->add_option("--limit", search_options.limit, "at most N results (default 20)");
  search->add_flag("--json", g.json, "print as JSON");
  AddGlobal(search, &g);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : ecwatch::kExitUsage;
  }
  ecwatch::LogLevel level = ecwatch::LogLevel::kWarn;
  if (!ecwatch::ParseLogLevel(log_level, &level)) {
    std::cerr << "ecwatch: --log-level must be debug, info, warn or error\n";
    return ecwatch::kExitUsage;
  }
  ecwatch::SetLogLevel(run->parsed() ? ecwatch::LogLevel::kInfo : level);
  ecwatch::Streams io{std::cin, std::cout, std::cerr};

  if (ingest->parsed()) return ecwatch::RunIngest(g, target, io);
  if (reprocess->parsed()) return ecwatch::RunReprocess(g, warc_dir, since, io);
  if (extract->parsed()) {
    if (!batch_dir.empty()) {
      if (out_dir.empty()) {
        std::cerr << "ecwatch: extract --batch needs --out OUTDIR\n";
        return ecwatch::kExitUsage;
      }
      return ecwatch::RunExtractBatch(batch_dir, out_dir, jobs, io);
    }
    if (target.empty()) {
      std::cerr << "ecwatch: extract needs a URL, FILE or -\n";
      return ecwatch::kExitUsage;
    }
    return ecwatch::RunExtract(g, target, io);
  }
  if (run->parsed()) return ecwatch::RunDaemon(g, once, io);
  if (check->parsed()) return ecwatch::RunRulesCheck(g, rules_dir, io);
  if (try_cmd->parsed()) {
    std::string dir = try_args.size() == 2 ? try_args[0] : std::string();
    return ecwatch::RunRulesTry(g, dir, try_args.back(), io);
  }
  if (backtest->parsed()) return ecwatch::RunRulesBacktest(g, rules_dir, since, io);
  if (stats->parsed()) return ecwatch::RunRulesStats(g, io);
  if (show->parsed()) return ecwatch::RunAlertsShow(g, alert_id, io);
  if (ack->parsed()) return ecwatch::RunAlertsAck(g, alert_id, io);
  if (alerts->parsed()) return ecwatch::RunAlertsList(g, alerts_query, io);
  if (search->parsed()) return ecwatch::RunSearch(g, search_options, io);
  if (status->parsed()) return ecwatch::RunStatus(g, io);
  return ecwatch::kExitUsage;
}
