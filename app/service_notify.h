// Service manager notifications (sd_notify): readiness, watchdog, status.
// Each call is a no-op when not started by systemd (NOTIFY_SOCKET unset).
// Thread-safe.
#ifndef ECWATCH_APP_SERVICE_NOTIFY_H_
#define ECWATCH_APP_SERVICE_NOTIFY_H_

#include <string>

namespace ecwatch {

void NotifyReady(const std::string& status);
void NotifyReloading();
void NotifyStopping();
void NotifyStatus(const std::string& status);
// Pings the watchdog (WatchdogSec= in the unit); cheap, call it often.
void NotifyWatchdog();

}  // namespace ecwatch

#endif  // ECWATCH_APP_SERVICE_NOTIFY_H_
