// Pins DecideDocument: events make an export-control document.
#include "rules/decision.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

TEST_CASE("No event: not an export-control document", "[rules][decision]") {
  Findings f;
  f.minerals = {"tin"};
  DocumentDecision d = DecideDocument(f);
  CHECK_FALSE(d.export_control);
  CHECK(d.action.empty());
  CHECK(d.minerals == std::vector<std::string>{"tin"});
}

TEST_CASE("The lead event gives the action; actor and duration from any event", "[rules][decision]") {
  Findings f;
  Event a;
  a.action = "suspend";
  Event b;
  b.action = "impose";
  b.actor = "China";
  b.duration_days = 365;
  f.events = {a, b};
  f.alert = true;
  DocumentDecision d = DecideDocument(f);
  CHECK(d.export_control);
  CHECK(d.alert);
  CHECK(d.action == "suspend");
  CHECK(d.actor == "China");
  CHECK(d.duration_days == 365);
}

TEST_CASE("Only title events and events in the lead count", "[rules][decision]") {
  Findings f;
  Event late;
  late.action = "impose";
  late.start = 700;
  late.end = 760;
  f.events = {late};
  CHECK_FALSE(DecideDocument(f, 1000).export_control);
  CHECK(DecideDocument(f, 2000).export_control);
  CHECK(DecideDocument(f).export_control);  // size unknown: every event counts
  Event title;
  title.action = "lift";
  f.events = {title, late};
  DocumentDecision d = DecideDocument(f, 1000);
  CHECK(d.export_control);
  CHECK(d.action == "lift");
}

}  // namespace
}  // namespace ecwatch
