// Pins WarcWriter: WARC/1.1 records read back field by field, one
// independently decompressible gzip member per record, daily rotation,
// retention, reopening after a restart, concurrent appends, and a real curl
// fetch captured with its decoded body.
#include "crawler/warc.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "base/limits.h"
#include "crawler/warc_reader.h"
#include "tests/crawler/local_http_server.h"
#include "tests/crawler/test_gzip.h"
#include "tests/crawler/warc_test_util.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;
using namespace ecwatch::testing;  // NOLINT: test helpers

TEST_CASE("WARC 1.1 response records read back field by field", "[warc]") {
  const std::string dir = MakeTempDir("warc-roundtrip");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  const std::string body = "<html><p>China suspends rare-earth export controls</p></html>";
  REQUIRE(writer
              ->AppendResponse(HttpFetch("https://news.example/a", body, clock.now - 5),
                               "https://news.example/a?utm=x")
              .ok());
  FetchResult file;
  file.final_url = "file:///srv/page.html";
  file.body = "local page";
  file.fetched_at = clock.now;
  REQUIRE(writer->AppendResponse(file, "file:///srv/page.html").ok());
  REQUIRE(writer->current_path() == dir + "/ecwatch-20261128.warc.gz");

  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
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
  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
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
  CHECK(text.find("WARC-Payload-Digest: "
                  "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====\r\n") !=
        std::string::npos);
  CHECK(WarcSha256Digest("abc") ==
        "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====");
}

TEST_CASE("each record is one gzip member decompressible on its own", "[warc]") {
  const std::string dir = MakeTempDir("warc-members");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  for (int i = 0; i < 4; ++i) {
    REQUIRE(writer
                ->AppendResponse(HttpFetch("https://x.example/" + std::to_string(i),
                                           std::string(1000 + i, 'a' + i), clock.now),
                                 "")
                .ok());
  }
  const std::string bytes = ReadFileOrDie(writer->current_path());
  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
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
  for (int64_t d = today - 5; d <= today; ++d) WriteBytes(dir + "/" + WarcFileName(d), "x");
  WriteBytes(dir + "/notes.txt", "keep");
  WriteBytes(dir + "/ecwatch-2026112.warc.gz", "odd name, kept");
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

TEST_CASE("FetchResultFromWarc gives back the fetch that was captured", "[warc]") {
  const std::string dir = MakeTempDir("warc-refetch");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  FetchResult original = HttpFetch("https://x.example/p", "<p>body</p>", clock.now - 60);
  original.last_modified = "Sat, 28 Nov 2026 10:00:00 GMT";
  original.raw_headers += "Last-Modified: " + original.last_modified + "\r\n";
  REQUIRE(writer->AppendResponse(original, "").ok());
  FetchResult file;
  file.final_url = "file:///srv/a.html";
  file.body = "<p>local</p>";
  file.content_type = "text/html";
  file.fetched_at = clock.now;
  REQUIRE(writer->AppendResponse(file, "").ok());
  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
  REQUIRE(records.size() == 3);

  const FetchResult again = FetchResultFromWarc(records[1]);
  CHECK(again.final_url == original.final_url);
  CHECK(again.http_status == 200);
  CHECK(again.content_type == original.content_type);
  CHECK(again.body == original.body);
  CHECK(again.etag == original.etag);
  CHECK(again.last_modified == original.last_modified);
  CHECK(again.fetched_at == original.fetched_at);
  CHECK(again.raw_headers.find("Server: test\r\n") != std::string::npos);
  const FetchResult local = FetchResultFromWarc(records[2]);
  CHECK(local.final_url == "file:///srv/a.html");
  CHECK(local.http_status == 0);
  CHECK(local.content_type == "text/html");
  CHECK(local.body == "<p>local</p>");
}

TEST_CASE("WarcWriter reopened on the same day appends without a second warcinfo", "[warc]") {
  const std::string dir = MakeTempDir("warc-reopen");
  FakeClock clock;
  std::string path;
  {
    auto writer = NewWriter(dir, &clock);
    REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/1", "one", 0), "").ok());
    path = writer->current_path();
  }
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/2", "two", 0), "").ok());
  const std::vector<WarcRecord> records = ReadWarcFile(path);
  REQUIRE(records.size() == 3);
  CHECK(records[0].type == "warcinfo");
  CHECK(records[1].payload == "one");
  CHECK(records[2].payload == "two");
}

TEST_CASE("WarcWriter refuses a body over the cap", "[warc]") {
  const std::string dir = MakeTempDir("warc-cap");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  const FetchResult big =
      HttpFetch("https://x.example/big", std::string(limits::kMaxBodyBytes + 1, 'x'), 0);
  CHECK(writer->AppendResponse(big, "").code() == Status::Code::kTooLarge);
}

TEST_CASE("WarcWriter appends from several threads without interleaving records", "[warc]") {
  const std::string dir = MakeTempDir("warc-threads");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&writer, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        (void)writer->AppendResponse(
            HttpFetch("https://x.example/" + id, std::string(3000, 'a' + t) + id, 0), "");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
  REQUIRE(records.size() == 41);
  for (std::size_t i = 1; i < records.size(); ++i) {
    CHECK(records[i].payload.size() > 3000);
    CHECK(records[i].target_uri.substr(18) == records[i].payload.substr(3000));
  }
}

TEST_CASE("two writers on one day's file (as two processes) share it cleanly", "[warc]") {
  const std::string dir = MakeTempDir("warc-two-writers");
  FakeClock clock;
  auto first = NewWriter(dir, &clock);
  auto second = NewWriter(dir, &clock);
  auto run = [](WarcWriter* writer, char fill) {
    for (int i = 0; i < 15; ++i) {
      (void)writer->AppendResponse(
          HttpFetch("https://x.example/" + std::string(1, fill), std::string(20000, fill), 0), "");
    }
  };
  std::thread a(run, first.get(), 'a');
  std::thread b(run, second.get(), 'b');
  a.join();
  b.join();
  const std::vector<WarcRecord> records = ReadWarcFile(first->current_path());
  REQUIRE(records.size() == 31);  // one warcinfo: the second writer found the file begun
  int warcinfo = 0;
  for (const WarcRecord& r : records) {
    if (r.type == "warcinfo") ++warcinfo;
    if (r.type == "response") CHECK(r.payload == std::string(20000, r.target_uri.back()));
  }
  CHECK(warcinfo == 1);
}

TEST_CASE("a curl fetch of a gzip-encoded page is stored decoded with its own headers",
          "[warc][fetcher]") {
  const std::string html = "<html><p>Gallium export licences resumed</p></html>";
  LocalHttpServer local;
  local.server().Get("/old", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Hop", "first");
    res.set_redirect("/news", 301);
  });
  local.server().Get("/news", [&html](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_header("X-Test", "kept");
    res.set_content(GzipForTest(html), "text/html");
  });
  REQUIRE(local.Start());
  CurlGlobal curl;
  Result<FetchResult> fetched =
      NewCurlFetcher(FetchOptions())->Fetch(FetchRequest{local.Url("/old"), "", ""}, nullptr);
  REQUIRE(fetched.ok());
  CHECK(fetched->raw_headers.find("X-Hop") == std::string::npos);  // final response only

  const std::string dir = MakeTempDir("warc-curl");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(fetched.value(), local.Url("/old")).ok());
  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
  REQUIRE(records.size() == 2);
  const WarcRecord& r = records[1];
  CHECK(r.target_uri == local.Url("/news"));
  CHECK(r.http_status == 200);
  CHECK(r.payload == html);
  CHECK(r.content_type == "text/html");
  CHECK(HeaderValue(r, "X-Test") == "kept");
  CHECK(HeaderValue(r, "Content-Encoding") == "<absent>");
  CHECK(HeaderValue(r, "Content-Length") == std::to_string(html.size()));
}

TEST_CASE("a curl file:// fetch is stored as a resource record", "[warc][fetcher]") {
  const std::string dir = MakeTempDir("warc-file-url");
  WriteBytes(dir + "/page.html", "<p>local page</p>");
  CurlGlobal curl;
  const std::string url = "file://" + dir + "/page.html";
  Result<FetchResult> fetched = NewCurlFetcher(FetchOptions())->Fetch({url, "", ""}, nullptr);
  REQUIRE(fetched.ok());
  FakeClock clock;
  auto writer = NewWriter(dir + "/warc", &clock);
  REQUIRE(writer->AppendResponse(fetched.value(), url).ok());
  const std::vector<WarcRecord> records = ReadWarcFile(writer->current_path());
  REQUIRE(records.size() == 2);
  CHECK(records[1].type == "resource");
  CHECK(records[1].target_uri == url);
  CHECK(records[1].payload == "<p>local page</p>");
  CHECK(records[1].headers.empty());
}

// External readers: gzip(1) must accept the concatenated members; warcio (if
// installed for /usr/bin/python3) must iterate the records and agree on them.
TEST_CASE("standard tools read the WARC file", "[warc][external]") {
  const std::string dir = MakeTempDir("warc-external");
  FakeClock clock;
  auto writer = NewWriter(dir, &clock);
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/a", "alpha body", 0), "").ok());
  REQUIRE(writer->AppendResponse(HttpFetch("https://x.example/b", "beta body", 0), "").ok());
  const std::string path = writer->current_path();
  if (fs::exists("/bin/gzip") || fs::exists("/usr/bin/gzip")) {
    CHECK(std::system(("gzip -t '" + path + "'").c_str()) == 0);
  } else {
    WARN("gzip absent: check skipped");
  }
  if (std::system("/usr/bin/python3 -c 'import warcio' >/dev/null 2>&1") != 0) {
    WARN("warcio unavailable: check skipped");
    return;
  }
  const std::string script =
      "import sys\n"
      "from warcio.archiveiterator import ArchiveIterator\n"
      "out = []\n"
      "with open(sys.argv[1], 'rb') as f:\n"
      "    for r in ArchiveIterator(f, check_digests='raise'):\n"
      "        out.append(r.rec_type + ' ' + r.content_stream().read().decode())\n"
      "assert out[1:] == ['response alpha body', 'response beta body'], out\n";
  WriteBytes(dir + "/check.py", script);
  CHECK(std::system(("/usr/bin/python3 '" + dir + "/check.py' '" + path + "'").c_str()) == 0);
}

}  // namespace
}  // namespace ecwatch
