// WarcReader: the records of WARC/1.0-1.1 files, one at a time.
//
// Reads files made of gzip members holding one record each, as WarcWriter
// and other WARC tools write them (uncompressed .warc files and members
// holding several records are not supported). Each record is checked:
// Content-Length against the block actually stored, WARC-Block-Digest and
// WARC-Payload-Digest when they are sha256 (base32 or hex; other algorithms
// are not checked). A torn last member (a crash during a write) ends the
// file cleanly and is reported by torn_tail(). The payload is returned as
// stored: WarcWriter stores decoded bodies, but a file from another tool may
// hold a chunked or gzip-encoded HTTP body, which is not undone here.
// Memory: one record at a time (at most limits::kMaxWarcRecordBytes).
#ifndef ECWATCH_CRAWLER_WARC_READER_H_
#define ECWATCH_CRAWLER_WARC_READER_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace ecwatch {

class WarcMemberStream;  // internal to warc_reader.cc

// "ecwatch-20261128.warc.gz" for days since the Unix epoch.
std::string WarcFileName(int64_t days_since_epoch);
// Inverse of WarcFileName; false for any other name.
bool ParseWarcFileName(std::string_view name, int64_t* days_since_epoch);
// "sha256:" + RFC 4648 base32 (upper case, padded to 56 characters) of the
// SHA-256 of data: the WARC-Payload-Digest / WARC-Block-Digest we write.
std::string WarcSha256Digest(std::string_view data);

struct WarcRecord {
  std::string type;          // WARC-Type: "warcinfo", "response", "resource", ...
  std::string target_uri;    // WARC-Target-URI, "" when absent (warcinfo)
  std::string date;          // WARC-Date as stored, e.g. "2026-11-28T21:44:04Z"
  int64_t date_seconds = 0;  // WARC-Date as Unix seconds (0 when unparsable)
  std::string record_id;     // WARC-Record-ID, e.g. "<urn:uuid:...>"
  long http_status = 0;      // status line of a `response`; 0 for other types
  // `response`: the HTTP Content-Type header ("" when none); other types: the
  // WARC Content-Type of the block.
  std::string content_type;
  // `response`: the HTTP headers in order (names as stored); else empty.
  std::vector<std::pair<std::string, std::string>> headers;
  // `response`: the HTTP body; other types: the whole block.
  std::string payload;
  std::string file;     // file the record came from
  uint64_t offset = 0;  // byte offset of its gzip member in that file
};

// Not thread-safe: one reader per thread.
class WarcReader {
 public:
  // Reads one file. IoError/NotFound when it cannot be opened.
  static Result<std::unique_ptr<WarcReader>> OpenFile(const std::string& path);
  // Reads every DIR/ecwatch-YYYYMMDD.warc.gz in date order, skipping files of
  // days before since_day (days since the epoch; pass 0 for all) and records
  // whose WARC-Date is before that day (or unparsable, when since_day > 0).
  // Other files in DIR are ignored.
  // NotFound when DIR is missing; TooLarge over limits::kMaxWarcFilesPerDir.
  static Result<std::unique_ptr<WarcReader>> OpenDir(const std::string& dir, int64_t since_day);

  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record: true with *record filled, false at the clean end of
  // the last file (a torn final member included, see torn_tail()). Errors
  // concern one record, and the next call continues after it:
  //   Corruption  Content-Length differs from the stored block, a digest
  //               mismatch, a record that is not WARC, a bad gzip member (the
  //               reader then resumes at the next gzip header it finds)
  //   TooLarge    a record over limits::kMaxWarcRecordBytes, or headers over
  //               kMaxWarcHeaderBytes / kMaxHeaderBytes / kMaxWarcHeaderFields
  //   IoError     a read failure (the rest of that file is skipped)
  // Messages name the file and the member's byte offset.
  Result<bool> Next(WarcRecord* record);

  // Files whose last member was torn (cut short), in the order met.
  const std::vector<std::string>& torn_tails() const { return torn_tails_; }
  bool torn_tail() const { return !torn_tails_.empty(); }

 private:
  WarcReader(std::vector<std::string> files, int64_t since_seconds);
  // Opens files_[next_file_] into stream_; false when none is left.
  Result<bool> OpenNextFile();

  std::vector<std::string> files_;
  std::size_t next_file_ = 0;
  int64_t since_seconds_ = 0;
  std::unique_ptr<WarcMemberStream> stream_;
  std::vector<std::string> torn_tails_;
};

// Length of the file without a torn final gzip member: the byte offset where
// that member starts, or the file size when the last member is complete
// (corrupt members before it are kept). WarcWriter truncates to it before
// appending to a file left by a crash. IoError when unreadable.
Result<uint64_t> WarcCompletePrefix(const std::string& path);

// Parses one decompressed record (WARC headers, block, CRLF CRLF) and checks
// its length and digests. Exposed for tests and tools; WarcReader uses it.
Status ParseWarcRecord(const std::string& data, WarcRecord* record);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_WARC_READER_H_
