// Clock: the wall-clock seam, so tests never depend on the real time.
#ifndef ECWATCH_BASE_CLOCK_H_
#define ECWATCH_BASE_CLOCK_H_

#include <cstdint>
#include <string>

namespace ecwatch {

// Thread-safe implementations only.
class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual int64_t NowSeconds() const = 0;
};

// The real clock. Stateless, thread-safe.
class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override;
};

// "2026-11-28T21:44:04Z" for a Unix time.
std::string FormatIso8601(int64_t unix_seconds);

// Parses the date part of an ISO 8601 date or date-time ("2025-11-07",
// "2025-11-07T10:00:00+08:00") into days since the epoch. Returns false when
// the text does not start with a valid YYYY-MM-DD.
bool ParseIsoDate(const std::string& text, int64_t* days_since_epoch);

// Days since the epoch of a civil date (proleptic Gregorian). month 1..12.
int64_t DaysFromCivil(int year, unsigned month, unsigned day);

}  // namespace ecwatch

#endif  // ECWATCH_BASE_CLOCK_H_
