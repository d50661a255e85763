// Rendering of ingestion results for people (text) and scripts (--json).
#ifndef ECWATCH_APP_REPORT_H_
#define ECWATCH_APP_REPORT_H_

#include <string>

#include "app/pipeline.h"
#include "base/json.h"

namespace ecwatch {

// Number of Unicode code points in UTF-8 text.
std::size_t Utf8Length(const std::string& text);

// The `ingest --json` object: url, title, published, text_chars, document_id,
// matches[{rule,category,text,value,start,end}], minerals, events[{actor,
// action,items,duration_days,duration_text,sentence}], alert.
Json IngestJson(const IngestReport& report);

// The readable report: title, date, text size, findings with their
// sentences, events, and whether an alert was raised.
std::string IngestText(const IngestReport& report);

// The `extract --json` object: url, title, published, author, site_name,
// canonical_url, language, text.
Json ArticleJson(const Article& article);

// One line for an event: "China: suspend — rare earths, terbium; 365 days (one-year)".
std::string EventLine(const Event& event);

}  // namespace ecwatch

#endif  // ECWATCH_APP_REPORT_H_
