// Pins ParseWarcRecord and the naming/digest helpers of crawler/warc_record.cc:
// Content-Length against the stored block, digests (base32 and hex sha256),
// dates, and the ecwatch-YYYYMMDD.warc.gz file names.
#include <catch2/catch.hpp>
#include <string>

#include "base/clock.h"
#include "base/limits.h"
#include "crawler/warc_reader.h"
#include "tests/crawler/warc_test_util.h"

namespace ecwatch {
namespace {

using namespace ecwatch::testing;  // NOLINT: test helpers

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

TEST_CASE("ParseWarcRecord checks a sha256 payload digest in base32 or hex", "[warc]") {
  const std::string block = "hello";
  auto with_digest = [&block](const std::string& digest) {
    return "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Payload-Digest: " + digest +
           "\r\nContent-Length: 5\r\n\r\n" + block + "\r\n\r\n";
  };
  WarcRecord record;
  const std::string base32 = WarcSha256Digest(block);
  CHECK(ParseWarcRecord(with_digest(base32), &record).ok());
  CHECK(
      ParseWarcRecord(with_digest(base32.substr(0, base32.size() - 4)), &record).ok());  // unpadded
  CHECK(ParseWarcRecord(
            with_digest("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
            &record)
            .ok());
  CHECK(ParseWarcRecord(with_digest("sha256:" + std::string(64, '0')), &record).code() ==
        Status::Code::kCorruption);
  CHECK(ParseWarcRecord(with_digest("sha1:AAAA"), &record).ok());  // not sha256: not checked
}

TEST_CASE("ParseWarcRecord caps header bytes and header lines", "[warc]") {
  WarcRecord record;
  const std::string tail = "Content-Length: 0\r\n\r\n\r\n\r\n";
  const std::string long_field = "X-Pad: " + std::string(limits::kMaxWarcHeaderBytes, 'p') + "\r\n";
  CHECK(
      ParseWarcRecord("WARC/1.1\r\nWARC-Type: resource\r\n" + long_field + tail, &record).code() ==
      Status::Code::kTooLarge);
  std::string many = "WARC/1.1\r\nWARC-Type: resource\r\n";
  for (std::size_t i = 0; i < limits::kMaxWarcHeaderFields; ++i) many += "X-N: 1\r\n";
  CHECK(ParseWarcRecord(many + tail, &record).code() == Status::Code::kTooLarge);
  const std::string http =
      "HTTP/1.1 200 OK\r\nX-Pad: " + std::string(limits::kMaxHeaderBytes, 'h') + "\r\n\r\nbody";
  const std::string response =
      "WARC/1.1\r\nWARC-Type: response\r\n"
      "Content-Type: application/http;msgtype=response\r\n"
      "Content-Length: " +
      std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  CHECK(ParseWarcRecord(response, &record).code() == Status::Code::kTooLarge);
}

TEST_CASE("ParseWarcRecord needs a WARC version line and a WARC-Type", "[warc]") {
  WarcRecord record;
  CHECK(ParseWarcRecord("WARC/2.0\r\nWARC-Type: resource\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
                        &record)
            .code() == Status::Code::kCorruption);
  CHECK(ParseWarcRecord("WARC/1.1\r\n\r\nWARC-Type: x\r\n\r\n", &record).code() ==
        Status::Code::kCorruption);  // no fields: the block is not read as fields
  CHECK(ParseWarcRecord("WARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n", &record).code() ==
        Status::Code::kCorruption);
  CHECK(ParseWarcRecord("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
                        &record)
            .ok());
}

}  // namespace
}  // namespace ecwatch
