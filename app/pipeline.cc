// Pipeline::Ingest: one document through fetch -> extract -> match -> store.
#include "app/pipeline.h"

#include <filesystem>

#include "base/log.h"
#include "extract/extractor.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

bool LooksLikeUrl(const std::string& target) {
  return target.find("://") != std::string::npos;
}

}  // namespace

std::string TargetToUrl(const std::string& target) {
  if (target == "-" || LooksLikeUrl(target)) return target;
  return "file://" + fs::absolute(target).lexically_normal().string();
}

Result<Pipeline::Loaded> Pipeline::Load(const IngestInput& input) {
  Loaded loaded;
  loaded.fetched_at = clock_->NowSeconds();
  if (input.target == "-") {
    if (input.stdin_bytes.size() > limits::kMaxBodyBytes) {
      return Status::TooLarge("stdin: larger than " + std::to_string(limits::kMaxBodyBytes) +
                              " bytes");
    }
    loaded.url = "stdin:";
    loaded.body = input.stdin_bytes;
    return loaded;
  }
  loaded.url = TargetToUrl(input.target);
  long status = 0;
  Result<FetchResult> fetched = fetcher_->Fetch(FetchRequest{loaded.url, "", ""}, &status);
  FetchRecord record{loaded.url, input.source, status, "", loaded.fetched_at};
  if (!fetched.ok()) {
    record.error = fetched.status().message();
    if (store_) store_->RecordFetch(record);  // best effort: the fetch error is what we report
    return fetched.status();
  }
  Capture(fetched.value(), loaded.url);
  Loaded from_fetch = FromFetch(loaded.url, std::move(fetched).value());
  from_fetch.fetched_at = loaded.fetched_at;
  return from_fetch;
}

Pipeline::Loaded Pipeline::FromFetch(const std::string& requested_url, FetchResult fetched) {
  Loaded loaded;
  loaded.url = fetched.final_url.empty() ? requested_url : fetched.final_url;
  loaded.content_type = fetched.content_type;
  loaded.body = std::move(fetched.body);
  loaded.http_status = fetched.http_status;
  loaded.fetched_at = fetched.fetched_at;
  return loaded;
}

Result<Article> Pipeline::Extract(bool force_text, const std::string& url,
                                  const std::string& content_type, const std::string& body) {
  DocumentKind kind =
      force_text ? DocumentKind::kText : ClassifyDocument(content_type, url, body);
  switch (kind) {
    case DocumentKind::kText:
      return ExtractPlainText(url, content_type, body);
    case DocumentKind::kHtml:
      return ExtractHtml(url, content_type, body);
    case DocumentKind::kFeed:
      return Status::Unsupported(url + ": is a feed, not an article (add it as a [[source]])");
    case DocumentKind::kUnsupported:
      break;
  }
  std::string type = content_type.empty() ? "unknown type" : content_type;
  return Status::Unsupported(url + ": neither HTML nor text (" + type + ")");
}

Result<Article> Pipeline::ExtractOnly(const IngestInput& input) {
  Result<Loaded> loaded = Load(input);
  if (!loaded.ok()) return loaded.status();
  return Extract(input.force_text, loaded->url, loaded->content_type, loaded->body);
}

Result<IngestReport> Pipeline::MatchAndStore(Article article, int64_t fetched_at) {
  Findings findings = rules_->Match(article);
  const TextKeys keys = TextKeysOf(article.text);
  return Put(std::move(article), std::move(findings), keys, fetched_at);
}

Result<IngestReport> Pipeline::Put(Article article, Findings findings, const TextKeys& keys,
                                   int64_t fetched_at) {
  IngestReport report;
  report.findings = std::move(findings);
  report.fetched_at = fetched_at;
  Result<PutOutcome> put = store_->PutDocument(article, report.findings, fetched_at, keys);
  if (!put.ok()) return put.status();
  report.stored = put.value();
  report.article = std::move(article);
  return report;
}

Status Pipeline::RecordFetch(const std::string& url, const std::string& source, long http_status,
                             const Result<Article>& article, int64_t fetched_at) {
  // The fetch succeeded; a body we cannot use is recorded as its error.
  return store_->RecordFetch(FetchRecord{url, source, http_status,
                                         article.ok() ? "" : article.status().message(),
                                         fetched_at});
}

Result<IngestReport> Pipeline::Ingest(const IngestInput& input) {
  Result<Loaded> loaded = Load(input);
  if (!loaded.ok()) return loaded.status();
  return ExtractMatchStore(input, loaded.value(), input.target != "-");
}

Result<IngestReport> Pipeline::IngestCaptured(const FetchResult& captured,
                                              const std::string& source) {
  Loaded loaded = FromFetch(captured.final_url, captured);
  return ExtractMatchStore(IngestInput{loaded.url, false, source, ""}, loaded, false);
}

void Pipeline::Capture(const FetchResult& fetched, const std::string& requested_url) {
  if (warc_ == nullptr || fetched.not_modified()) return;
  if (Status s = warc_->AppendResponse(fetched, requested_url); !s.ok()) {
    LogError("WARC capture failed: " + s.message());
  }
}

Result<Article> Pipeline::ExtractFetched(const FetchResult& fetched) {
  return Extract(false, fetched.final_url, fetched.content_type, fetched.body);
}

Result<IngestReport> Pipeline::StoreAnalyzed(const FetchResult& fetched, Result<Article> article,
                                             Findings findings, const TextKeys& keys,
                                             const std::string& source) {
  Status recorded =
      RecordFetch(fetched.final_url, source, fetched.http_status, article, fetched.fetched_at);
  if (!recorded.ok()) return recorded;
  if (!article.ok()) return article.status();
  Result<IngestReport> report =
      Put(std::move(article).value(), std::move(findings), keys, fetched.fetched_at);
  if (report.ok()) report->http_status = fetched.http_status;
  return report;
}

Result<IngestReport> Pipeline::ExtractMatchStore(const IngestInput& input,
                                                 const Loaded& loaded, bool record_fetch) {
  Result<Article> article = Extract(input.force_text, loaded.url, loaded.content_type, loaded.body);
  if (record_fetch) {
    Status recorded =
        RecordFetch(loaded.url, input.source, loaded.http_status, article, loaded.fetched_at);
    if (!recorded.ok()) return recorded;
  }
  if (!article.ok()) return article.status();
  Result<IngestReport> report = MatchAndStore(std::move(article).value(), loaded.fetched_at);
  if (report.ok()) report->http_status = loaded.http_status;
  return report;
}

}  // namespace ecwatch
