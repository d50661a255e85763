// AlertStore: pending events until assigned, one-transaction commits with
// outbox rows and stable idempotency keys, listing filters, ack, outbox
// attempts, latencies, and FTS5 search with snippets and filters.
#include "store/alert_store.h"

#include <catch2/catch.hpp>

#include "store/store.h"

namespace ecwatch {
namespace {

Article Doc(const std::string& url, const std::string& title, const std::string& text) {
  Article a;
  a.url = url;
  a.title = title;
  a.text = text;
  return a;
}

Findings WithEvent(const std::string& actor, std::vector<std::string> items) {
  Findings f;
  Event e;
  e.actor = actor;
  e.action = "suspend";
  e.items = std::move(items);
  e.sentence = actor + " suspends controls";
  e.rule = "actions/suspend-controls";
  f.events.push_back(e);
  f.minerals = e.items;
  f.alert = !e.items.empty();
  return f;
}

struct Db {
  std::unique_ptr<Store> store = std::move(Store::Open(":memory:")).value();
  std::unique_ptr<AlertStore> alerts = std::move(AlertStore::ForStore(store.get())).value();
};

StoryDecision Create(const PendingEvent& e, std::vector<std::string> sinks) {
  StoryDecision d;
  d.event_ids = {e.event_id};
  d.document_id = e.document_id;
  d.fetched_at = e.fetched_at;
  d.story.actor = e.event.actor;
  d.story.action = e.event.action;
  d.story.items = e.event.items;
  d.story.summary = "summary";
  d.story.first_seen = d.story.last_seen = e.fetched_at;
  d.new_revision = true;
  d.sinks = std::move(sinks);
  d.now = e.fetched_at + 5;
  return d;
}

TEST_CASE("events naming a mineral stay pending until a commit assigns them", "[store][alerts]") {
  Db db;
  REQUIRE(db.store->PutDocument(Doc("https://a.example/1", "A", "text a"), WithEvent("China", {"gallium"}), 100).ok());
  REQUIRE(db.store->PutDocument(Doc("https://a.example/2", "B", "text b"), WithEvent("China", {}), 100).ok());
  auto pending = db.alerts->PendingEvents(10);
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);  // the event without a mineral never alerts
  const PendingEvent e = pending->front();
  CHECK(e.url == "https://a.example/1");
  CHECK(e.event.items == std::vector<std::string>{"gallium"});
  auto id = db.alerts->Commit(Create(e, {"desk", "mail"}));
  REQUIRE(id.ok());
  CHECK(db.alerts->PendingEvents(10)->empty());
  // A second commit of the same event keeps the first decision.
  CHECK(db.alerts->Commit(Create(e, {"desk"})).value() == id.value());

  auto story = db.alerts->GetStory(id.value());
  REQUIRE(story.ok());
  REQUIRE(story->sources.size() == 1);
  CHECK(story->sources[0].sentence == "China suspends controls");
  auto outbox = db.alerts->ListOutbox(id.value());
  REQUIRE(outbox->size() == 2);
  CHECK(outbox->at(0).idempotency_key == "ecwatch-story-1-r1-desk");
  CHECK(outbox->at(0).kind == "new");
  CHECK(outbox->at(0).state == "pending");
  CHECK(db.alerts->GetStory(99).status().code() == Status::Code::kNotFound);
}

TEST_CASE("outbox rows are due, retried, delivered or failed", "[store][alerts]") {
  Db db;
  REQUIRE(db.store->PutDocument(Doc("https://a.example/1", "A", "text"), WithEvent("China", {"gallium"}), 100).ok());
  auto e = db.alerts->PendingEvents(10)->front();
  REQUIRE(db.alerts->Commit(Create(e, {"desk", "mail"})).ok());
  auto due = db.alerts->DueDeliveries(105, 10);
  REQUIRE(due->size() == 2);
  CHECK(db.alerts->DueDeliveries(104, 10)->empty());
  REQUIRE(db.alerts->MarkAttemptFailed(due->at(0).id, "HTTP 500", 200, false).ok());
  REQUIRE(db.alerts->MarkAttemptFailed(due->at(1).id, "HTTP 410", 200, true).ok());
  CHECK(db.alerts->DueDeliveries(199, 10)->empty());
  CHECK(db.alerts->NextDeliveryAt().value() == 200);
  auto retry = db.alerts->DueDeliveries(200, 10);
  REQUIRE(retry->size() == 1);
  CHECK(retry->at(0).attempts == 1);
  CHECK(retry->at(0).idempotency_key == due->at(0).idempotency_key);
  REQUIRE(db.alerts->MarkDelivered(retry->at(0).id, 160).ok());
  auto counts = db.alerts->CountOutbox();
  CHECK(counts->delivered == 1);
  CHECK(counts->failed == 1);
  CHECK(counts->pending == 0);
  CHECK(db.alerts->ListOutbox(0)->at(0).last_error == "HTTP 410");
  CHECK(db.alerts->DeliveryLatencies(0).value() == std::vector<int64_t>{60});
  CHECK_FALSE(db.alerts->NextDeliveryAt().value().has_value());
}

TEST_CASE("ListStories filters by since, actor, mineral and state; ack", "[store][alerts]") {
  Db db;
  REQUIRE(db.store->PutDocument(Doc("https://a.example/1", "A", "a"), WithEvent("China", {"gallium"}), 100).ok());
  REQUIRE(db.store->PutDocument(Doc("https://a.example/2", "B", "b"), WithEvent("Japan", {"cobalt"}), 200).ok());
  auto pending = db.alerts->PendingEvents(10);  // not a temporary: value() && would dangle
  REQUIRE(pending.ok());
  for (const PendingEvent& e : pending.value()) {
    REQUIRE(db.alerts->Commit(Create(e, {})).ok());
  }
  CHECK(db.alerts->ListStories(StoryFilter{}).value().size() == 2);
  CHECK(db.alerts->ListStories(StoryFilter{}).value().front().actor == "Japan");  // newest first
  CHECK(db.alerts->ListStories(StoryFilter{150}).value().size() == 1);
  CHECK(db.alerts->ListStories(StoryFilter{0, "china"}).value().size() == 1);
  CHECK(db.alerts->ListStories(StoryFilter{0, "", "Cobalt"}).value().front().actor == "Japan");
  REQUIRE(db.alerts->AckStory(1).ok());
  CHECK(db.alerts->ListStories(StoryFilter{0, "", "", "acked"}).value().front().id == 1);
  CHECK(db.alerts->ListStories(StoryFilter{0, "", "", "new"}).value().front().id == 2);
  CHECK(db.alerts->AckStory(42).code() == Status::Code::kNotFound);
}

TEST_CASE("Search ranks by bm25 with snippets, filters by date and source", "[store][search]") {
  Db db;
  REQUIRE(db.store->PutDocument(Doc("https://a.example/rare", "Rare earth pause",
                                    "China pauses rare earth export controls for a year."),
                                Findings{}, 100).ok());
  REQUIRE(db.store->PutDocument(Doc("https://a.example/robots", "Robots",
                                    "Robot shipments rose; rare parts were short, earth movers too."),
                                Findings{}, 200).ok());
  REQUIRE(db.store->RecordFetch(FetchRecord{"https://a.example/robots", "tech", 200, "", 200}).ok());
  auto hits = db.alerts->Search(SearchQuery{"rare earth"});
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 2);
  CHECK(hits->front().url == "https://a.example/rare");
  CHECK(hits->front().snippet.find("[rare] [earth]") != std::string::npos);
  CHECK(db.alerts->Search(SearchQuery{"rare earth", 150}).value().size() == 1);
  CHECK(db.alerts->Search(SearchQuery{"rare earth", 0, 150}).value().size() == 1);
  CHECK(db.alerts->Search(SearchQuery{"rare", 0, 0, "tech"}).value().front().url ==
        "https://a.example/robots");
  // FTS5 syntax in the query is taken literally, not parsed.
  CHECK(db.alerts->Search(SearchQuery{"rare\" OR \"robots"}).ok());
  CHECK(db.alerts->Search(SearchQuery{"  "}).status().code() == Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ecwatch
