// Logging over spdlog: one stderr logger, syslog-style priority prefixes so
// that journald assigns levels ("<6>" info, "<4>" warning, ...) when run
// under systemd, and plain "[level]" text on a terminal.
#include "base/log.h"

#include <cstdlib>

#include <memory>
#include <string>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace ecwatch {
namespace {

std::shared_ptr<spdlog::logger> Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::stderr_logger_mt("ecwatch");
    // Under systemd (JOURNAL_STREAM set) journald stamps the time itself.
    const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
    l->set_pattern(journal ? "%v" : "%Y-%m-%dT%H:%M:%S%z [%l] %v");
    l->set_level(spdlog::level::info);
    l->flush_on(spdlog::level::info);
    return l;
  }();
  return logger;
}

std::string Prefix(int priority) {
  static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  return journal ? "<" + std::to_string(priority) + ">" : std::string();
}

}  // namespace

void SetLogLevel(LogLevel level) {
  static const spdlog::level::level_enum kMap[] = {spdlog::level::debug, spdlog::level::info,
                                                   spdlog::level::warn, spdlog::level::err};
  Logger()->set_level(kMap[static_cast<int>(level)]);
}

bool ParseLogLevel(std::string_view name, LogLevel* level) {
  if (name == "debug") *level = LogLevel::kDebug;
  else if (name == "info") *level = LogLevel::kInfo;
  else if (name == "warn") *level = LogLevel::kWarn;
  else if (name == "error") *level = LogLevel::kError;
  else return false;
  return true;
}

void LogDebug(std::string_view m) { Logger()->debug("{}{}", Prefix(7), m); }
void LogInfo(std::string_view m) { Logger()->info("{}{}", Prefix(6), m); }
void LogWarn(std::string_view m) { Logger()->warn("{}{}", Prefix(4), m); }
void LogError(std::string_view m) { Logger()->error("{}{}", Prefix(3), m); }

}  // namespace ecwatch
