// Logging to stderr in a journald-friendly form ("<level> message"), the one
// place spdlog is included. Thread-safe.
#ifndef ECWATCH_BASE_LOG_H_
#define ECWATCH_BASE_LOG_H_

#include <string_view>

namespace ecwatch {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Sets the lowest level written (default kInfo). Call once from main.
void SetLogLevel(LogLevel level);
// Parses "debug" | "info" | "warn" | "error"; false when unknown.
bool ParseLogLevel(std::string_view name, LogLevel* level);

void LogDebug(std::string_view message);
void LogInfo(std::string_view message);
void LogWarn(std::string_view message);
void LogError(std::string_view message);

}  // namespace ecwatch

#endif  // ECWATCH_BASE_LOG_H_
