// SystemClock and the civil-date arithmetic shared by rules and store.
#include "base/clock.h"

#include <cstdio>
#include <ctime>

namespace ecwatch {

int64_t SystemClock::NowSeconds() const { return static_cast<int64_t>(std::time(nullptr)); }

std::string FormatIso8601(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Howard Hinnant's days_from_civil algorithm (public-domain arithmetic).
int64_t DaysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ParseIsoDate(const std::string& text, int64_t* days_since_epoch) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  *days_since_epoch = DaysFromCivil(y, m, d);
  return true;
}

}  // namespace ecwatch
