// Helpers shared by the WARC tests: a fake clock, canned fetches, reading a
// whole file of records, and inflating one gzip member at an offset.
#ifndef ECWATCH_TESTS_CRAWLER_WARC_TEST_UTIL_H_
#define ECWATCH_TESTS_CRAWLER_WARC_TEST_UTIL_H_

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "crawler/warc.h"
#include "crawler/warc_reader.h"

namespace ecwatch::testing {

inline constexpr int64_t kDay = 86400;
inline const int64_t kNov28 = DaysFromCivil(2026, 11, 28) * kDay;  // 2026-11-28T00:00:00Z

class FakeClock final : public Clock {
 public:
  int64_t NowSeconds() const override { return now; }
  int64_t now = kNov28 + 12 * 3600;
};

// A 200 over http(s) with headers as curl would have captured them.
inline FetchResult HttpFetch(const std::string& url, const std::string& body, int64_t at) {
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

// Every record until the end; fails the test on any error.
inline std::vector<WarcRecord> ReadAll(WarcReader* reader) {
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

inline std::vector<WarcRecord> ReadWarcFile(const std::string& path) {
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::OpenFile(path);
  REQUIRE(reader.ok());
  return ReadAll(reader.value().get());
}

inline std::unique_ptr<WarcWriter> NewWriter(const std::string& dir, const Clock* clock) {
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(dir, clock);
  INFO(writer.status().ToString());
  REQUIRE(writer.ok());
  return std::move(writer).value();
}

// The value of the first HTTP header named exactly `name`, or "<absent>".
inline std::string HeaderValue(const WarcRecord& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

// Inflates the single gzip member starting at offset with zlib alone; ""
// unless that member ends cleanly.
inline std::string InflateMemberAt(const std::string& bytes, uint64_t offset) {
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

inline void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_CRAWLER_WARC_TEST_UTIL_H_
