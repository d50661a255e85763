// WarcWriter: daily WARC/1.1 files of gzip members, appended crash-safely.
//
// This file's external interface is WarcWriter (crawler/warc.h). Records are
// built as text, deflated into one gzip member, written with one write() and
// fdatasync'd. A file left with a torn last member by a crash is truncated
// back to its complete members when reopened. Tested by
// tests/crawler/warc_test.cc.
#include "crawler/warc.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>
#include <vector>

#include "base/limits.h"
#include "base/log.h"

namespace ecwatch {

namespace {

constexpr char kSoftware[] = "ecwatch/0.1";
constexpr int64_t kSecondsPerDay = 86400;

using Fields = std::vector<std::pair<std::string, std::string>>;

// "<urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx>" from 16 random bytes.
std::string RandomRecordId() {
  unsigned char b[16];
  if (getrandom(b, sizeof b, 0) != static_cast<ssize_t>(sizeof b)) {
    std::random_device device;
    for (unsigned char& c : b) c = static_cast<unsigned char>(device());
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* kHex = "0123456789abcdef";
  std::string out = "<urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out + ">";
}

const char* ReasonPhrase(long status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 304:
      return "Not Modified";
    default:
      return status >= 200 && status < 300 ? "Success" : "Other";
  }
}

bool NameIs(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

// The stored header lines: the final response's own minus the framing
// headers that no longer describe the decoded body, or synthesised ones.
std::string StoredHeaders(const FetchResult& fetched) {
  std::string out;
  if (fetched.raw_headers.empty()) {
    if (!fetched.content_type.empty()) out += "Content-Type: " + fetched.content_type + "\r\n";
    if (!fetched.etag.empty()) out += "ETag: " + fetched.etag + "\r\n";
    if (!fetched.last_modified.empty()) out += "Last-Modified: " + fetched.last_modified + "\r\n";
  } else {
    std::string_view rest = fetched.raw_headers;
    while (!rest.empty()) {
      const std::size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.find(':') == std::string_view::npos) continue;
      if (NameIs(line, "content-encoding") || NameIs(line, "transfer-encoding") ||
          NameIs(line, "content-length")) {
        continue;
      }
      out.append(line);
      out += "\r\n";
    }
  }
  return out + "Content-Length: " + std::to_string(fetched.body.size()) + "\r\n";
}

std::string HttpBlock(const FetchResult& fetched) {
  return "HTTP/1.1 " + std::to_string(fetched.http_status) + " " +
         ReasonPhrase(fetched.http_status) + "\r\n" + StoredHeaders(fetched) + "\r\n" +
         fetched.body;
}

// "WARC/1.1" CRLF, the fields, Content-Length, CRLF, block, CRLF CRLF.
std::string RecordText(const Fields& fields, std::string_view block) {
  std::string out = "WARC/1.1\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  out.append(block);
  out += "\r\n\r\n";
  return out;
}

// RAII owner of one zlib deflate state producing a gzip member.
class Deflater {
 public:
  Deflater() {
    std::memset(&zs_, 0, sizeof zs_);
    ok_ = deflateInit2(&zs_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok_) deflateEnd(&zs_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // One complete gzip member of data; false on a zlib failure.
  bool Compress(std::string_view data, std::string* out) {
    if (!ok_) return false;
    out->resize(deflateBound(&zs_, data.size()));
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs_.avail_in = static_cast<uInt>(data.size());
    zs_.next_out = reinterpret_cast<Bytef*>(out->data());
    zs_.avail_out = static_cast<uInt>(out->size());
    const int rc = deflate(&zs_, Z_FINISH);
    out->resize(zs_.total_out);
    return rc == Z_STREAM_END;
  }

 private:
  z_stream zs_;
  bool ok_ = false;
};

// RAII flock(LOCK_EX) on an open file: serialises the writers of one file,
// across processes too, so that a writer checking the tail for a crash never
// sees another's record half-written. Best effort: a failed lock is ignored.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {
    while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~FileLock() { flock(fd_, LOCK_UN); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  const int fd_;
};

bool IsFileUrl(const std::string& url) {
  return url.size() >= 5 && (url.compare(0, 5, "file:") == 0 || url.compare(0, 5, "FILE:") == 0);
}

int64_t DayOf(int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / kSecondsPerDay
                           : (unix_seconds - kSecondsPerDay + 1) / kSecondsPerDay;
}

}  // namespace

WarcWriter::WarcWriter(std::string dir, const Clock* clock) : dir_(std::move(dir)), clock_(clock) {}

WarcWriter::~WarcWriter() { CloseFile(); }

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(const std::string& dir, const Clock* clock) {
  if (dir.empty() || clock == nullptr) return Status::InvalidArgument("WARC directory not set");
  if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return Status::FromErrno(dir, errno);
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return Status::FromErrno(dir, errno);
  if (!S_ISDIR(st.st_mode)) return Status::IoError(dir + ": not a directory");
  return std::unique_ptr<WarcWriter>(new WarcWriter(dir, clock));
}

std::string WarcWriter::current_path() const {
  std::lock_guard<std::mutex> lock(mu_);
  return path_;
}

void WarcWriter::CloseFile() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  day_ = -1;
  path_.clear();
}

Status WarcWriter::OpenDay(int64_t day) {
  CloseFile();
  const std::string path = dir_ + "/" + WarcFileName(day);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::FromErrno(path, errno);
  fd_ = fd;
  day_ = day;
  path_ = path;
  FileLock lock(fd_);
  struct stat st;
  if (fstat(fd_, &st) != 0) return Status::FromErrno(path, errno);
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size > 0) {
    Result<uint64_t> complete = WarcCompletePrefix(path);
    if (!complete.ok()) return complete.status();
    if (complete.value() < size) {
      LogWarn(path + ": dropping a torn last record (" + std::to_string(size - complete.value()) +
              " bytes) left by a crash");
      if (ftruncate(fd_, static_cast<off_t>(complete.value())) != 0) {
        return Status::FromErrno(path, errno);
      }
      size = complete.value();
    }
  }
  if (size > 0) return Status::Ok();
  const Fields fields = {{"WARC-Type", "warcinfo"},
                         {"WARC-Record-ID", RandomRecordId()},
                         {"WARC-Date", FormatIso8601(clock_->NowSeconds())},
                         {"WARC-Filename", WarcFileName(day)},
                         {"Content-Type", "application/warc-fields"}};
  const std::string info = std::string("software: ") + kSoftware +
                           "\r\nformat: WARC File Format 1.1\r\n"
                           "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                           "warc-format/warc-1.1/\r\n";
  std::string member;
  if (!Deflater().Compress(RecordText(fields, info), &member)) {
    return Status::IoError(path + ": deflate failed");
  }
  return WriteLocked(member);
}

Status WarcWriter::WriteMember(const std::string& member) {
  FileLock lock(fd_);
  return WriteLocked(member);
}

Status WarcWriter::WriteLocked(const std::string& member) {
  struct stat st;
  if (fstat(fd_, &st) != 0) return Status::FromErrno(path_, errno);
  std::size_t done = 0;
  while (done < member.size()) {  // one write() unless the kernel writes less
    const ssize_t n = write(fd_, member.data() + done, member.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const Status failed = Status::FromErrno(path_, errno);
      if (ftruncate(fd_, st.st_size) != 0) LogError(path_ + ": cannot drop a partial record");
      return failed;
    }
    done += static_cast<std::size_t>(n);
  }
  if (fdatasync(fd_) != 0) return Status::FromErrno(path_, errno);
  return Status::Ok();
}

Status WarcWriter::AppendResponse(const FetchResult& fetched, const std::string& request_url) {
  if (fetched.not_modified()) return Status::Ok();
  const std::string& uri = fetched.final_url.empty() ? request_url : fetched.final_url;
  if (fetched.body.size() > limits::kMaxBodyBytes ||
      fetched.raw_headers.size() > limits::kMaxHeaderBytes) {
    return Status::TooLarge(uri + ": capture over the WARC record caps");
  }
  const int64_t now = clock_->NowSeconds();
  const bool resource = fetched.http_status == 0 || IsFileUrl(uri);
  const std::string block = resource ? fetched.body : HttpBlock(fetched);
  const std::string payload_digest = WarcSha256Digest(fetched.body);
  Fields fields = {{"WARC-Type", resource ? "resource" : "response"},
                   {"WARC-Record-ID", RandomRecordId()},
                   {"WARC-Date", FormatIso8601(fetched.fetched_at != 0 ? fetched.fetched_at : now)},
                   {"WARC-Target-URI", uri}};
  if (resource) {
    fields.emplace_back("Content-Type", fetched.content_type.empty() ? "application/octet-stream"
                                                                     : fetched.content_type);
  } else {
    fields.emplace_back("Content-Type", "application/http;msgtype=response");
    fields.emplace_back("WARC-Block-Digest", WarcSha256Digest(block));
  }
  fields.emplace_back("WARC-Payload-Digest", payload_digest);
  std::string member;  // compressed outside the lock: appends only serialise the I/O
  if (!Deflater().Compress(RecordText(fields, block), &member)) {
    return Status::IoError(uri + ": deflate failed");
  }

  std::lock_guard<std::mutex> lock(mu_);
  if (fd_ < 0 || DayOf(now) != day_) {
    if (Status s = OpenDay(DayOf(now)); !s.ok()) {
      CloseFile();
      return s;
    }
  }
  return WriteMember(member);
}

FetchResult FetchResultFromWarc(const WarcRecord& record) {
  FetchResult fetched;
  fetched.final_url = record.target_uri;
  fetched.http_status = record.http_status;
  fetched.content_type = record.content_type;
  fetched.body = record.payload;
  fetched.fetched_at = record.date_seconds;
  for (const auto& [name, value] : record.headers) {
    const std::string line = name + ": " + value;
    if (NameIs(line, "etag")) fetched.etag = value;
    if (NameIs(line, "last-modified")) fetched.last_modified = value;
    fetched.raw_headers += line + "\r\n";
  }
  return fetched;
}

Status WarcWriter::Prune(const std::string& dir, int retention_days, const Clock& clock,
                         int* deleted) {
  if (deleted != nullptr) *deleted = 0;
  if (retention_days <= 0) return Status::InvalidArgument("WARC retention must be >= 1 day");
  namespace fs = std::filesystem;
  const int64_t oldest_kept = DayOf(clock.NowSeconds()) - (retention_days - 1);
  std::error_code ec;
  std::vector<fs::path> doomed;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    int64_t day = 0;
    if (ParseWarcFileName(it->path().filename().string(), &day) && day < oldest_kept) {
      doomed.push_back(it->path());
    }
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  Status first_error;
  for (const fs::path& path : doomed) {
    if (fs::remove(path, ec)) {
      if (deleted != nullptr) ++*deleted;
    } else if (ec && first_error.ok()) {
      first_error = Status::IoError(path.string() + ": " + ec.message());
    }
  }
  return first_error;
}

}  // namespace ecwatch
