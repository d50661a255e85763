// WarcWriter: every fetched page kept as fetched, in daily WARC/1.1 files.
//
// Files are DIR/ecwatch-YYYYMMDD.warc.gz, one per UTC day of the injected
// Clock. Each record is its own gzip member (standard tools read the
// concatenation, and a reader can seek to any member). Each file starts with
// a `warcinfo` record; each HTTP(S) fetch is a `response` record and each
// file:// fetch a `resource` record. Read them back with WarcReader
// (crawler/warc_reader.h).
//
// Stored block of a `response` record: an HTTP/1.1 response message, i.e.
//   "HTTP/1.1 <status> <reason>" CRLF, the headers of the final response,
//   CRLF, the body as decoded by curl (gzip/deflate/chunked undone).
// Since the body is stored decoded, Content-Encoding, Transfer-Encoding and
// Content-Length are dropped from the stored headers and one
// "Content-Length: <stored body length>" is written instead. The status line
// is always written as HTTP/1.1 (HTTP/2 has no reason phrase and readers
// expect one). When FetchResult::raw_headers is empty the headers are
// synthesised from content_type, etag and last_modified.
//
// Digests: WARC-Payload-Digest (the HTTP body; for `resource` the whole block)
// and WARC-Block-Digest (the whole block) are "sha256:" + RFC 4648 base32 of
// the SHA-256, upper case, padded ("sha256:" + 56 characters), the
// convention of other WARC tools.
//
// Crash safety: a record is durable when AppendResponse returns Ok. A crash
// mid-write leaves at most one torn member at the end of the file; readers
// skip it (WarcReader::torn_tail()) and the next writer opening that day's
// file truncates it away first, which costs one read of that file. Files are
// opened O_APPEND, each member goes out in one write() under an flock(2) of
// the file, so two processes (or writers) appending to the same day's file
// neither interleave records nor truncate each other's record in flight.
#ifndef ECWATCH_CRAWLER_WARC_H_
#define ECWATCH_CRAWLER_WARC_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "crawler/fetcher.h"
#include "crawler/warc_reader.h"

namespace ecwatch {

// The FetchResult a `response` or `resource` record stands for, so that a
// reprocess feeds stored pages through the same path as fresh fetches:
// final_url = WARC-Target-URI, http_status (0 for `resource`), content_type,
// body = payload, etag and last_modified from the stored headers,
// fetched_at = WARC-Date, raw_headers = the stored header lines.
FetchResult FetchResultFromWarc(const WarcRecord& record);

// Appends records to today's file. Thread-safe: appends are serialised by an
// internal mutex. The Clock must outlive the writer.
class WarcWriter {
 public:
  // Creates DIR (one level) if missing. The first Append opens the file of
  // the clock's current UTC day. Fails with IoError when DIR cannot be
  // created or is not a directory.
  static Result<std::unique_ptr<WarcWriter>> Open(const std::string& dir, const Clock* clock);

  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Writes one record for a successful fetch: `response` for http(s), a
  // `resource` record when final_url (else request_url) is a file:// URL or
  // http_status is 0. WARC-Target-URI is final_url (request_url when
  // final_url is empty); WARC-Date is fetched_at (the clock's now when 0).
  // A 304 (not_modified) result carries no body and is not written (Ok).
  // Opens the day's file (rotating when the UTC day changed since the last
  // append); a new file begins with a `warcinfo` record. The record is one
  // gzip member written with a single write() and fdatasync'd before this
  // returns. Errors: IoError (open/write/sync; the file is truncated back to
  // its last complete member when possible), TooLarge (body over
  // limits::kMaxBodyBytes or headers over limits::kMaxHeaderBytes).
  Status AppendResponse(const FetchResult& fetched, const std::string& request_url);

  // Path of the file last written to; "" before the first append.
  std::string current_path() const;

  // Deletes DIR/ecwatch-YYYYMMDD.warc.gz files whose day is older than
  // retention_days before the clock's current UTC day (retention_days = 1
  // keeps only today's file; <= 0 deletes nothing and returns
  // InvalidArgument). Other files are left alone. *deleted (if not null)
  // receives the number of files removed. IoError names the first file that
  // could not be removed (the others are still tried).
  static Status Prune(const std::string& dir, int retention_days, const Clock& clock,
                      int* deleted = nullptr);

 private:
  WarcWriter(std::string dir, const Clock* clock);
  Status OpenDay(int64_t day);
  // Appends one complete gzip member with one write(), then fdatasync;
  // WriteMember takes the file's flock, WriteLocked expects it held.
  Status WriteMember(const std::string& member);
  Status WriteLocked(const std::string& member);
  void CloseFile();

  const std::string dir_;
  const Clock* const clock_;
  mutable std::mutex mu_;
  int fd_ = -1;       // guarded by mu_
  int64_t day_ = -1;  // day of fd_'s file
  std::string path_;  // path of fd_'s file
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_WARC_H_
