// AlertStage: events -> stories (+ outbox rows), and outbox -> sinks.
//
// Tested by tests/app/alert_stage_test.cc and tests/app/alert_delivery_test.cc.
#include "app/alert_stage.h"

#include <algorithm>

#include "app/alert_stories.h"
#include "base/limits.h"
#include "base/log.h"

namespace ecwatch {

AlertStage::AlertStage(AlertConfig config, AlertStore* store, const Clock* clock)
    : config_(std::move(config)), store_(store), clock_(clock) {
  for (const SinkConfig& sink : config_.sinks) sinks_[sink.name] = MakeSink(sink, store_);
}

void AlertStage::SetSink(const std::string& name, std::unique_ptr<AlertSink> sink) {
  sinks_[name] = std::move(sink);
}

std::vector<std::string> AlertStage::SinksFor(const Story& story) const {
  std::vector<std::string> names;
  for (const SinkConfig& sink : config_.sinks) {
    if (SinkAccepts(sink.filter, story)) names.push_back(sink.name);
  }
  return names;
}

Status AlertStage::ProcessDocument(const std::vector<PendingEvent>& events,
                                   std::vector<Story>* candidates,
                                   std::vector<StoryChange>* changes) {
  struct Touch {
    StoryDecision decision;
    bool created = false;
    int base_revision = 1;
  };
  std::map<int, Touch> touched;  // candidate index -> what this document did to it
  for (const PendingEvent& e : events) {
    int index = FindStory(*candidates, e, config_.window_seconds);
    bool changed = false;
    if (index < 0) {
      candidates->push_back(NewStory(e));
      index = static_cast<int>(candidates->size()) - 1;
      touched[index].created = true;
    } else {
      if (!touched.count(index)) touched[index].base_revision = candidates->at(index).revision;
      changed = MergeIntoStory(e, &candidates->at(index));
    }
    Touch& t = touched[index];
    t.decision.event_ids.push_back(e.event_id);
    t.decision.new_revision = t.created || t.decision.new_revision || changed;
  }
  const PendingEvent& first = events.front();
  for (auto& [index, t] : touched) {
    Story& story = candidates->at(index);
    story.revision = t.created ? 1 : t.base_revision + (t.decision.new_revision ? 1 : 0);
    for (StorySource& src : story.sources) {
      if (src.document_id == first.document_id) src.revision = story.revision;
    }
    StoryDecision& d = t.decision;
    d.document_id = first.document_id;
    d.fetched_at = first.fetched_at;
    d.story = story;
    d.now = clock_->NowSeconds();
    if (d.new_revision) d.sinks = SinksFor(story);
    Result<int64_t> id = store_->Commit(d);
    if (!id.ok()) return id.status();
    story.id = id.value();
    changes->push_back(StoryChange{story.id, t.created, !t.created && d.new_revision,
                                   story.revision, story.summary, story.sources.size(),
                                   story.first_seen, first.url});
  }
  return Status::Ok();
}

Result<std::vector<StoryChange>> AlertStage::ProcessPending() {
  Result<std::vector<PendingEvent>> pending = store_->PendingEvents(limits::kMaxPendingEventsPerPass);
  if (!pending.ok()) return pending.status();
  std::vector<StoryChange> changes;
  if (pending->empty()) return changes;
  int64_t earliest = pending->front().fetched_at;
  for (const PendingEvent& e : pending.value()) earliest = std::min(earliest, e.fetched_at);
  Result<std::vector<Story>> candidates = store_->StoriesSince(earliest - config_.window_seconds);
  if (!candidates.ok()) return candidates.status();
  // Pending events come in event id order, so a document's events are adjacent.
  std::vector<PendingEvent> group;
  for (PendingEvent& e : pending.value()) {
    if (!group.empty() && group.front().document_id != e.document_id) {
      if (Status s = ProcessDocument(group, &candidates.value(), &changes); !s.ok()) return s;
      group.clear();
    }
    group.push_back(std::move(e));
  }
  if (Status s = ProcessDocument(group, &candidates.value(), &changes); !s.ok()) return s;
  return changes;
}

int64_t AlertStage::Backoff(int attempts) const {
  int64_t delay = config_.backoff_base_seconds;
  for (int i = 1; i < attempts && delay < config_.backoff_cap_seconds; ++i) delay *= 2;
  return std::min(delay, config_.backoff_cap_seconds);
}

Status AlertStage::DeliverOne(const OutboxEntry& entry, DeliveryReport* report) {
  Status outcome;
  auto sink = sinks_.find(entry.sink);
  if (sink == sinks_.end() || !sink->second) {
    outcome = Status::InvalidArgument("sink '" + entry.sink + "' is not configured");
  } else {
    Result<Story> story = store_->GetStory(entry.story_id);
    if (!story.ok()) return story.status();
    outcome = sink->second->Deliver(
        AlertMessage{std::move(story).value(), entry.kind, entry.revision, entry.idempotency_key});
  }
  const int64_t now = clock_->NowSeconds();
  if (outcome.ok()) {
    ++report->delivered;
    LogInfo("delivered alert " + std::to_string(entry.story_id) + " r" +
            std::to_string(entry.revision) + " to " + entry.sink);
    return store_->MarkDelivered(entry.id, now);
  }
  const int attempts = entry.attempts + 1;
  const bool permanent = IsPermanentFailure(outcome) ||
                         (config_.max_attempts > 0 && attempts >= config_.max_attempts);
  ++(permanent ? report->failed : report->retried);
  LogWarn("delivery of alert " + std::to_string(entry.story_id) + " to " + entry.sink +
          (permanent ? " failed for good: " : " failed, will retry: ") + outcome.message());
  return store_->MarkAttemptFailed(entry.id, outcome.message(), now + Backoff(attempts), permanent);
}

Result<DeliveryReport> AlertStage::DeliverDue() {
  DeliveryReport report;
  Result<std::vector<OutboxEntry>> due =
      store_->DueDeliveries(clock_->NowSeconds(), limits::kMaxDeliveriesPerPass);
  if (!due.ok()) return due.status();
  for (const OutboxEntry& entry : due.value()) {
    if (Status s = DeliverOne(entry, &report); !s.ok()) return s;
  }
  return report;
}

std::optional<int64_t> AlertStage::NextDeliveryAt() {
  Result<std::optional<int64_t>> next = store_->NextDeliveryAt();
  return next.ok() ? next.value() : std::nullopt;
}

}  // namespace ecwatch
