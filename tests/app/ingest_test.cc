// End to end through `ecwatch ingest`: the founding article from a file and
// from a real HTTP server on 127.0.0.1, a real SQLite file, and each error
// case of the foundation issue (exit code, one-line message, fetch recorded).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "app/commands.h"
#include "base/json.h"
#include "store/store.h"
#include "tests/support/http_server.h"
#include "tests/test_support.h"

namespace ecwatch {
namespace {

using testing::ReadFileOrDie;

std::string SeedPath() { return std::string(ECWATCH_SOURCE_DIR) + "/examples/pages/seed-article.html"; }
std::string RulesDir() { return std::string(ECWATCH_SOURCE_DIR) + "/rules/sets"; }

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

Run Ingest(const std::string& db, const std::string& target, bool json = true,
           const std::string& rules = RulesDir()) {
  GlobalOptions g;
  g.db = db;
  g.rules = rules;
  g.json = json;
  std::istringstream in;
  std::ostringstream out, err;
  Run r;
  r.code = RunIngest(g, target, Streams{in, out, err});
  r.out = out.str();
  r.err = err.str();
  return r;
}

int64_t Rows(const std::string& db, const std::string& table) {
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  auto n = store.value()->CountRows(table);
  REQUIRE(n.ok());
  return n.value();
}

void CheckSeedFindings(const Json& j) {
  CHECK(j["alert"].get<bool>());
  auto minerals = j["minerals"].get<std::vector<std::string>>();
  for (const char* m : {"neodymium", "dysprosium", "terbium", "rare earths"}) {
    INFO(m);
    CHECK(std::find(minerals.begin(), minerals.end(), m) != minerals.end());
  }
  bool found = false;
  for (const auto& e : j["events"]) {
    auto items = e["items"].get<std::vector<std::string>>();
    if (e["actor"] == "China" && e["action"] == "suspend" && !e["duration_days"].is_null() &&
        e["duration_days"] == 365 &&
        std::find(items.begin(), items.end(), "rare earths") != items.end()) {
      found = true;
    }
  }
  INFO(j["events"].dump(2));
  CHECK(found);
  CHECK(j["text_chars"].get<int>() > 3000);
}

TEST_CASE("ingest of the founding article from a file raises the alert", "[app][e2e]") {
  std::string db = testing::MakeTempDir("ingest-file") + "/e.db";
  Run r = Ingest(db, SeedPath());
  INFO(r.err);
  REQUIRE(r.code == kExitOk);
  Json j = Json::parse(r.out);
  CheckSeedFindings(j);
  CHECK(j["title"] == "China Grants One-Year Pause on Rare Earth Export Controls in Bid to Advance US Trade Talks");
  CHECK(Rows(db, "documents") == 1);
  CHECK(Rows(db, "alerts") == 1);
  CHECK(Rows(db, "events") >= 1);
  CHECK(Rows(db, "matches") >= 5);
  CHECK(Rows(db, "fetches") == 1);

  SECTION("a second ingest of the same page adds no document, event or alert") {
    Run again = Ingest(db, SeedPath());
    REQUIRE(again.code == kExitOk);
    CHECK(Json::parse(again.out)["new_document"] == false);
    CHECK(Rows(db, "documents") == 1);
    CHECK(Rows(db, "alerts") == 1);
    CHECK(Rows(db, "fetches") == 2);  // every fetch is recorded
  }
}

TEST_CASE("ingest over HTTP from 127.0.0.1 gives the same findings", "[app][e2e]") {
  std::string page = ReadFileOrDie(SeedPath());
  testing::TestHttpServer http;
  http.server().Get("/news/seed.html", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(page, "text/html; charset=utf-8");
  });
  http.Start();
  std::string db = testing::MakeTempDir("ingest-http") + "/e.db";
  Run r = Ingest(db, http.Url("/news/seed.html"));
  INFO(r.err);
  REQUIRE(r.code == kExitOk);
  Json j = Json::parse(r.out);
  CheckSeedFindings(j);
  CHECK(j["url"] == http.Url("/news/seed.html"));
  std::string text_report = Ingest(db, http.Url("/news/seed.html"), false).out;
  CHECK(text_report.find("ALERT") != std::string::npos);
  CHECK(text_report.find("China") != std::string::npos);
}

TEST_CASE("the extracted founding article has no page furniture", "[app][e2e]") {
  GlobalOptions g;
  std::istringstream in;
  std::ostringstream out, err;
  REQUIRE(RunExtract(g, SeedPath(), Streams{in, out, err}) == kExitOk);
  for (const char* junk : {"Leave a Reply", "Recent Posts", "Privacy policy", "Share on X"}) {
    INFO(junk);
    CHECK(out.str().find(junk) == std::string::npos);
  }
  CHECK(out.str().find("neodymium, dysprosium, and terbium") != std::string::npos);
}

TEST_CASE("ingest errors name the target, exit with the documented code, record the fetch",
          "[app][e2e][errors]") {
  testing::TestHttpServer http;
  http.server().Get("/png", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png");
  });
  http.server().Get("/pdf", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "application/pdf");
  });
  http.Start();
  std::string dir = testing::MakeTempDir("ingest-errors");
  std::string db = dir + "/e.db";

  SECTION("a missing file") {
    Run r = Ingest(db, dir + "/nope.html");
    CHECK(r.code == kExitNotFound);
    CHECK(r.err.find("nope.html") != std::string::npos);
    CHECK(Rows(db, "fetches") == 1);
  }
  SECTION("an HTTP 404") {
    Run r = Ingest(db, http.Url("/missing"));
    CHECK(r.code == kExitNotFound);
    CHECK(r.err.find(http.Url("/missing")) != std::string::npos);
    CHECK(r.err.find("404") != std::string::npos);
    CHECK(Rows(db, "fetches") == 1);
    CHECK(Rows(db, "documents") == 0);
  }
  SECTION("an unreachable host") {
    int closed_port = 0;
    {
      testing::TestHttpServer gone;
      gone.Start();
      closed_port = gone.port();
    }
    std::string url = "http://127.0.0.1:" + std::to_string(closed_port) + "/x";
    Run r = Ingest(db, url);
    CHECK(r.code == kExitNetwork);
    CHECK(r.err.find(url) != std::string::npos);
    CHECK(Rows(db, "fetches") == 1);
  }
  SECTION("an image and a PDF are unsupported") {
    for (const char* path : {"/png", "/pdf"}) {
      Run r = Ingest(db, http.Url(path));
      INFO(path << ": " << r.err);
      CHECK(r.code == kExitUnsupported);
      CHECK(r.err.find(http.Url(path)) != std::string::npos);
    }
    CHECK(Rows(db, "fetches") == 2);
    CHECK(Rows(db, "documents") == 0);
  }
  SECTION("an unreadable database") {
    std::ofstream(dir + "/garbage.db") << std::string(4096, 'x');
    Run r = Ingest(dir + "/garbage.db", SeedPath());
    CHECK(r.code == kExitStore);
    CHECK(r.err.find("garbage.db") != std::string::npos);
  }
}

TEST_CASE("plain text input skips HTML extraction", "[app][e2e]") {
  std::string dir = testing::MakeTempDir("ingest-text");
  std::string txt = dir + "/story.txt";
  std::ofstream(txt) << "Beijing suspends gallium export controls\n\nChina's Ministry of Commerce said "
                        "on Friday it would suspend export controls on gallium and germanium for one "
                        "year.\n";
  Run r = Ingest(dir + "/e.db", txt);
  INFO(r.err);
  REQUIRE(r.code == kExitOk);
  Json j = Json::parse(r.out);
  CHECK(j["alert"] == true);
  auto minerals = j["minerals"].get<std::vector<std::string>>();
  CHECK(std::find(minerals.begin(), minerals.end(), "gallium") != minerals.end());
}

}  // namespace
}  // namespace ecwatch
