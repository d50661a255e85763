// Pins WarcReader: a torn tail after a crash, digest mismatches and damaged
// members reported as Corruption with reading going on, the record-size cap,
// directory walks, and a file written by another (independent) writer.
#include "crawler/warc_reader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/limits.h"
#include "tests/crawler/test_gzip.h"
#include "tests/crawler/warc_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;
using namespace ecwatch::testing;  // NOLINT: test helpers

TEST_CASE("a file cut mid-member reads every complete record and reports the torn tail", "[warc]") {
  const std::string dir = MakeTempDir("warc-torn");
  FakeClock clock;
  std::string path;
  {
    auto writer = NewWriter(dir, &clock);
    for (int i = 0; i < 3; ++i) {
      REQUIRE(writer
                  ->AppendResponse(HttpFetch("https://x.example/" + std::to_string(i),
                                             "page " + std::to_string(i), 0),
                                   "")
                  .ok());
    }
    path = writer->current_path();
  }
  const std::vector<WarcRecord> whole = ReadWarcFile(path);
  REQUIRE(whole.size() == 4);
  const uint64_t cut = whole[3].offset + 20;  // inside the last member
  fs::resize_file(path, cut);

  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  const std::vector<WarcRecord> records = ReadAll(reader.value().get());
  REQUIRE(records.size() == 3);
  CHECK(records[2].payload == "page 1");
  CHECK(reader.value()->torn_tail());
  REQUIRE(reader.value()->torn_tails().size() == 1);
  CHECK(reader.value()->torn_tails()[0] == path);

  Result<uint64_t> prefix = WarcCompletePrefix(path);
  REQUIRE(prefix.ok());
  CHECK(prefix.value() == whole[3].offset);

  // Reopening drops the torn member before appending.
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/again", "again", 0), "").ok());
  Result<std::unique_ptr<WarcReader>> after = WarcReader::OpenFile(path);
  REQUIRE(after.ok());
  const std::vector<WarcRecord> healed = ReadAll(after.value().get());
  REQUIRE(healed.size() == 4);
  CHECK(healed[3].payload == "again");
  CHECK_FALSE(after.value()->torn_tail());
}

// Builds a file of three members whose middle one has a payload byte flipped
// (re-compressed, so the gzip framing is intact and only the digest catches it).
std::string FileWithFlippedPayload(const std::string& dir) {
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/1", "first page", 0), "").ok());
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/2", "second page", 0), "").ok());
  const std::string path = writer->current_path();
  const std::string bytes = ReadFileOrDie(path);
  const std::vector<WarcRecord> records = ReadWarcFile(path);
  REQUIRE(records.size() == 3);
  std::string text = InflateMemberAt(bytes, records[1].offset);
  const std::size_t at = text.find("first page");
  REQUIRE(at != std::string::npos);
  text[at] = 'F';
  return bytes.substr(0, records[1].offset) + GzipForTest(text) + bytes.substr(records[2].offset);
}

TEST_CASE("a flipped payload byte is a digest mismatch, and reading goes on", "[warc]") {
  const std::string dir = MakeTempDir("warc-flip");
  const std::string path = dir + "/flipped.warc.gz";
  WriteBytes(path, FileWithFlippedPayload(MakeTempDir("warc-flip-src")));
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  WarcRecord record;
  REQUIRE(reader.value()->Next(&record).ok());
  CHECK(record.type == "warcinfo");
  Result<bool> bad = reader.value()->Next(&record);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kCorruption);
  CHECK(bad.status().message().find("Digest mismatch") != std::string::npos);
  CHECK(bad.status().message().find(path) != std::string::npos);
  Result<bool> next = reader.value()->Next(&record);
  REQUIRE(next.ok());
  REQUIRE(next.value());
  CHECK(record.payload == "second page");
}

TEST_CASE("a damaged compressed byte is Corruption and the reader resumes at the next member",
          "[warc]") {
  const std::string dir = MakeTempDir("warc-damaged");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  REQUIRE(
      writer->AppendResponse(HttpFetch("https://x.example/1", std::string(5000, 'q'), 0), "").ok());
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/2", "after", 0), "").ok());
  const std::string path = writer->current_path();
  std::string bytes = ReadFileOrDie(path);
  const std::vector<WarcRecord> records = ReadWarcFile(path);
  REQUIRE(records.size() == 3);
  bytes[(records[1].offset + records[2].offset) / 2] ^= 0x55;
  WriteBytes(path, bytes);

  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  WarcRecord record;
  REQUIRE(reader.value()->Next(&record).ok());
  Result<bool> bad = reader.value()->Next(&record);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kCorruption);
  Result<bool> next = reader.value()->Next(&record);
  REQUIRE(next.ok());
  REQUIRE(next.value());
  CHECK(record.payload == "after");
  CHECK_FALSE(reader.value()->Next(&record).value());
}

struct Tolerant {
  int records = 0;  // -1 when the reader did not end within a bound
  std::size_t errors = 0;
  bool torn = false;
};

// Reads to the end, counting errors instead of failing on them.
Tolerant ReadTolerant(const std::string& path) {
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  Tolerant out;
  for (int step = 0; step < 1000; ++step) {
    WarcRecord record;
    Result<bool> next = reader.value()->Next(&record);
    if (!next.ok()) {
      ++out.errors;
    } else if (!next.value()) {
      out.torn = reader.value()->torn_tail();
      return out;
    } else {
      ++out.records;
    }
  }
  out.records = -1;
  return out;
}

TEST_CASE("every cut of a file reads the records before the cut, and ends", "[warc]") {
  const std::string dir = MakeTempDir("warc-cuts");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/" + std::to_string(i), "p", 0), "")
                .ok());
  }
  const std::string bytes = ReadFileOrDie(writer->current_path());
  const std::vector<WarcRecord> whole = ReadWarcFile(writer->current_path());
  REQUIRE(whole.size() == 4);
  const std::string path = dir + "/cut.warc.gz";
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    WriteBytes(path, bytes.substr(0, cut));
    int complete = 0;
    for (const WarcRecord& r : whole) {
      const uint64_t next = &r == &whole.back() ? bytes.size() : (&r + 1)->offset;
      if (next <= cut) ++complete;
    }
    INFO("cut at " << cut);
    const Tolerant read = ReadTolerant(path);
    CHECK(read.records == complete);
    CHECK(read.errors == 0);
    CHECK(read.torn == (complete < 4 && cut != whole[complete].offset));  // mid-member
  }
}

TEST_CASE("any single flipped byte costs at most its own record, and is reported", "[warc]") {
  const std::string dir = MakeTempDir("warc-flips");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/a", "alpha", 0), "").ok());
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/b", "beta", 0), "").ok());
  const std::string bytes = ReadFileOrDie(writer->current_path());
  const std::string path = dir + "/flipped.warc.gz";
  int damaged_seen = 0;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string copy = bytes;
    copy[at] = static_cast<char>(copy[at] ^ 0x20);
    WriteBytes(path, copy);
    const Tolerant read = ReadTolerant(path);
    INFO("flip at " << at);
    REQUIRE(read.records >= 2);  // ended, and lost at most the damaged record
    REQUIRE(read.records <= 3);
    if (read.records < 3) {  // a lost record shows as an error or a torn tail
      CHECK((read.errors > 0 || read.torn));
      ++damaged_seen;
    }
  }
  CHECK(damaged_seen > 0);
}

TEST_CASE("a member cut short inside the file is Corruption, not a torn tail", "[warc]") {
  const std::string dir = MakeTempDir("warc-cut-inside");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  for (const char* body : {"one", "two", "three"}) {
    REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/", body, 0), "").ok());
  }
  const std::string bytes = ReadFileOrDie(writer->current_path());
  const std::vector<WarcRecord> whole = ReadWarcFile(writer->current_path());
  REQUIRE(whole.size() == 4);
  const std::string path = dir + "/cut-inside.warc.gz";
  WriteBytes(path, bytes.substr(0, whole[1].offset + 40) + bytes.substr(whole[2].offset));
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  WarcRecord record;
  REQUIRE(reader.value()->Next(&record).ok());  // warcinfo
  Result<bool> cut = reader.value()->Next(&record);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.status().code() == Status::Code::kCorruption);
  const std::vector<WarcRecord> rest = ReadAll(reader.value().get());
  REQUIRE(rest.size() == 2);
  CHECK(rest[0].payload == "two");
  CHECK(rest[1].payload == "three");
  CHECK_FALSE(reader.value()->torn_tail());
  Result<uint64_t> prefix = WarcCompletePrefix(path);
  REQUIRE(prefix.ok());
  CHECK(prefix.value() == fs::file_size(path));  // nothing to truncate
}

TEST_CASE("a record over the size cap is TooLarge and skipped", "[warc]") {
  const std::string dir = MakeTempDir("warc-big");
  const std::string block(limits::kMaxWarcRecordBytes, 'z');
  const std::string big =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: " + std::to_string(block.size()) +
      "\r\n\r\n" + block + "\r\n\r\n";
  const std::string small =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
  WriteBytes(dir + "/big.warc.gz", GzipForTest(big) + GzipForTest(small));
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(dir + "/big.warc.gz");
  REQUIRE(reader.ok());
  WarcRecord record;
  Result<bool> first = reader.value()->Next(&record);
  REQUIRE_FALSE(first.ok());
  CHECK(first.status().code() == Status::Code::kTooLarge);
  Result<bool> second = reader.value()->Next(&record);
  REQUIRE(second.ok());
  REQUIRE(second.value());
  CHECK(record.payload == "ok");
}

// A gzip member whose deflate stream is `empty_blocks` empty stored blocks
// (5 bytes each, no output) and then `payload` in a final stored block: many
// compressed bytes for few decompressed ones.
std::string PaddedGzipMember(const std::string& payload, std::size_t empty_blocks) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  out.reserve(out.size() + 5 * empty_blocks + payload.size() + 16);
  for (std::size_t i = 0; i < empty_blocks; ++i) out.append("\x00\x00\x00\xff\xff", 5);
  REQUIRE(payload.size() < 65536);
  const unsigned len = static_cast<unsigned>(payload.size());
  out.push_back('\x01');  // BFINAL, stored
  for (unsigned v : {len, ~len & 0xffffu}) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>((v >> 8) & 0xff));
  }
  out += payload;
  const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(payload.data()),
                          static_cast<uInt>(payload.size()));
  for (uLong v : {crc, static_cast<uLong>(payload.size())}) {
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
  }
  return out;
}

TEST_CASE("a gzip member over kMaxWarcMemberBytes compressed is TooLarge", "[warc][limits]") {
  const std::string dir = MakeTempDir("warc-member");
  const std::string small =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
  // The reader checks the member's size once per 64 KiB it reads: go 128 KiB over.
  const std::size_t padding = (limits::kMaxWarcMemberBytes + (128 << 10)) / 5;
  const std::string member = PaddedGzipMember(small, padding);
  REQUIRE(member.size() > limits::kMaxWarcMemberBytes + (64 << 10));
  WriteBytes(dir + "/padded.warc.gz", member);
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(dir + "/padded.warc.gz");
  REQUIRE(reader.ok());
  WarcRecord record;
  Result<bool> first = reader.value()->Next(&record);
  REQUIRE_FALSE(first.ok());
  CHECK(first.status().code() == Status::Code::kTooLarge);
  CHECK(first.status().message().find("gzip member over the cap") != std::string::npos);
  // The same record with little padding reads: the framing itself is sound.
  WriteBytes(dir + "/light.warc.gz", PaddedGzipMember(small, 1000));
  const std::vector<WarcRecord> records = ReadWarcFile(dir + "/light.warc.gz");
  REQUIRE(records.size() == 1);
  CHECK(records[0].payload == "ok");
}

TEST_CASE("OpenDir refuses a directory of more than kMaxWarcFilesPerDir WARC files",
          "[warc][limits]") {
  const fs::path dir = MakeTempDir("warc-many");
  const int64_t first_day = 10000;  // 1997-05-19; names are one per day
  auto create = [&dir](int64_t day) { std::ofstream(dir / WarcFileName(day)); };
  for (std::size_t i = 0; i < limits::kMaxWarcFilesPerDir; ++i) create(first_day + i);
  Result<std::unique_ptr<WarcReader>> at_cap = WarcReader::OpenDir(dir.string(), 0);
  CHECK(at_cap.ok());
  create(first_day + limits::kMaxWarcFilesPerDir);
  Result<std::unique_ptr<WarcReader>> over = WarcReader::OpenDir(dir.string(), 0);
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().code() == Status::Code::kTooLarge);
  CHECK(over.status().message() == dir.string() + ": over " +
                                       std::to_string(limits::kMaxWarcFilesPerDir) + " WARC files");
  // Files before since_day are not counted.
  CHECK(WarcReader::OpenDir(dir.string(), first_day + 1).ok());
  fs::remove_all(dir);
}

TEST_CASE("OpenDir walks only ecwatch WARC files, in date order, from the since day", "[warc]") {
  const std::string dir = MakeTempDir("warc-dir");
  FakeClock clock;
  clock.now = kNov28 + 2 * kDay;
  REQUIRE(NewWriter(dir, &clock)
              ->AppendResponse(HttpFetch("https://x.example/30", "30th", 0), "")
              .ok());
  clock.now = kNov28;
  REQUIRE(NewWriter(dir, &clock)
              ->AppendResponse(HttpFetch("https://x.example/28", "28th", 0), "")
              .ok());
  WriteBytes(dir + "/stray.warc.gz", "not even gzip");
  Result<std::unique_ptr<WarcReader>> all = WarcReader::OpenDir(dir, 0);
  REQUIRE(all.ok());
  const std::vector<WarcRecord> records = ReadAll(all.value().get());
  REQUIRE(records.size() == 4);
  CHECK(records[1].payload == "28th");
  CHECK(records[3].payload == "30th");
  Result<std::unique_ptr<WarcReader>> since = WarcReader::OpenDir(dir, kNov28 / kDay + 1);
  REQUIRE(since.ok());
  CHECK(ReadAll(since.value().get()).size() == 2);
  CHECK(WarcReader::OpenDir(dir + "/missing", 0).status().code() == Status::Code::kNotFound);
  CHECK(WarcReader::OpenFile(dir + "/missing.warc.gz").status().code() == Status::Code::kNotFound);
}

TEST_CASE("WarcReader reads a WARC/1.0 file written by another tool", "[warc]") {
  const std::string path = TestDataDir() + "/crawler/warc/other_writer.warc.gz";
  const std::vector<WarcRecord> records = ReadWarcFile(path);
  REQUIRE(records.size() == 5);
  CHECK(records[0].type == "warcinfo");
  CHECK(records[1].type == "request");
  CHECK(records[1].payload.rfind("GET /news/1 HTTP/1.1", 0) == 0);
  const WarcRecord& r = records[2];
  CHECK(r.type == "response");
  CHECK(r.target_uri == "https://example.org/news/1");
  CHECK(r.date_seconds == DaysFromCivil(2025, 11, 7) * kDay + 8 * 3600 + 2);
  CHECK(r.record_id == "<urn:uuid:00000000-0000-4000-8000-000000000003>");
  CHECK(r.http_status == 200);
  CHECK(r.content_type == "text/html");  // header names are matched case-insensitively
  CHECK(r.payload.find("gallium resumed") != std::string::npos);
  CHECK(records[3].http_status == 404);       // "HTTP/2 404", no reason phrase
  CHECK(records[3].payload == "plain body");  // hex sha256 digest checked
  CHECK(records[4].type == "metadata");
  CHECK(records[4].offset > records[3].offset);
}

}  // namespace
}  // namespace ecwatch
