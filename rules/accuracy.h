// ScoreLabelled: accuracy of a RuleSet on labelled stories (JSON lines with
// id, title, date, text, export_control, action, minerals, duration_days), as
// used by bench/rules and the accuracy floors in tests/rules.
#ifndef ECWATCH_RULES_ACCURACY_H_
#define ECWATCH_RULES_ACCURACY_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/rule_set.h"

namespace ecwatch {

struct LabelScore {
  int tp = 0;
  int fp = 0;
  int fn = 0;
  double Precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
  double Recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct AccuracyReport {
  int documents = 0;
  LabelScore export_control;  // per document, decision = DecideDocument().export_control
  LabelScore minerals;        // micro over (document, canonical mineral) pairs
  int action_labelled = 0;    // true-positive documents with a labelled action
  int action_correct = 0;     // ... whose lead action equals the label
  int duration_labelled = 0;  // documents with a labelled duration_days
  int duration_exact = 0;     // ... predicted exactly
  // One line per miss: "id: export_control fn", "id: mineral fp 'lead'", ...
  std::vector<std::string> misses;
  double DurationExactRate() const {
    return duration_labelled ? static_cast<double>(duration_exact) / duration_labelled : 1.0;
  }
  // Multi-line table: precision/recall/F1 per label, then the misses.
  std::string ToString() const;
};

// Scores set on every line of jsonl. InvalidArgument naming the line for a
// line that is not a JSON object with the fields above.
Result<AccuracyReport> ScoreLabelled(const RuleSet& set, std::string_view jsonl);

}  // namespace ecwatch

#endif  // ECWATCH_RULES_ACCURACY_H_
