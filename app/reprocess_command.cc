// RunReprocess: WARC captures -> extract -> match -> store, with no network.
#include <unistd.h>

#include <iostream>

#include "app/config.h"
#include "app/pipeline.h"
#include "app/reprocess.h"
#include "base/clock.h"
#include "base/json.h"
#include "crawler/warc.h"
#include "crawler/warc_reader.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace ecwatch {
namespace {

int Fail(const Status& status, Streams io) {
  io.err << "ecwatch: " << status.message() << "\n";
  return ExitCodeFor(status);
}

struct Tally {
  int64_t records = 0;    // response/resource records read
  int64_t new_documents = 0;
  int64_t unchanged = 0;
  int64_t alerts = 0;
  int64_t skipped = 0;    // damaged records and documents that failed
};

Result<std::string> WarcDirFor(const GlobalOptions& g, const std::string& given) {
  if (!given.empty()) return given;
  if (g.config.empty()) {
    return Status::InvalidArgument("reprocess needs --warc DIR or --config with [store] warc_dir");
  }
  Result<Config> config = LoadConfig(g.config);
  if (!config.ok()) return config.status();
  if (config->warc_dir.empty()) {
    return Status::InvalidArgument(g.config + ": [store] warc_dir is not set");
  }
  return config->warc_dir;
}

}  // namespace

int RunReprocess(const GlobalOptions& g, const std::string& warc_dir, const std::string& since,
                 Streams io) {
  int64_t since_day = 0;
  if (!since.empty() && !ParseIsoDate(since, &since_day)) {
    return Fail(Status::InvalidArgument("--since must be YYYY-MM-DD, not \"" + since + "\""), io);
  }
  Result<std::string> dir = WarcDirFor(g, warc_dir);
  if (!dir.ok()) return Fail(dir.status(), io);
  Result<std::string> rules_dir = ResolveRulesDir(g);
  if (!rules_dir.ok()) return Fail(rules_dir.status(), io);
  auto rules = RuleSet::LoadDir(rules_dir.value());
  if (!rules.ok()) return Fail(rules.status(), io);
  Result<std::string> db = ResolveDbPath(g);
  if (!db.ok()) return Fail(db.status(), io);
  auto store = Store::Open(db.value());
  if (!store.ok()) return Fail(store.status(), io);
  auto reader = WarcReader::OpenDir(dir.value(), since_day);
  if (!reader.ok()) return Fail(reader.status(), io);

  SystemClock clock;
  Pipeline pipeline(nullptr, rules.value().get(), store.value().get(), &clock);
  const bool tty = &io.err == &std::cerr && isatty(STDERR_FILENO);
  Tally t;
  WarcRecord record;
  while (true) {
    Result<bool> next = reader.value()->Next(&record);
    if (!next.ok()) {
      ++t.skipped;
      io.err << "ecwatch: skipped: " << next.status().message() << "\n";
      continue;
    }
    if (!next.value()) break;
    if (record.type != "response" && record.type != "resource") continue;
    ++t.records;
    Result<IngestReport> report = pipeline.IngestCaptured(FetchResultFromWarc(record), "");
    if (!report.ok()) {
      ++t.skipped;
      io.err << "ecwatch: skipped " << record.target_uri << ": " << report.status().message()
             << "\n";
    } else {
      ++(report->stored.inserted ? t.new_documents : t.unchanged);
      if (report->stored.alert_id != 0) ++t.alerts;
    }
    if (tty && t.records % 50 == 0) io.err << "\rreprocess: " << t.records << " records" << std::flush;
  }
  if (tty) io.err << "\r";
  for (const std::string& torn : reader.value()->torn_tails()) {
    io.err << "ecwatch: " << torn << ": last record torn (cut short), skipped\n";
  }
  if (g.json) {
    io.out << Json{{"records", t.records}, {"new_documents", t.new_documents},
                   {"unchanged", t.unchanged}, {"alerts", t.alerts}, {"skipped", t.skipped}}
                  .dump(2)
           << "\n";
  } else {
    io.out << t.records << " captured fetches reprocessed: " << t.new_documents
           << " new documents, " << t.unchanged << " unchanged, " << t.alerts << " alerts, "
           << t.skipped << " skipped\n";
  }
  return kExitOk;
}

}  // namespace ecwatch
