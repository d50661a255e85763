// AlertSummary: the one-line text of an alert (internal to store/, tested).
#ifndef ECWATCH_STORE_ALERT_SUMMARY_H_
#define ECWATCH_STORE_ALERT_SUMMARY_H_

#include <string>

#include "extract/article.h"
#include "rules/findings.h"

namespace ecwatch {

// Built from the first event naming a mineral:
//   "China suspends export controls on rare earths, dysprosium for 365 days"
// Without an actor: "Export controls on gallium imposed". Without such an
// event: the article title, else its URL. Pure function, thread-safe.
std::string AlertSummary(const Article& article, const Findings& findings);

}  // namespace ecwatch

#endif  // ECWATCH_STORE_ALERT_SUMMARY_H_
