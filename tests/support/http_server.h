// TestHttpServer: a real HTTP server on 127.0.0.1 (cpp-httplib) for
// end-to-end tests. Starts on a free port in the constructor, stops in the
// destructor. Handlers are registered before Start(). Not copyable.
#ifndef ECWATCH_TESTS_SUPPORT_HTTP_SERVER_H_
#define ECWATCH_TESTS_SUPPORT_HTTP_SERVER_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

namespace ecwatch::testing {

class TestHttpServer {
 public:
  TestHttpServer() = default;
  ~TestHttpServer() { Stop(); }
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  httplib::Server& server() { return server_; }

  // Binds host (a loopback address) on a free port and serves in a thread;
  // returns once ready.
  // False when it could not bind or did not start within 5 s.
  bool Start(const std::string& host = "127.0.0.1") {
    host_ = host;
    port_ = server_.bind_to_any_port(host);
    if (port_ <= 0) return false;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 5000 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return server_.is_running();
  }
  void Stop() {
    stopping_ = true;
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }
  // True once Stop() began: slow handlers poll it to end early.
  bool stopping() const { return stopping_; }
  int port() const { return port_; }
  // "http://HOST:PORT" + path.
  std::string Url(const std::string& path) const {
    return "http://" + host_ + ":" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::string host_ = "127.0.0.1";
  int port_ = 0;
};

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_SUPPORT_HTTP_SERVER_H_
