// Pipeline: THE one-way flow for one document: fetch -> extract -> match ->
// store -> alert. Used by `ecwatch ingest` and by the daemon for each link.
#ifndef ECWATCH_APP_PIPELINE_H_
#define ECWATCH_APP_PIPELINE_H_

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "crawler/fetcher.h"
#include "crawler/warc.h"
#include "extract/article.h"
#include "rules/findings.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace ecwatch {

// What happened to one document.
struct IngestReport {
  Article article;
  Findings findings;
  PutOutcome stored;        // document id, whether new rows were added, alert id
  int64_t fetched_at = 0;
  long http_status = 0;
};

// How the input is to be read.
struct IngestInput {
  std::string target;           // URL, file path, or "-" for stdin
  bool force_text = false;      // --text: treat as plain text whatever it looks like
  std::string source;           // config source name, "" for manual ingestion
  std::string stdin_bytes;      // the bytes, when target is "-"
};

// The stages it wires are borrowed, not owned, and must outlive it. Not
// thread-safe (the Store and Fetcher it borrows are not).
class Pipeline {
 public:
  Pipeline(Fetcher* fetcher, const RuleSet* rules, Store* store, const Clock* clock)
      : fetcher_(fetcher), rules_(rules), store_(store), clock_(clock) {}

  // Reads/fetches, extracts, matches and stores one document. Every fetch
  // attempt, failed or not, is recorded in the fetches table. Errors name the
  // URL or path: NotFound, NetworkError, Unsupported (image, PDF, ...),
  // TooLarge, IoError (database).
  Result<IngestReport> Ingest(const IngestInput& input);

  // Extract only (no rules, no store): for `ecwatch extract`.
  Result<Article> ExtractOnly(const IngestInput& input);

  // Matches and stores an article already extracted (reprocessing, tests).
  Result<IngestReport> MatchAndStore(Article article, int64_t fetched_at);

  // Extracts, matches and stores a document from an earlier capture
  // (`ecwatch reprocess`): no fetch, no fetch record, no new capture.
  Result<IngestReport> IngestCaptured(const FetchResult& captured, const std::string& source);

  // The rest of the flow for a document fetched elsewhere (the crawl's
  // MultiFetcher), in steps so that extraction and matching can run on other
  // threads (app/analyze_pool.h): Capture (WARC), then ExtractFetched and
  // RuleSet::Match and TextKeysOf anywhere (thread-safe), then StoreAnalyzed
  // on the store's thread, which records the fetch (with the extraction
  // error, if any) and stores the document. fetched's body is not needed by
  // StoreAnalyzed; keys are TextKeysOf(article->text) (ignored on an error).
  void Capture(const FetchResult& fetched, const std::string& requested_url);
  static Result<Article> ExtractFetched(const FetchResult& fetched);
  Result<IngestReport> StoreAnalyzed(const FetchResult& fetched, Result<Article> article,
                                     Findings findings, const TextKeys& keys,
                                     const std::string& source);
  const RuleSet* rules() const { return rules_; }

  void set_rules(const RuleSet* rules) { rules_ = rules; }
  // Keeps every successful fetch (not 304) as fetched in WARC files; the
  // writer is borrowed; nullptr (the default) captures nothing. A capture
  // failure is logged and does not fail the ingestion.
  void set_capture(WarcWriter* warc) { warc_ = warc; }

 private:
  struct Loaded {
    std::string url;
    std::string content_type;
    std::string body;
    long http_status = 0;
    int64_t fetched_at = 0;
  };
  Result<Loaded> Load(const IngestInput& input);
  static Loaded FromFetch(const std::string& requested_url, FetchResult fetched);
  Result<IngestReport> ExtractMatchStore(const IngestInput& input, const Loaded& loaded,
                                         bool record_fetch);
  // Stores a matched article; the report without http_status.
  Result<IngestReport> Put(Article article, Findings findings, const TextKeys& keys,
                           int64_t fetched_at);
  // Records a fetch that got a response; an article that could not be
  // extracted is recorded as its error.
  Status RecordFetch(const std::string& url, const std::string& source, long http_status,
                     const Result<Article>& article, int64_t fetched_at);
  static Result<Article> Extract(bool force_text, const std::string& url,
                                 const std::string& content_type, const std::string& body);

  Fetcher* fetcher_;
  const RuleSet* rules_;
  Store* store_;
  const Clock* clock_;
  WarcWriter* warc_ = nullptr;
};

// "file:///abs/path" for a path, the URL itself for a URL; "-" stays "-".
std::string TargetToUrl(const std::string& target);

}  // namespace ecwatch

#endif  // ECWATCH_APP_PIPELINE_H_
