// Stories: which real-world move an alerting event belongs to, and how a
// later report changes it. Pure functions over store/alert_store.h structs;
// the alert stage (app/alert_stage.h) reads candidates and commits.
#ifndef ECWATCH_APP_ALERT_STORIES_H_
#define ECWATCH_APP_ALERT_STORIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "app/alert_config.h"
#include "store/alert_store.h"

namespace ecwatch {

// "high" for impose/tighten, "medium" for suspend/lift/extend, else "low".
std::string SeverityForAction(const std::string& action);
// 0 low, 1 medium, 2 high; -1 for anything else.
int SeverityRank(const std::string& severity);

// Jaccard similarity (0..1) of the lower-cased word pairs of two sentences.
double SentenceSimilarity(const std::string& a, const std::string& b);

// The index in candidates of the story event belongs to, or -1. Only
// stories whose first..last seen span is within window_seconds of the
// event's fetch are considered. First, a story with a source document in
// the same near-duplicate cluster as the event's document (same
// documents.duplicate_of, or one is the other's) wins whatever the facts or
// sentences say: a syndicated copy is the same story; when several such
// stories exist (a document with several moves), the one of the same move,
// then the most similar evidence sentence, then the lowest index. Otherwise
// a story matches when either (same action, compatible actors -- equal
// ignoring case, or one unknown -- and at least one mineral in common) or
// the event's sentence is a near-duplicate (similarity >= kNearDuplicate)
// of one of the story's evidence sentences; the first match (lowest id)
// wins.
inline constexpr double kNearDuplicate = 0.6;
int FindStory(const std::vector<Story>& candidates, const PendingEvent& event,
              int64_t window_seconds);

// A new story (revision 1) from its first event.
Story NewStory(const PendingEvent& event);

// Merges event into story: widens first/last seen, fills an unknown actor,
// adds the source, rewrites the summary. Returns true when the facts
// changed -- a mineral the story lacked, or a stated duration different
// from the story's. The caller decides the revision (several events of one
// document make at most one new revision).
bool MergeIntoStory(const PendingEvent& event, Story* story);

// "China suspends export controls on gallium, germanium for 365 days".
std::string StorySummary(const Story& story);

// Whether a sink's filter accepts a story.
bool SinkAccepts(const SinkFilter& filter, const Story& story);

}  // namespace ecwatch

#endif  // ECWATCH_APP_ALERT_STORIES_H_
