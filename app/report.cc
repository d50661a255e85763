// IngestJson / IngestText: what `ecwatch ingest` prints.
#include "app/report.h"

#include <sstream>

namespace ecwatch {
namespace {

// The sentence of text around [start, end): from the previous sentence end
// or paragraph break to the next one, trimmed to a readable length.
std::string SentenceAround(const std::string& text, std::size_t start, std::size_t end) {
  constexpr std::size_t kMaxSpan = 300;
  std::size_t b = start;
  while (b > 0 && start - b < kMaxSpan) {
    char c = text[b - 1];
    if (c == '\n' || ((c == '.' || c == '!' || c == '?') && b < text.size() && text[b] == ' ')) break;
    --b;
  }
  std::size_t e = end;
  while (e < text.size() && e - end < kMaxSpan) {
    char c = text[e];
    ++e;
    if (c == '\n' || c == '.' || c == '!' || c == '?') break;
  }
  std::string s = text.substr(b, e - b);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace

std::size_t Utf8Length(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

Json IngestJson(const IngestReport& r) {
  Json matches = Json::array();
  for (const Match& m : r.findings.matches) {
    matches.push_back({{"rule", m.rule}, {"category", m.category}, {"text", m.text},
                       {"value", m.value}, {"start", m.start}, {"end", m.end}});
  }
  Json events = Json::array();
  for (const Event& e : r.findings.events) {
    Json days = e.duration_days ? Json(*e.duration_days) : Json(nullptr);
    events.push_back({{"actor", e.actor}, {"action", e.action}, {"items", e.items},
                      {"duration_days", days}, {"duration_text", e.duration_text},
                      {"sentence", e.sentence}, {"rule", e.rule}});
  }
  return Json{{"url", r.article.url},
              {"title", r.article.title},
              {"published", r.article.published},
              {"text_chars", Utf8Length(r.article.text)},
              {"document_id", r.stored.document_id},
              {"new_document", r.stored.inserted},
              {"ruleset_version", r.findings.ruleset_version},
              {"matches", matches},
              {"minerals", r.findings.minerals},
              {"events", events},
              {"alert", r.findings.alert},
              {"alert_id", r.stored.alert_id}};
}

std::string EventLine(const Event& e) {
  std::ostringstream os;
  os << (e.actor.empty() ? "(actor unknown)" : e.actor) << ": " << e.action;
  if (!e.items.empty()) os << " — " << Join(e.items, ", ");
  if (e.duration_days) os << "; " << *e.duration_days << " days";
  if (!e.duration_text.empty()) os << " (" << e.duration_text << ")";
  return os.str();
}

std::string IngestText(const IngestReport& r) {
  std::ostringstream os;
  const Article& a = r.article;
  os << (a.title.empty() ? "(untitled)" : a.title) << "\n";
  os << "  url:        " << a.url << "\n";
  os << "  published:  " << (a.published.empty() ? "(not declared)" : a.published) << "\n";
  os << "  text:       " << Utf8Length(a.text) << " characters\n";
  os << "  stored:     document " << r.stored.document_id
     << (r.stored.inserted ? " (new)" : " (unchanged, already stored)") << "\n";
  os << "\nFindings (" << r.findings.matches.size() << "):\n";
  for (const Match& m : r.findings.matches) {
    os << "  " << m.category << " " << m.value << "  \"" << m.text << "\"  [" << m.rule << "]\n";
    os << "      " << SentenceAround(a.text, m.start, m.end) << "\n";
  }
  if (!r.findings.minerals.empty()) os << "\nMinerals: " << Join(r.findings.minerals, ", ") << "\n";
  os << "\nEvents (" << r.findings.events.size() << "):\n";
  for (const Event& e : r.findings.events) {
    os << "  " << EventLine(e) << "\n      \"" << e.sentence << "\"\n";
  }
  if (r.findings.alert) {
    os << "\nALERT: " << (r.stored.alert_id ? "raised, alert " + std::to_string(r.stored.alert_id)
                                            : std::string("raised earlier for this document"))
       << "\n";
  } else {
    os << "\nNo alert.\n";
  }
  return os.str();
}

Json ArticleJson(const Article& a) {
  return Json{{"url", a.url},           {"title", a.title},
              {"published", a.published}, {"author", a.author},
              {"site_name", a.site_name}, {"canonical_url", a.canonical_url},
              {"language", a.language},   {"text", a.text}};
}

}  // namespace ecwatch
