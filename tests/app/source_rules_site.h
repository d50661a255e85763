// A loopback news site and rule directories for the per-source rule set
// tests: one feed per name listing one page, one tiny rule file per set.
#ifndef ECWATCH_TESTS_APP_SOURCE_RULES_SITE_H_
#define ECWATCH_TESTS_APP_SOURCE_RULES_SITE_H_

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/http_server.h"

namespace ecwatch::testing {

// /NAME.xml (RSS) lists /NAME.html, an article whose text says its newest
// line makes `words`. Call before server->Start().
inline void AddSourceSite(TestHttpServer* server, const std::string& name,
                          const std::string& words) {
  const std::string page =
      "<html><head><title>News of " + name + "</title></head><body><article><h1>News of " + name +
      "</h1><p>Output at the plant rose in the third quarter, the company said on Tuesday, "
      "citing higher grades at its main pit and fewer stoppages than a year earlier.</p>"
      "<p>Its newest line makes " + words + " for customers in Asia and Europe.</p>"
      "</article></body></html>";
  server->server().Get("/" + name + ".html", [page](const httplib::Request&, httplib::Response& r) {
    r.set_content(page, "text/html");
  });
  server->server().Get("/" + name + ".xml", [server, name](const httplib::Request&,
                                                           httplib::Response& r) {
    r.set_content("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><link>" +
                      server->Url("/" + name + ".html") + "</link></item></channel></rss>",
                  "application/rss+xml");
  });
}

// dir/SET.toml with one rule per word: id WORD, category action, matching
// the word and its plural.
inline void WriteWordRules(const std::string& dir, const std::string& set,
                           const std::vector<std::string>& words) {
  std::filesystem::create_directories(dir);
  std::ofstream out(dir + "/" + set + ".toml");
  for (const std::string& w : words) {
    out << "[[rule]]\nid = '" << w << "'\ncategory = 'action'\npatterns = ['\\b" << w << "s?\\b']\n";
  }
}

// A [[source]] of kind feed for server's /NAME.xml, with its own rules
// directory unless rules is "".
inline std::string FeedSource(const TestHttpServer& server, const std::string& name,
                              const std::string& rules) {
  return "[[source]]\nname = '" + name + "'\nkind = 'feed'\nurl = '" + server.Url("/" + name + ".xml") +
         "'\ninterval = '1h'\n" + (rules.empty() ? "" : "rules = '" + rules + "'\n");
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_APP_SOURCE_RULES_SITE_H_
