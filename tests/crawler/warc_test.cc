// Pins WarcWriter and WarcReader: WARC/1.1 records written and read back
// field by field, one independently decompressible gzip member per record,
// daily rotation, retention, a torn tail after a crash, and digest checks.
#include "crawler/warc.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "crawler/warc_reader.h"
#include "tests/crawler/test_gzip.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;
using ecwatch::testing::GzipForTest;
using ecwatch::testing::MakeTempDir;
using ecwatch::testing::ReadFileOrDie;

constexpr int64_t kDay = 86400;
const int64_t kNov28 = DaysFromCivil(2026, 11, 28) * kDay;  // 2026-11-28T00:00:00Z

class FakeClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = kNov28 + 12 * 3600;
};

FetchResult HttpFetch(const std::string& url, const std::string& body, int64_t at) {
  FetchResult f;
  f.final_url = url;
  f.http_status = 200;
  f.content_type = "text/html; charset=utf-8";
  f.body = body;
  f.etag = "\"abc\"";
  f.fetched_at = at;
  f.raw_headers =
      "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
      "Transfer-Encoding: chunked\r\nContent-Length: 12\r\nETag: \"abc\"\r\nServer: test\r\n";
  return f;
}

std::vector<WarcRecord> ReadAll(WarcReader* reader) {
  std::vector<WarcRecord> out;
  for (;;) {
    WarcRecord record;
    Result<bool> next = reader->Next(&record);
    INFO(next.status().ToString());
    REQUIRE(next.ok());
    if (!next.value()) return out;
    out.push_back(record);
  }
}

std::vector<WarcRecord> ReadFile(const std::string& path) {
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  return ReadAll(reader.value().get());
}

std::unique_ptr<WarcWriter> NewWriter(const std::string& dir, const Clock* clock) {
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(dir, clock);
  INFO(writer.status().ToString());
  REQUIRE(writer.ok());
  return std::move(writer).value();
}

std::string HeaderValue(const WarcRecord& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

// Inflates the single gzip member starting at offset; "" unless it ends cleanly.
std::string InflateMemberAt(const std::string& bytes, uint64_t offset) {
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  REQUIRE(inflateInit2(&zs, 16 + MAX_WBITS) == Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + offset));
  zs.avail_in = static_cast<uInt>(bytes.size() - offset);
  std::string out(4 << 20, '\0');
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "";
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST_CASE("WARC 1.1 response records read back field by field", "[warc]") {
  const std::string dir = MakeTempDir("warc-roundtrip");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  const std::string body = "<html><p>China suspends rare-earth export controls</p></html>";
  REQUIRE(writer->AppendResponse(HttpFetch("https://news.example/a", body, clock.now - 5),
                                 "https://news.example/a?utm=x")
              .ok());
  FetchResult file;
  file.final_url = "file:///srv/page.html";
  file.body = "local page";
  file.fetched_at = clock.now;
  REQUIRE(writer->AppendResponse(file, "file:///srv/page.html").ok());
  REQUIRE(writer->current_path() == dir + "/ecwatch-20261128.warc.gz");

  const std::vector<WarcRecord> records = ReadFile(writer->current_path());
  REQUIRE(records.size() == 3);
  CHECK(records[0].type == "warcinfo");
  CHECK(records[0].content_type == "application/warc-fields");
  CHECK(records[0].payload.find("software: ecwatch") != std::string::npos);

  const WarcRecord& r = records[1];
  CHECK(r.type == "response");
  CHECK(r.target_uri == "https://news.example/a");
  CHECK(r.date == "2026-11-28T11:59:55Z");
  CHECK(r.date_seconds == clock.now - 5);
  CHECK(r.record_id.size() == 47);  // <urn:uuid:8-4-4-4-12>
  CHECK(r.record_id.rfind("<urn:uuid:", 0) == 0);
  CHECK(r.record_id[24] == '4');  // version 4
  CHECK(r.http_status == 200);
  CHECK(r.content_type == "text/html; charset=utf-8");
  CHECK(r.payload == body);
  // The body is stored decoded: its framing headers are replaced by the real length.
  CHECK(HeaderValue(r, "Content-Encoding") == "<absent>");
  CHECK(HeaderValue(r, "Transfer-Encoding") == "<absent>");
  CHECK(HeaderValue(r, "Content-Length") == std::to_string(body.size()));
  CHECK(HeaderValue(r, "ETag") == "\"abc\"");
  CHECK(HeaderValue(r, "Server") == "test");
  CHECK(r.record_id != records[0].record_id);

  CHECK(records[2].type == "resource");
  CHECK(records[2].target_uri == "file:///srv/page.html");
  CHECK(records[2].http_status == 0);
  CHECK(records[2].content_type == "application/octet-stream");
  CHECK(records[2].payload == "local page");
}

TEST_CASE("WARC record header carries the mandatory fields and a base32 sha256", "[warc]") {
  const std::string dir = MakeTempDir("warc-fields");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  const std::string body = "abc";
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/", body, clock.now), "").ok());
  const std::string bytes = ReadFileOrDie(writer->current_path());
  const std::vector<WarcRecord> records = ReadFile(writer->current_path());
  REQUIRE(records.size() == 2);
  const std::string text = InflateMemberAt(bytes, records[1].offset);
  REQUIRE(text.rfind("WARC/1.1\r\n", 0) == 0);
  for (const char* field : {"WARC-Type: response\r\n", "WARC-Target-URI: https://x.example/\r\n",
                            "WARC-Date: 2026-11-28T12:00:00Z\r\n", "WARC-Record-ID: <urn:uuid:",
                            "Content-Type: application/http;msgtype=response\r\n",
                            "WARC-Block-Digest: sha256:", "Content-Length: "}) {
    CHECK(text.find(field) != std::string::npos);
  }
  // sha256("abc") = ba7816bf..., in RFC 4648 base32 (as Python base64.b32encode gives).
  CHECK(text.find("WARC-Payload-Digest: sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====\r\n") !=
        std::string::npos);
  CHECK(WarcSha256Digest("abc") == "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====");
}

TEST_CASE("each record is one gzip member decompressible on its own", "[warc]") {
  const std::string dir = MakeTempDir("warc-members");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  for (int i = 0; i < 4; ++i) {
    REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/" + std::to_string(i),
                                             std::string(1000 + i, 'a' + i), clock.now),
                                   "")
                .ok());
  }
  const std::string bytes = ReadFileOrDie(writer->current_path());
  const std::vector<WarcRecord> records = ReadFile(writer->current_path());
  REQUIRE(records.size() == 5);
  for (const WarcRecord& r : records) {
    const std::string text = InflateMemberAt(bytes, r.offset);
    CHECK(text.rfind("WARC/1.1\r\n", 0) == 0);
    CHECK(text.size() > r.payload.size());
    CHECK(text.compare(text.size() - 4, 4, "\r\n\r\n") == 0);
  }
  // The whole file is also one valid multi-member gzip stream.
  CHECK(records[4].payload == std::string(1003, 'd'));
}

TEST_CASE("WarcWriter rotates to a new file when the UTC day changes", "[warc]") {
  const std::string dir = MakeTempDir("warc-rotate");
  FakeClock clock;
  clock.now = kNov28 + kDay - 1;  // 23:59:59
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/1", "one", 0), "").ok());
  clock.now += 1;  // midnight
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/2", "two", 0), "").ok());
  CHECK(writer->current_path() == dir + "/ecwatch-20261129.warc.gz");
  REQUIRE(fs::exists(dir + "/ecwatch-20261128.warc.gz"));

  Result<std::unique_ptr<WarcReader>> all = WarcReader::OpenDir(dir, 0);
  REQUIRE(all.ok());
  const std::vector<WarcRecord> records = ReadAll(all.value().get());
  REQUIRE(records.size() == 4);  // each file starts with its warcinfo
  CHECK(records[0].type == "warcinfo");
  CHECK(records[1].payload == "one");
  CHECK(records[1].date == "2026-11-28T23:59:59Z");
  CHECK(records[2].type == "warcinfo");
  CHECK(records[3].payload == "two");

  Result<std::unique_ptr<WarcReader>> since = WarcReader::OpenDir(dir, kNov28 / kDay + 1);
  REQUIRE(since.ok());
  const std::vector<WarcRecord> later = ReadAll(since.value().get());
  REQUIRE(later.size() == 2);
  CHECK(later[1].payload == "two");
}

TEST_CASE("Prune deletes WARC files older than the retention and nothing else", "[warc]") {
  const std::string dir = MakeTempDir("warc-prune");
  FakeClock clock;
  const int64_t today = clock.now / kDay;
  for (int64_t d = today - 5; d <= today; ++d) WriteFile(dir + "/" + WarcFileName(d), "x");
  WriteFile(dir + "/notes.txt", "keep");
  WriteFile(dir + "/ecwatch-2026112.warc.gz", "odd name, kept");
  int deleted = 0;
  REQUIRE(WarcWriter::Prune(dir, 3, clock, &deleted).ok());
  CHECK(deleted == 3);
  for (int64_t d = today - 5; d <= today; ++d) {
    CHECK(fs::exists(dir + "/" + WarcFileName(d)) == (d >= today - 2));
  }
  CHECK(fs::exists(dir + "/notes.txt"));
  CHECK(fs::exists(dir + "/ecwatch-2026112.warc.gz"));
  CHECK(WarcWriter::Prune(dir, 0, clock).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("a file cut mid-member reads every complete record and reports the torn tail",
          "[warc]") {
  const std::string dir = MakeTempDir("warc-torn");
  FakeClock clock;
  std::string path;
  {
    auto writer = NewWriter(dir, &clock);
    for (int i = 0; i < 3; ++i) {
      REQUIRE(writer->AppendResponse(
                        HttpFetch("https://x.example/" + std::to_string(i), "page " + std::to_string(i), 0), "")
                  .ok());
    }
    path = writer->current_path();
  }
  const std::vector<WarcRecord> whole = ReadFile(path);
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
  const std::vector<WarcRecord> records = ReadFile(path);
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
  WriteFile(path, FileWithFlippedPayload(MakeTempDir("warc-flip-src")));
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
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/1", std::string(5000, 'q'), 0), "").ok());
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/2", "after", 0), "").ok());
  const std::string path = writer->current_path();
  std::string bytes = ReadFileOrDie(path);
  const std::vector<WarcRecord> records = ReadFile(path);
  REQUIRE(records.size() == 3);
  bytes[(records[1].offset + records[2].offset) / 2] ^= 0x55;
  WriteFile(path, bytes);

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

TEST_CASE("ParseWarcRecord rejects a Content-Length that differs from the block", "[warc]") {
  WarcRecord record;
  const std::string good =
      "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: file:///a\r\n"
      "WARC-Date: 2026-11-28T01:02:03Z\r\nContent-Type: text/plain\r\n"
      "Content-Length: 5\r\n\r\nhello\r\n\r\n";
  REQUIRE(ParseWarcRecord(good, &record).ok());
  CHECK(record.payload == "hello");
  CHECK(record.date_seconds == kNov28 + 3723);
  std::string longer = good;
  longer.replace(longer.find("Content-Length: 5"), 17, "Content-Length: 6");
  CHECK(ParseWarcRecord(longer, &record).code() == Status::Code::kCorruption);
  std::string shorter = good;
  shorter.replace(shorter.find("Content-Length: 5"), 17, "Content-Length: 4");
  CHECK(ParseWarcRecord(shorter, &record).code() == Status::Code::kCorruption);
  CHECK(ParseWarcRecord("HTTP/1.1 200 OK\r\n\r\n", &record).code() == Status::Code::kCorruption);
}

TEST_CASE("WARC file names are ecwatch-YYYYMMDD.warc.gz and parse back", "[warc]") {
  int64_t day = 0;
  CHECK(WarcFileName(kNov28 / kDay) == "ecwatch-20261128.warc.gz");
  REQUIRE(ParseWarcFileName("ecwatch-20261128.warc.gz", &day));
  CHECK(day == kNov28 / kDay);
  CHECK_FALSE(ParseWarcFileName("ecwatch-20261332.warc.gz", &day));
  CHECK_FALSE(ParseWarcFileName("ecwatch-20261128.warc", &day));
  CHECK_FALSE(ParseWarcFileName("other-20261128.warc.gz", &day));
}

TEST_CASE("a 304 is not captured", "[warc]") {
  const std::string dir = MakeTempDir("warc-304");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  FetchResult f = HttpFetch("https://x.example/", "", 0);
  f.http_status = 304;
  REQUIRE(writer->AppendResponse(f, "").ok());
  CHECK(writer->current_path().empty());
  CHECK(fs::is_empty(dir));
}

}  // namespace
}  // namespace ecwatch
