// sd_notify wrappers for Type=notify services with a watchdog.
#include "app/service_notify.h"

#include <systemd/sd-daemon.h>

namespace ecwatch {

void NotifyReady(const std::string& status) {
  sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
}
void NotifyReloading() { sd_notify(0, "RELOADING=1"); }
void NotifyStopping() { sd_notify(0, "STOPPING=1"); }
void NotifyStatus(const std::string& status) { sd_notify(0, ("STATUS=" + status).c_str()); }
void NotifyWatchdog() { sd_notify(0, "WATCHDOG=1"); }

}  // namespace ecwatch
