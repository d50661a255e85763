// alerts (list, show, ack) and search: reviewing stories and documents.
//
// Tables fit an 80-column terminal; --json prints the same data as JSON.
// Tested by tests/app/alerts_commands_test.cc.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/alert_sink.h"
#include "app/commands.h"
#include "app/config.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/limits.h"
#include "store/alert_store.h"
#include "store/store.h"

namespace ecwatch {
namespace {

constexpr std::size_t kTerminalWidth = 80;

int Fail(const Status& status, Streams io) {
  io.err << "ecwatch: " << status.message() << "\n";
  return ExitCodeFor(status);
}

// The store and its alert tables, as the command line asks.
struct OpenedAlerts {
  std::unique_ptr<Store> store;
  std::unique_ptr<AlertStore> alerts;
};

Result<OpenedAlerts> OpenAlerts(const GlobalOptions& g) {
  Result<std::string> db = ResolveDbPath(g);
  if (!db.ok()) return db.status();
  Result<std::unique_ptr<Store>> store = Store::Open(db.value());
  if (!store.ok()) return store.status();
  Result<std::unique_ptr<AlertStore>> alerts = AlertStore::ForStore(store->get());
  if (!alerts.ok()) return alerts.status();
  return OpenedAlerts{std::move(store).value(), std::move(alerts).value()};
}

// At most width bytes, cut on a UTF-8 boundary, "~" marking a cut.
std::string Fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t cut = width - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "~";
}

std::string Pad(const std::string& text, std::size_t width) {
  std::string fitted = Fit(text, width);
  return fitted + std::string(width - std::min(width, fitted.size()) + 1, ' ');
}

// "11-28 08:12".
std::string Short(int64_t t) {
  const std::string iso = FormatIso8601(t);
  return iso.substr(5, 5) + " " + iso.substr(11, 5);
}

Json SourceJson(const StorySource& s) {
  return Json{{"document_id", s.document_id}, {"url", s.url},         {"title", s.title},
              {"fetched_at", s.fetched_at},   {"revision", s.revision}, {"sentence", s.sentence},
              {"rule", s.rule}};
}

Json StoryJson(const Story& s) {
  Json sources = Json::array();
  for (const StorySource& src : s.sources) sources.push_back(SourceJson(src));
  return Json{{"id", s.id},
              {"summary", s.summary},
              {"actor", s.actor},
              {"action", s.action},
              {"items", s.items},
              {"duration_days", s.duration_days ? Json(*s.duration_days) : Json(nullptr)},
              {"severity", s.severity},
              {"state", s.state},
              {"revision", s.revision},
              {"first_seen", s.first_seen},
              {"last_seen", s.last_seen},
              {"source_count", s.sources.size()},
              {"sources", sources}};
}

Json OutboxJson(const OutboxEntry& e) {
  return Json{{"sink", e.sink},
              {"kind", e.kind},
              {"revision", e.revision},
              {"idempotency_key", e.idempotency_key},
              {"state", e.state},
              {"attempts", e.attempts},
              {"next_attempt_at", e.next_attempt_at},
              {"last_error", e.last_error},
              {"delivered_at", e.delivered_at},
              {"latency_seconds", e.delivered_at ? e.delivered_at - e.source_fetched_at : 0}};
}

void PrintStoryTable(const std::vector<Story>& stories, std::ostream& out) {
  // 5 + 11 + 3 + 6 + 5 columns, one space after each: the summary gets the rest.
  const std::size_t summary_width = kTerminalWidth - (5 + 11 + 3 + 6 + 5 + 5);
  out << Pad("ID", 5) << Pad("FIRST SEEN", 11) << Pad("SRC", 3) << Pad("SEVER.", 6)
      << Pad("STATE", 5) << "SUMMARY\n";
  for (const Story& s : stories) {
    out << Pad(std::to_string(s.id), 5) << Pad(Short(s.first_seen), 11)
        << Pad(std::to_string(s.sources.size()), 3) << Pad(s.severity, 6) << Pad(s.state, 5)
        << Fit(s.summary, summary_width) << "\n";
  }
  if (stories.empty()) out << "no alerts\n";
}

void PrintStory(const Story& s, const std::vector<OutboxEntry>& outbox, std::ostream& out) {
  out << "Alert " << s.id << "  (revision " << s.revision << ", " << s.state << ", severity "
      << s.severity << ")\n  " << s.summary << "\n";
  std::string items;
  for (const std::string& item : s.items) items += (items.empty() ? "" : ", ") + item;
  out << "  actor: " << (s.actor.empty() ? "(unknown)" : s.actor) << "   action: " << s.action
      << "   items: " << items;
  if (s.duration_days) out << "   duration: " << *s.duration_days << " days";
  out << "\n  first seen " << FormatIso8601(s.first_seen) << ", last seen "
      << FormatIso8601(s.last_seen) << "\n\nSources (" << s.sources.size() << "):\n";
  int n = 0;
  for (const StorySource& src : s.sources) {
    out << "  " << ++n << ". " << FormatIso8601(src.fetched_at) << "  "
        << Fit(src.title.empty() ? "(untitled)" : src.title, kTerminalWidth - 30) << "\n     "
        << src.url << "\n     \"" << src.sentence << "\"\n     rule: " << src.rule << "\n";
  }
  out << "\nDeliveries (" << outbox.size() << "):\n";
  for (const OutboxEntry& e : outbox) {
    out << "  " << Pad(e.sink, 12) << Pad(e.kind + " r" + std::to_string(e.revision), 10)
        << Pad(e.state, 9) << e.attempts << (e.attempts == 1 ? " attempt" : " attempts");
    if (e.state == "delivered") out << ", at " << FormatIso8601(e.delivered_at);
    if (e.state == "pending" && e.attempts > 0) out << ", next " << FormatIso8601(e.next_attempt_at);
    out << "\n";
    if (!e.last_error.empty()) out << "      last error: " << e.last_error << "\n";
  }
}

}  // namespace

Result<int64_t> ParseSince(const std::string& text, int64_t now) {
  if (text.empty()) return int64_t{0};
  int64_t seconds = 0;
  if (ParseInterval(text, &seconds)) return now - seconds;
  int64_t days = 0;
  if (ParseIsoDate(text, &days)) return days * 86400;
  return Status::InvalidArgument("--since must be YYYY-MM-DD or an age like 24h or 7d, not \"" +
                                 text + "\"");
}

int RunAlertsList(const GlobalOptions& g, const AlertsQuery& q, Streams io) {
  Result<int64_t> since = ParseSince(q.since, SystemClock().NowSeconds());
  if (!since.ok()) return Fail(since.status(), io);
  if (!q.state.empty() && q.state != "new" && q.state != "acked") {
    return Fail(Status::InvalidArgument("--state must be new or acked"), io);
  }
  Result<OpenedAlerts> opened = OpenAlerts(g);
  if (!opened.ok()) return Fail(opened.status(), io);
  StoryFilter filter{since.value(), q.actor, q.mineral, q.state,
                     std::clamp(q.limit, 1, limits::kMaxListedAlerts)};
  Result<std::vector<Story>> stories = opened->alerts->ListStories(filter);
  if (!stories.ok()) return Fail(stories.status(), io);
  if (g.json) {
    Json out = Json::array();
    for (const Story& s : stories.value()) out.push_back(StoryJson(s));
    io.out << out.dump(2) << "\n";
  } else {
    PrintStoryTable(stories.value(), io.out);
  }
  return kExitOk;
}

int RunAlertsShow(const GlobalOptions& g, int64_t id, Streams io) {
  Result<OpenedAlerts> opened = OpenAlerts(g);
  if (!opened.ok()) return Fail(opened.status(), io);
  Result<Story> story = opened->alerts->GetStory(id);
  if (!story.ok()) return Fail(story.status(), io);
  Result<std::vector<OutboxEntry>> outbox = opened->alerts->ListOutbox(id);
  if (!outbox.ok()) return Fail(outbox.status(), io);
  if (g.json) {
    Json out = StoryJson(story.value());
    out["deliveries"] = Json::array();
    for (const OutboxEntry& e : outbox.value()) out["deliveries"].push_back(OutboxJson(e));
    io.out << out.dump(2) << "\n";
  } else {
    PrintStory(story.value(), outbox.value(), io.out);
  }
  return kExitOk;
}

int RunAlertsAck(const GlobalOptions& g, int64_t id, Streams io) {
  Result<OpenedAlerts> opened = OpenAlerts(g);
  if (!opened.ok()) return Fail(opened.status(), io);
  if (Status s = opened->alerts->AckStory(id); !s.ok()) return Fail(s, io);
  if (g.json) {
    io.out << Json{{"id", id}, {"state", "acked"}}.dump(2) << "\n";
  } else {
    io.out << "alert " << id << " acknowledged\n";
  }
  return kExitOk;
}

int RunSearch(const GlobalOptions& g, const SearchOptions& o, Streams io) {
  const int64_t now = SystemClock().NowSeconds();
  Result<int64_t> since = ParseSince(o.since, now);
  if (!since.ok()) return Fail(since.status(), io);
  Result<int64_t> until = ParseSince(o.until, now);
  if (!until.ok()) return Fail(until.status(), io);
  Result<OpenedAlerts> opened = OpenAlerts(g);
  if (!opened.ok()) return Fail(opened.status(), io);
  SearchQuery query{o.query, since.value(), until.value(), o.source,
                    std::clamp(o.limit, 1, limits::kMaxSearchResults)};
  const auto started = std::chrono::steady_clock::now();
  Result<std::vector<SearchHit>> hits = opened->alerts->Search(query);
  if (!hits.ok()) return Fail(hits.status(), io);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              started).count();
  if (g.json) {
    Json out = Json::array();
    for (const SearchHit& h : hits.value()) {
      out.push_back({{"document_id", h.document_id}, {"url", h.url}, {"title", h.title},
                     {"fetched_at", h.fetched_at}, {"snippet", h.snippet}, {"rank", h.rank}});
    }
    io.out << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const SearchHit& h : hits.value()) {
    io.out << Pad(std::to_string(h.document_id), 6) << Pad(Short(h.fetched_at), 11)
           << Fit(h.title.empty() ? h.url : h.title, kTerminalWidth - 19) << "\n       "
           << Fit(h.url, kTerminalWidth - 7) << "\n       " << Fit(h.snippet, kTerminalWidth - 7)
           << "\n";
  }
  if (hits->empty()) io.out << "no documents match\n";
  char took[64];
  std::snprintf(took, sizeof took, "%.1f", ms);
  io.out << hits->size() << (hits->size() == 1 ? " result" : " results") << " in " << took
         << " ms\n";
  return kExitOk;
}

}  // namespace ecwatch
