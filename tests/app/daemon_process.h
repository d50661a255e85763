// The real ecwatch binary as a daemon under test: started with a config,
// stderr to a log file, for tests that send it signals.
#ifndef ECWATCH_TESTS_APP_DAEMON_PROCESS_H_
#define ECWATCH_TESTS_APP_DAEMON_PROCESS_H_

#include <sys/types.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace ecwatch::testing {

// Forks and execs `ecwatch run --config config`, its stderr to log. Returns
// the child's pid (-1 when fork failed).
inline pid_t StartDaemon(const std::string& config, const std::string& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::freopen(log.c_str(), "w", stderr);
    (void)f;
    const std::string exe = std::string(ECWATCH_BINARY_DIR) + "/ecwatch";
    execl(exe.c_str(), exe.c_str(), "run", "--config", config.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_APP_DAEMON_PROCESS_H_
