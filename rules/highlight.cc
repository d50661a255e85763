// Highlight: inline markers or ANSI colours around rule matches.
// Tested by highlight_test.cc.
#include "rules/highlight.h"

#include <algorithm>

namespace ecwatch {
namespace {

const char* Colour(const std::string& category) {
  if (category == "mineral") return "\x1b[1;33m";   // bold yellow
  if (category == "action") return "\x1b[1;31m";    // bold red
  if (category == "duration") return "\x1b[1;36m";  // bold cyan
  if (category == "actor") return "\x1b[1;32m";     // bold green
  return "\x1b[1;35m";                              // bold magenta
}

}  // namespace

std::string Highlight(const std::string& text, const std::vector<Match>& matches, bool ansi) {
  std::vector<const Match*> order;
  for (const Match& m : matches) {
    if (m.start < m.end && m.end <= text.size()) order.push_back(&m);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Match* a, const Match* b) { return a->start < b->start; });
  std::string out;
  std::size_t pos = 0;
  for (const Match* m : order) {
    if (m->start < pos) continue;  // overlaps the previous one
    out.append(text, pos, m->start - pos);
    const std::string body = text.substr(m->start, m->end - m->start);
    if (ansi) {
      out += Colour(m->category) + body + "\x1b[0m";
    } else {
      out += "[[" + body + "]]{" + m->rule + "}";
    }
    pos = m->end;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace ecwatch
