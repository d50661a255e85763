// Story grouping: match an event to a story, merge it, say what changed.
//
// Tested by tests/app/alert_stories_test.cc.
#include "app/alert_stories.h"

#include <algorithm>
#include <cctype>
#include <set>


namespace ecwatch {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::set<std::string> WordPairs(const std::string& sentence) {
  std::vector<std::string> words;
  std::string word;
  for (char c : sentence + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  std::set<std::string> pairs;
  for (size_t i = 0; i + 1 < words.size(); ++i) pairs.insert(words[i] + " " + words[i + 1]);
  if (words.size() == 1) pairs.insert(words[0]);
  return pairs;
}

bool ActorsCompatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || Lower(a) == Lower(b);
}

bool ShareItem(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  }
  return false;
}

bool InWindow(const Story& story, int64_t t, int64_t window) {
  return t >= story.first_seen - window && t <= story.last_seen + window;
}

bool NearDuplicate(const Story& story, const std::string& sentence) {
  for (const StorySource& source : story.sources) {
    if (SentenceSimilarity(source.sentence, sentence) >= kNearDuplicate) return true;
  }
  return false;
}

// The first document of a document's near-duplicate cluster (itself if none).
int64_t Cluster(int64_t document_id, int64_t duplicate_of) {
  return duplicate_of != 0 ? duplicate_of : document_id;
}

bool SameMove(const Story& story, const PendingEvent& e) {
  return story.action == e.event.action && ActorsCompatible(story.actor, e.event.actor) &&
         ShareItem(story.items, e.event.items);
}

// How well event fits a story holding a near-copy of its document: the same
// move first, then the closest evidence sentence.
double ClusterFit(const Story& story, const PendingEvent& e) {
  double best = 0;
  for (const StorySource& source : story.sources) {
    best = std::max(best, SentenceSimilarity(source.sentence, e.event.sentence));
  }
  return (SameMove(story, e) ? 2 : 0) + best;
}

bool InCluster(const Story& story, const PendingEvent& e) {
  const int64_t cluster = Cluster(e.document_id, e.duplicate_of);
  for (const StorySource& source : story.sources) {
    if (source.document_id != e.document_id &&
        Cluster(source.document_id, source.duplicate_of) == cluster) {
      return true;
    }
  }
  return false;
}

// The in-window story holding a near-duplicate of event's document, the
// best fitting (ClusterFit) when several do; -1 none.
int FindClusterStory(const std::vector<Story>& candidates, const PendingEvent& e, int64_t window) {
  int found = -1;
  double found_fit = -1;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!InWindow(candidates[i], e.fetched_at, window) || !InCluster(candidates[i], e)) continue;
    const double fit = ClusterFit(candidates[i], e);
    if (fit > found_fit) found = static_cast<int>(i), found_fit = fit;
  }
  return found;
}

void AddSource(const PendingEvent& e, Story* story) {
  for (const StorySource& s : story->sources) {
    if (s.url == e.url) return;
  }
  story->sources.push_back(StorySource{e.document_id, e.url, e.title, e.fetched_at,
                                       story->revision, e.event.sentence, e.event.rule,
                                       e.duplicate_of});
}

}  // namespace

std::string SeverityForAction(const std::string& action) {
  if (action == "impose" || action == "tighten") return "high";
  if (action == "suspend" || action == "lift" || action == "extend") return "medium";
  return "low";
}

int SeverityRank(const std::string& severity) {
  if (severity == "low") return 0;
  if (severity == "medium") return 1;
  if (severity == "high") return 2;
  return -1;
}

double SentenceSimilarity(const std::string& a, const std::string& b) {
  const std::set<std::string> pa = WordPairs(a), pb = WordPairs(b);
  if (pa.empty() || pb.empty()) return 0;
  size_t common = 0;
  for (const std::string& p : pa) common += pb.count(p);
  return static_cast<double>(common) / static_cast<double>(pa.size() + pb.size() - common);
}

int FindStory(const std::vector<Story>& candidates, const PendingEvent& e, int64_t window) {
  if (int i = FindClusterStory(candidates, e, window); i >= 0) return i;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Story& story = candidates[i];
    if (!InWindow(story, e.fetched_at, window)) continue;
    if (SameMove(story, e) || NearDuplicate(story, e.event.sentence)) return static_cast<int>(i);
  }
  return -1;
}

std::string StorySummary(const Story& story) { return StorySummaryLine(story); }

Story NewStory(const PendingEvent& e) {
  Story story;
  story.actor = e.event.actor;
  story.action = e.event.action;
  story.items = e.event.items;
  std::sort(story.items.begin(), story.items.end());
  story.duration_days = e.event.duration_days;
  story.severity = SeverityForAction(e.event.action);
  story.first_seen = story.last_seen = e.fetched_at;
  story.revision = 1;
  story.summary = StorySummary(story);
  AddSource(e, &story);
  return story;
}

bool MergeIntoStory(const PendingEvent& e, Story* story) {
  bool changed = false;
  for (const std::string& item : e.event.items) {
    if (std::find(story->items.begin(), story->items.end(), item) == story->items.end()) {
      story->items.push_back(item);
      changed = true;
    }
  }
  std::sort(story->items.begin(), story->items.end());
  if (e.event.duration_days.has_value() && story->duration_days != e.event.duration_days) {
    story->duration_days = e.event.duration_days;
    changed = true;
  }
  if (story->actor.empty()) story->actor = e.event.actor;
  story->first_seen = std::min(story->first_seen, e.fetched_at);
  story->last_seen = std::max(story->last_seen, e.fetched_at);
  story->summary = StorySummary(*story);
  AddSource(e, story);
  return changed;
}

bool SinkAccepts(const SinkFilter& filter, const Story& story) {
  if (SeverityRank(story.severity) < SeverityRank(filter.min_severity)) return false;
  if (!filter.actors.empty()) {
    const bool any = std::any_of(filter.actors.begin(), filter.actors.end(),
                                 [&](const std::string& a) { return Lower(a) == Lower(story.actor); });
    if (!any) return false;
  }
  if (!filter.minerals.empty()) {
    std::vector<std::string> wanted;
    for (const std::string& m : filter.minerals) wanted.push_back(Lower(m));
    if (!ShareItem(wanted, story.items)) return false;
  }
  return true;
}

}  // namespace ecwatch
