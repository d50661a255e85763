// Pins the daemon config: accepted keys, path resolution, and file:line
// errors that name the bad key.
#include "app/config.h"

#include <string>

#include "base/limits.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

const char* kGood = R"toml(
[store]
path = "ecwatch.db"
[rules]
dir = "rules/sets"
[crawler]
user_agent = "ecwatch/0.1 (+https://example.org/contact)"
[[source]]
name = "mofcom-en"
kind = "feed"
url = "https://example.org/rss.xml"
interval = "15m"
[[source]]
name = "desk"
kind = "page"
url = "pages/index.html"
interval = "2h"
follow = '/news/\d{4}/'
)toml";

TEST_CASE("a full config loads with paths resolved against its folder", "[app][config]") {
  auto c = ParseConfig("c.toml", kGood, "/srv/ecwatch");
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->store_path == "/srv/ecwatch/ecwatch.db");
  CHECK(c->rules_dir == "/srv/ecwatch/rules/sets");
  REQUIRE(c->sources.size() == 2);
  CHECK(c->sources[0].kind == SourceConfig::Kind::kFeed);
  CHECK(c->sources[0].interval_seconds == 900);
  CHECK(c->sources[0].url == "https://example.org/rss.xml");
  CHECK(c->sources[1].url == "file:///srv/ecwatch/pages/index.html");
  CHECK(c->sources[1].follow == "/news/\\d{4}/");
  CHECK(c->sources[1].interval_seconds == 7200);
}

TEST_CASE("config errors name the file, line and key", "[app][config]") {
  struct Case {
    const char* text;
    const char* line_prefix;
    const char* needle;
  };
  const Case cases[] = {
      {"[store]\npath = 'a'\ncolour = 'red'\n", "c.toml:3:", "unknown key 'colour'"},
      {"[[source]]\nname = 'a'\nurl = 'x'\ninterval = 'soon'\n", "c.toml:4:", "interval"},
      {"[[source]]\nname = 'a'\nurl = 'x'\nkind = 'blog'\n", "c.toml:4:", "kind must be"},
      {"[[source]]\nname = 'a'\nurl = 'x'\n[[source]]\nname = 'a'\nurl = 'y'\n", "c.toml:4:",
       "duplicate source name"},
      {"[[source]]\nname = 'a'\nurl = 'x'\nkind = 'page'\n", "c.toml:1:", "follow"},
      {"[store]\npath = 3\n", "c.toml:2:", "must be a string"},
      {"[[source]]\nname = 'a'\nurl = 'x'\nkind = 'page'\nfollow = '(unclosed'\n", "c.toml:5:",
       "missing )"},
      {"[store\n", "c.toml:1:", ""},
  };
  for (const Case& c : cases) {
    auto r = ParseConfig("c.toml", c.text, "/d");
    INFO(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK(r.status().message().rfind(c.line_prefix, 0) == 0);
    CHECK(r.status().message().find(c.needle) != std::string::npos);
  }
}

TEST_CASE("ParseInterval takes s, m, h, d suffixes only", "[app][config]") {
  int64_t s = 0;
  CHECK((ParseInterval("30s", &s) && s == 30));
  CHECK((ParseInterval("15m", &s) && s == 900));
  CHECK((ParseInterval("1d", &s) && s == 86400));
  CHECK_FALSE(ParseInterval("15", &s));
  CHECK_FALSE(ParseInterval("m", &s));
  CHECK_FALSE(ParseInterval("1.5h", &s));
}

TEST_CASE("a missing config file is NotFound naming the path", "[app][config]") {
  auto r = LoadConfig("/nonexistent/ecwatch.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kNotFound);
  CHECK(r.status().message().find("/nonexistent/ecwatch.toml") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("a config over kMaxConfigBytes is refused", "[app][config][limits]") {
  std::string text = "# " + std::string(limits::kMaxConfigBytes, 'x') + "\n";
  auto r = ParseConfig("big.toml", text, "/d");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTooLarge);
  CHECK(r.status().message().find("big.toml") != std::string::npos);
}

TEST_CASE("more than kMaxSources sources are refused", "[app][config][limits]") {
  std::string text;
  for (std::size_t i = 0; i <= limits::kMaxSources; ++i) {
    text += "[[source]]\nname = 's" + std::to_string(i) + "'\nurl = 'https://example.org/" +
            std::to_string(i) + "'\n";
  }
  auto r = ParseConfig("many.toml", text, "/d");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("too many sources") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("WARC capture and allow_private settings are read and checked", "[app][config]") {
  auto c = ParseConfig("c.toml",
                       "[store]\nwarc_dir = 'warc'\nwarc_retention_days = 30\n"
                       "[crawler]\nallow_private = ['10.0.0.0/8', '::1/128']\n",
                       "/srv");
  REQUIRE(c.ok());
  CHECK(c->warc_dir == "/srv/warc");
  CHECK(c->warc_retention_days == 30);
  CHECK(c->allow_private.size() == 2);
  auto bad = ParseConfig("c.toml", "[crawler]\nallow_private = ['10.0.0.0/33']\n", "/srv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().rfind("c.toml:2:", 0) == 0);
  CHECK(bad.status().message().find("10.0.0.0/33") != std::string::npos);
  auto days = ParseConfig("c.toml", "[store]\nwarc_retention_days = 0\n", "/srv");
  REQUIRE_FALSE(days.ok());
  CHECK(days.status().message().find("warc_retention_days") != std::string::npos);
}

}  // namespace
}  // namespace ecwatch

namespace ecwatch {
namespace {

TEST_CASE("crawl scheduling keys and sitemap sources are read and checked", "[app][config]") {
  const char* good = R"toml(
[crawler]
concurrency = 32
per_host_connections = 2
per_host_delay = "0s"
retries = 5
retry_delay = "2m"
timeout = "10s"
[[source]]
name = "news-sitemap"
kind = "sitemap"
url = "https://example.org/sitemap_news.xml.gz"
)toml";
  auto c = ParseConfig("c.toml", good, "/srv");
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->concurrency == 32);
  CHECK(c->per_host_connections == 2);
  CHECK(c->per_host_delay_ms == 0);
  CHECK(c->max_attempts == 6);
  CHECK(c->retry_delay_seconds == 120);
  CHECK(c->timeout_seconds == 10);
  CHECK(c->sources.at(0).kind == SourceConfig::Kind::kSitemap);

  Config defaults;
  CHECK(defaults.concurrency == 16);
  CHECK(defaults.per_host_connections == 1);
  CHECK(defaults.per_host_delay_ms == 1000);

  struct Bad {
    const char* text;
    const char* expected;
  };
  for (const Bad& bad : {Bad{"[crawler]\nconcurrency = 0\n", "c.toml:2:"},
                         Bad{"[crawler]\nconcurrency = 100000\n", "concurrency must be"},
                         Bad{"[crawler]\nper_host_delay = \"soon\"\n", "per_host_delay must"},
                         Bad{"[crawler]\nretries = 11\n", "retries must be"},
                         Bad{"[crawler]\ntimeout = \"0s\"\n", "timeout must"},
                         Bad{"[[source]]\nname = 'x'\nkind = 'atom'\nurl = 'https://e.org'\n",
                             "\"feed\", \"sitemap\" or \"page\""}}) {
    auto r = ParseConfig("c.toml", bad.text, "/srv");
    REQUIRE_FALSE(r.ok());
    INFO(r.status().message());
    CHECK(r.status().message().find(bad.expected) != std::string::npos);
  }
}

TEST_CASE("the commented example config loads", "[app][config]") {
  auto c = LoadConfig(std::string(ECWATCH_SOURCE_DIR) + "/examples/ecwatch.toml");
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->sources.size() >= 3);
}

}  // namespace
}  // namespace ecwatch
