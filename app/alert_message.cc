// The bodies of an alert: JSON (webhook, exec), Slack text, plain text (e-mail).
//
// Tested by tests/app/alert_message_test.cc.
#include <algorithm>
#include <sstream>

#include "app/alert_sink.h"
#include "base/clock.h"
#include "base/limits.h"

namespace ecwatch {
namespace {

// "2026-11-28 08:12 UTC".
std::string ShortTime(int64_t t) {
  std::string iso = FormatIso8601(t);  // 2026-11-28T08:12:00Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

size_t SourceCount(const Story& s) {
  return std::min(s.sources.size(), limits::kMaxSourcesPerAlert);
}

}  // namespace

std::string AlertHeadline(const AlertMessage& m) {
  const size_t n = m.story.sources.size();
  std::string headline = m.kind == "update" ? "UPDATE: " : "";
  headline += m.story.summary + " -- " + std::to_string(n) + (n == 1 ? " source" : " sources") +
              ", first seen " + ShortTime(m.story.first_seen);
  return headline;
}

Json AlertJson(const AlertMessage& m) {
  const Story& s = m.story;
  Json sources = Json::array();
  for (size_t i = 0; i < SourceCount(s); ++i) {
    const StorySource& src = s.sources[i];
    sources.push_back({{"url", src.url}, {"title", src.title},
                       {"fetched_at", FormatIso8601(src.fetched_at)},
                       {"sentence", src.sentence}, {"rule", src.rule}});
  }
  Json duration = s.duration_days ? Json(*s.duration_days) : Json(nullptr);
  return Json{{"type", "ecwatch.alert"},  {"kind", m.kind},
              {"idempotency_key", m.idempotency_key},
              {"alert_id", s.id},         {"revision", m.revision},
              {"headline", AlertHeadline(m)},
              {"summary", s.summary},     {"actor", s.actor},
              {"action", s.action},       {"items", s.items},
              {"duration_days", duration}, {"severity", s.severity},
              {"state", s.state},
              {"first_seen", FormatIso8601(s.first_seen)},
              {"last_seen", FormatIso8601(s.last_seen)},
              {"source_count", s.sources.size()}, {"sources", sources}};
}

std::string AlertText(const AlertMessage& m) {
  std::ostringstream os;
  os << AlertHeadline(m) << "\n\n";
  os << "Alert " << m.story.id << " (revision " << m.revision << "), severity "
     << m.story.severity << "\n\nSources:\n";
  for (size_t i = 0; i < SourceCount(m.story); ++i) {
    const StorySource& src = m.story.sources[i];
    os << "\n" << (i + 1) << ". " << (src.title.empty() ? src.url : src.title) << "\n   "
       << src.url << "\n   fetched " << ShortTime(src.fetched_at) << "\n   \"" << src.sentence
       << "\"\n   rule: " << src.rule << "\n";
  }
  os << "\n-- \necwatch; review with `ecwatch alerts show " << m.story.id << "`\n";
  return os.str();
}

// Slack/Mattermost mrkdwn: &, < and > are control characters in text.
std::string SlackEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

Json AlertSlackJson(const AlertMessage& m) {
  std::string text = "*" + SlackEscape(AlertHeadline(m)) + "*";
  for (size_t i = 0; i < SourceCount(m.story); ++i) {
    const StorySource& src = m.story.sources[i];
    text += "\n- <" + SlackEscape(src.url) + "|" +
            SlackEscape(src.title.empty() ? src.url : src.title) + ">";
  }
  return Json{{"text", text}};
}

}  // namespace ecwatch
