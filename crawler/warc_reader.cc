// WarcReader: walks the gzip members of WARC files (one record per member),
// detects a torn final member, and resynchronises after a corrupt one.
//
// This file's external interface is WarcReader and WarcCompletePrefix; record
// parsing lives in warc_record.cc. One WarcMemberStream owns the FILE* and the
// zlib inflate state of the file being read. Tested by
// tests/crawler/warc_reader_test.cc.
#include "crawler/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "base/limits.h"

namespace ecwatch {

namespace {

constexpr std::size_t kReadChunk = 64 << 10;
constexpr char kGzipMagic[] = {'\x1f', '\x8b', '\x08'};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// RAII owner of one zlib inflate state, gzip framing only.
class Inflater {
 public:
  Inflater() {
    std::memset(&zs_, 0, sizeof zs_);
    ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~Inflater() {
    if (ok_) inflateEnd(&zs_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream* get() { return &zs_; }

 private:
  z_stream zs_;
  bool ok_ = false;
};

enum class MemberEnd { kMember, kEndOfFile, kTorn };

}  // namespace

// The members of one open file, in order. Not thread-safe.
class WarcMemberStream {
 public:
  WarcMemberStream(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}

  // Decompresses the next member into *out; *offset receives its start.
  // Errors leave the stream positioned to continue (see WarcReader::Next).
  Result<MemberEnd> Next(std::string* out, uint64_t* offset);

  // Offset just past the data consumed so far.
  uint64_t position() const { return buffer_offset_ + pos_; }
  const std::string& path() const { return path_; }

 private:
  // Reads more input; returns the number of bytes added (0 at EOF).
  Result<std::size_t> Refill();
  Result<MemberEnd> Inflate(std::string* out, uint64_t start);
  // Positions the stream at the next gzip header after `start`.
  Status Resync(uint64_t start);
  Status Located(Status s, uint64_t start) const {
    return Status(s.code(), path_ + " @" + std::to_string(start) + ": " + s.message());
  }

  std::string path_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  Inflater inflater_;
  std::string buffer_;
  std::size_t pos_ = 0;           // next unread byte of buffer_
  uint64_t buffer_offset_ = 0;    // file offset of buffer_[0]
  bool member_complete_ = false;  // the last Inflate reached the member's end
};

Result<std::size_t> WarcMemberStream::Refill() {
  buffer_offset_ += pos_;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  const std::size_t got = std::fread(buffer_.data() + old, 1, kReadChunk, file_.get());
  buffer_.resize(old + got);
  if (got == 0 && std::ferror(file_.get())) return Status::FromErrno(path_, errno);
  return got;
}

Result<MemberEnd> WarcMemberStream::Next(std::string* out, uint64_t* offset) {
  out->clear();
  if (pos_ == buffer_.size()) {
    Result<std::size_t> got = Refill();
    if (!got.ok()) return got.status();
    if (got.value() == 0) return MemberEnd::kEndOfFile;
  }
  *offset = position();
  if (!inflater_.ok()) return Status::IoError(path_ + ": zlib init failed");
  member_complete_ = false;
  Result<MemberEnd> end = Inflate(out, *offset);
  // A member read to its end (a record over the cap) needs no resync.
  if (!end.ok() && end.status().code() != Status::Code::kIoError && !member_complete_) {
    if (Status s = Resync(*offset); !s.ok()) return s;
  }
  if (end.ok() && end.value() == MemberEnd::kTorn) {
    // Cut short at EOF, or damaged so that it swallowed the members after
    // it: only a member with no gzip header after its start is a torn tail.
    if (Status s = Resync(*offset); !s.ok()) return s;
    if (pos_ < buffer_.size()) {
      return Located(Status::Corruption("gzip member cut short (a later member follows)"), *offset);
    }
  }
  return end;
}

Result<MemberEnd> WarcMemberStream::Inflate(std::string* out, uint64_t start) {
  z_stream* zs = inflater_.get();
  inflateReset(zs);
  char chunk[kReadChunk];
  bool too_large = false;
  for (;;) {
    if (pos_ == buffer_.size()) {
      Result<std::size_t> got = Refill();
      if (!got.ok()) return Located(got.status(), start);
      if (got.value() == 0) return MemberEnd::kTorn;
    }
    if (position() - start > limits::kMaxWarcMemberBytes) {
      return Located(Status::TooLarge("gzip member over the cap"), start);
    }
    zs->next_in = reinterpret_cast<Bytef*>(buffer_.data() + pos_);
    zs->avail_in = static_cast<uInt>(buffer_.size() - pos_);
    zs->next_out = reinterpret_cast<Bytef*>(chunk);
    zs->avail_out = sizeof chunk;
    const int rc = inflate(zs, Z_NO_FLUSH);
    pos_ = buffer_.size() - zs->avail_in;
    const std::size_t produced = sizeof chunk - zs->avail_out;
    if (out->size() + produced > limits::kMaxWarcRecordBytes) too_large = true;
    if (!too_large) out->append(chunk, produced);
    if (rc == Z_STREAM_END) {
      member_complete_ = true;
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      const char* why = zs->msg != nullptr ? zs->msg : "inflate failed";
      return Located(Status::Corruption(std::string("bad gzip member: ") + why), start);
    }
  }
  if (too_large) {
    out->clear();
    return Located(
        Status::TooLarge("record over " + std::to_string(limits::kMaxWarcRecordBytes) + " bytes"),
        start);
  }
  return MemberEnd::kMember;
}

Status WarcMemberStream::Resync(uint64_t start) {
  if (fseeko(file_.get(), static_cast<off_t>(start + 1), SEEK_SET) != 0) {
    return Status::FromErrno(path_, errno);
  }
  buffer_.clear();
  pos_ = 0;
  buffer_offset_ = start + 1;
  for (;;) {
    const std::string_view magic(kGzipMagic, sizeof kGzipMagic);
    const std::size_t hit = std::string_view(buffer_).find(magic, pos_);
    if (hit != std::string_view::npos) {
      pos_ = hit;
      return Status::Ok();
    }
    pos_ = buffer_.size() > 2 ? buffer_.size() - 2 : pos_;  // a magic may straddle chunks
    Result<std::size_t> got = Refill();
    if (!got.ok()) return got.status();
    if (got.value() == 0) {
      pos_ = buffer_.size();
      return Status::Ok();
    }
  }
}

WarcReader::WarcReader(std::vector<std::string> files, int64_t since_seconds)
    : files_(std::move(files)), since_seconds_(since_seconds) {}

WarcReader::~WarcReader() = default;

Result<std::unique_ptr<WarcReader>> WarcReader::OpenFile(const std::string& path) {
  std::FILE* probe = std::fopen(path.c_str(), "rb");
  if (probe == nullptr) {
    return errno == ENOENT ? Status::NotFound(path + ": no such file")
                           : Status::FromErrno(path, errno);
  }
  std::fclose(probe);
  return std::unique_ptr<WarcReader>(new WarcReader({path}, 0));
}

Result<std::unique_ptr<WarcReader>> WarcReader::OpenDir(const std::string& dir, int64_t since_day) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": no such directory");
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    int64_t day = 0;
    if (!ParseWarcFileName(name, &day) || day < since_day) continue;
    if (names.size() >= limits::kMaxWarcFilesPerDir) {
      return Status::TooLarge(dir + ": over " + std::to_string(limits::kMaxWarcFilesPerDir) +
                              " WARC files");
    }
    names.push_back(name);
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::sort(names.begin(), names.end());  // YYYYMMDD names sort by date
  std::vector<std::string> files;
  for (const std::string& name : names) files.push_back((fs::path(dir) / name).string());
  return std::unique_ptr<WarcReader>(new WarcReader(std::move(files), since_day * 86400));
}

Result<bool> WarcReader::OpenNextFile() {
  if (next_file_ >= files_.size()) return false;
  const std::string& path = files_[next_file_++];
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Status::FromErrno(path, errno);
  stream_ = std::make_unique<WarcMemberStream>(path, file);
  return true;
}

Result<bool> WarcReader::Next(WarcRecord* record) {
  std::string data;
  for (;;) {
    if (stream_ == nullptr) {
      Result<bool> opened = OpenNextFile();
      if (!opened.ok() || !opened.value()) return opened;
    }
    uint64_t offset = 0;
    Result<MemberEnd> end = stream_->Next(&data, &offset);
    if (!end.ok()) {
      if (end.status().code() == Status::Code::kIoError) stream_.reset();
      return end.status();
    }
    if (end.value() != MemberEnd::kMember) {
      if (end.value() == MemberEnd::kTorn) torn_tails_.push_back(stream_->path());
      stream_.reset();
      continue;
    }
    record->file = stream_->path();
    record->offset = offset;
    if (Status s = ParseWarcRecord(data, record); !s.ok()) {
      return Status(s.code(), record->file + " @" + std::to_string(offset) + ": " + s.message());
    }
    if (record->date_seconds >= since_seconds_) return true;
  }
}

Result<uint64_t> WarcCompletePrefix(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Status::FromErrno(path, errno);
  WarcMemberStream stream(path, file);
  std::string data;
  for (;;) {
    uint64_t offset = 0;
    Result<MemberEnd> end = stream.Next(&data, &offset);
    if (!end.ok()) {
      if (end.status().code() == Status::Code::kIoError) return end.status();
      continue;  // a corrupt member before the tail is kept
    }
    if (end.value() == MemberEnd::kTorn) return offset;
    if (end.value() == MemberEnd::kEndOfFile) return stream.position();
  }
}

}  // namespace ecwatch
