// SendMail against a tiny SMTP server written here (RFC 5321 happy path on
// 127.0.0.1, no TLS), and the RFC 5322 message BuildMailMessage makes.
#include "crawler/smtp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "crawler/fetcher.h"

namespace ecwatch {
namespace {

// Accepts one connection and records the envelope and the DATA it gets.
class TinySmtpServer {
 public:
  TinySmtpServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(listen_fd_, 1);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TinySmtpServer() {
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  // Valid after the client finished (SendMail returned).
  std::vector<std::string> commands;
  std::string data;

 private:
  void Send(int fd, const std::string& line) { write(fd, line.data(), line.size()); }

  // One CRLF-terminated line (without it); false at EOF.
  bool ReadLine(int fd, std::string* line) {
    line->clear();
    char c;
    while (read(fd, &c, 1) == 1) {
      if (c == '\n') {
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
      *line += c;
    }
    return false;
  }

  void Serve() {
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) return;
    Send(fd, "220 tiny.test ESMTP\r\n");
    std::string line;
    while (ReadLine(fd, &line)) {
      commands.push_back(line);
      if (line.rfind("EHLO", 0) == 0) {
        Send(fd, "250-tiny.test\r\n250 8BITMIME\r\n");
      } else if (line == "DATA") {
        Send(fd, "354 go ahead\r\n");
        while (ReadLine(fd, &line) && line != ".") data += line + "\r\n";
        Send(fd, "250 2.0.0 queued\r\n");
      } else if (line == "QUIT") {
        Send(fd, "221 bye\r\n");
        break;
      } else {
        Send(fd, "250 OK\r\n");
      }
    }
    close(fd);
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

TEST_CASE("SendMail delivers a well-formed message to an SMTP server", "[crawler][smtp]") {
  CurlGlobal curl;
  SmtpMessage mail;
  {
    TinySmtpServer server;
    mail.url = "smtp://127.0.0.1:" + std::to_string(server.port());
    mail.from = "alerts@example.org";
    mail.to = {"desk@example.org", "oncall@example.org"};
    mail.require_starttls = false;  // the test server has no TLS
    mail.message = BuildMailMessage(mail.from, mail.to, "China suspends export controls — 3 sources",
                                    "Sources:\n.1 leading dot\nhttps://example.org/a\n",
                                    "ecwatch-story-1-r1-mail@ecwatch", 1764288000);
    Status s = SendMail(mail);
    REQUIRE(s.ok());
    CHECK(server.commands[0].rfind("EHLO", 0) == 0);
    CHECK(server.commands[1] == "MAIL FROM:<alerts@example.org>");
    CHECK(server.commands[2] == "RCPT TO:<desk@example.org>");
    CHECK(server.commands[3] == "RCPT TO:<oncall@example.org>");
    const std::string& d = server.data;
    CHECK(d.find("From: alerts@example.org\r\n") == 0);
    CHECK(d.find("To: desk@example.org, oncall@example.org\r\n") != std::string::npos);
    CHECK(d.find("Subject: =?UTF-8?B?") != std::string::npos);  // the dash is not ASCII
    CHECK(d.find("Date: Fri, 28 Nov 2025 00:00:00 +0000\r\n") != std::string::npos);
    CHECK(d.find("Message-ID: <ecwatch-story-1-r1-mail@ecwatch>\r\n") != std::string::npos);
    CHECK(d.find("Content-Type: text/plain; charset=UTF-8\r\n") != std::string::npos);
    CHECK(d.find("Content-Transfer-Encoding: 8bit\r\n\r\n") != std::string::npos);
    // libcurl dot-stuffs, the server un-stuffs nothing: the line arrives as "..1".
    CHECK(d.find("\r\n..1 leading dot\r\n") != std::string::npos);
    CHECK(d.find("https://example.org/a\r\n") != std::string::npos);
  }
}

TEST_CASE("SendMail reports a refused connection as a network error", "[crawler][smtp]") {
  CurlGlobal curl;
  SmtpMessage mail;
  mail.url = "smtp://127.0.0.1:1";
  mail.from = "a@example.org";
  mail.to = {"b@example.org"};
  mail.message = "Subject: x\r\n\r\nx\r\n";
  mail.require_starttls = false;
  Status s = SendMail(mail);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kNetworkError);
}

TEST_CASE("BuildMailMessage keeps an ASCII subject verbatim and ends lines with CRLF",
          "[crawler][smtp]") {
  std::string m = BuildMailMessage("a@x.org", {"b@x.org"}, "Plain subject", "line1\nline2",
                                   "id@x", 0);
  CHECK(m.find("Subject: Plain subject\r\n") != std::string::npos);
  CHECK(m.find("\r\n\r\nline1\r\nline2\r\n") != std::string::npos);
  CHECK(m.find("\n\n") == std::string::npos);
}

}  // namespace
}  // namespace ecwatch
