// The exec sink: fork + execvp of a configured argv with the alert JSON on
// stdin. No shell: alert text never reaches a command line.
//
// Tested by tests/app/alert_delivery_test.cc.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "app/sink_kinds.h"
#include "base/limits.h"

namespace ecwatch {
namespace {

constexpr int kExitCommandNotFound = 127;

// Owns one file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

int64_t NowMs() {
  struct timespec ts {};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

// In the child: wire stdin/stdout/stderr and exec; never returns.
[[noreturn]] void ExecChild(const std::vector<std::string>& command, int in_fd, int out_fd) {
  ::dup2(in_fd, STDIN_FILENO);
  ::dup2(out_fd, STDOUT_FILENO);
  ::dup2(out_fd, STDERR_FILENO);
  std::vector<char*> argv;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  ::_exit(kExitCommandNotFound);
}

class ExecSink final : public AlertSink {
 public:
  explicit ExecSink(SinkConfig config) : config_(std::move(config)) {}

  Status Deliver(const AlertMessage& message) override {
    int in_pair[2], out_pipe[2];
    // A socket for stdin, so that send(MSG_NOSIGNAL) cannot raise SIGPIPE.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) {
      return Status::FromErrno("exec sink " + config_.name, errno);
    }
    Fd in_parent(in_pair[0]), in_child(in_pair[1]);
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Status::FromErrno("exec sink", errno);
    Fd out_parent(out_pipe[0]), out_child(out_pipe[1]);
    const pid_t pid = ::fork();
    if (pid < 0) return Status::FromErrno("exec sink " + config_.name, errno);
    if (pid == 0) ExecChild(config_.command, in_child.get(), out_child.get());
    in_child.Reset();
    out_child.Reset();
    std::string output;
    const bool finished = Exchange(AlertJson(message).dump() + "\n", in_parent.get(),
                                   out_parent.get(), &output);
    return Reap(pid, finished, output);
  }

 private:
  // Feeds input and collects output until the child closes it or the
  // timeout passes; false on timeout.
  bool Exchange(const std::string& input, int in_fd, int out_fd, std::string* output) {
    const int64_t deadline = NowMs() + config_.timeout_seconds * 1000;
    size_t sent = 0;
    bool in_open = true;
    ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
    while (true) {
      if (in_open && sent == input.size()) {
        ::shutdown(in_fd, SHUT_WR);
        in_open = false;
      }
      struct pollfd fds[2] = {{out_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
      const int64_t left = deadline - NowMs();
      if (left <= 0) return false;
      if (::poll(fds, in_open ? 2 : 1, static_cast<int>(left)) < 0 && errno != EINTR) return false;
      if (in_open && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = ::send(in_fd, input.data() + sent, input.size() - sent, MSG_NOSIGNAL);
        if (n > 0) sent += static_cast<size_t>(n);
        if (n < 0 && errno != EAGAIN && errno != EINTR) sent = input.size();  // reader gone
      }
      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[4096];
        ssize_t n = ::read(out_fd, buf, sizeof buf);
        if (n == 0) return true;
        if (n > 0 && output->size() < limits::kMaxExecOutputBytes) output->append(buf, n);
      }
    }
  }

  Status Reap(pid_t pid, bool finished, const std::string& output) {
    const std::string who = "exec sink " + config_.name + " (" + config_.command[0] + ")";
    int status = 0;
    // The child closed its output; give it the rest of the timeout to exit.
    const int64_t deadline = NowMs() + config_.timeout_seconds * 1000;
    while (finished && ::waitpid(pid, &status, WNOHANG) == 0) {
      if (NowMs() >= deadline) {
        finished = false;
        break;
      }
      struct timespec tick {0, 10 * 1000 * 1000};
      nanosleep(&tick, nullptr);
    }
    if (!finished) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    if (!finished) return Status::NetworkError(who + ": timed out, killed");
    std::string tail = output.substr(0, 200);
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
    if (WIFEXITED(status) && WEXITSTATUS(status) == kExitCommandNotFound) {
      return Status::InvalidArgument(who + ": cannot run the command (exit 127)");
    }
    const std::string how = WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                              : "signal " + std::to_string(WTERMSIG(status));
    return Status::NetworkError(who + ": " + how + (tail.empty() ? "" : ": " + tail));
  }

  SinkConfig config_;
};

}  // namespace

std::unique_ptr<AlertSink> NewExecSink(const SinkConfig& config) {
  return std::make_unique<ExecSink>(config);
}

}  // namespace ecwatch
