// The real ecwatch binary as a daemon under test: started with a config,
// stderr to a log file (read with Slurp, awaited with WaitFor), for tests
// that send it signals.
#ifndef ECWATCH_TESTS_APP_DAEMON_PROCESS_H_
#define ECWATCH_TESTS_APP_DAEMON_PROCESS_H_

#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

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

// The whole file (empty when missing).
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Whether log comes to contain needle within seconds (polled every 50 ms).
inline bool WaitFor(const std::string& log, const std::string& needle, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    if (Slurp(log).find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_APP_DAEMON_PROCESS_H_
