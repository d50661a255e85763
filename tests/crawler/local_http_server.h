// LocalHttpServer: a cpp-httplib server on 127.0.0.1 (ephemeral port) run in
// a thread for the life of the object, so fetcher tests never leave loopback.
#ifndef ECWATCH_TESTS_CRAWLER_LOCAL_HTTP_SERVER_H_
#define ECWATCH_TESTS_CRAWLER_LOCAL_HTTP_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace ecwatch::testing {

// Register handlers on server() before Start(). Not thread-safe itself; the
// handlers run on the server's threads.
class LocalHttpServer {
 public:
  LocalHttpServer() = default;
  ~LocalHttpServer() { Stop(); }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  httplib::Server& server() { return server_; }
  // Binds to an ephemeral loopback port and serves in a thread; false on failure.
  bool Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return false;
    // The socket already listens: connections queue until the accept loop runs.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the loop runs, so wait for it (bounded).
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return server_.is_running();
  }
  void Stop() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  // True once Stop() began: slow handlers poll it to end early.
  bool stopping() const { return stopping_; }
  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  int port_ = 0;
};

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_CRAWLER_LOCAL_HTTP_SERVER_H_
