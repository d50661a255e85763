// SendMail: one message through SMTP with libcurl, for e-mail alerts.
#ifndef ECWATCH_CRAWLER_SMTP_H_
#define ECWATCH_CRAWLER_SMTP_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace ecwatch {

struct SmtpMessage {
  std::string url;                    // smtp://host[:port] or smtps://host[:port]
  std::string from;                   // envelope sender, "alerts@example.org"
  std::vector<std::string> to;        // envelope recipients
  std::string username;               // "" = no AUTH
  std::string password;               // never logged
  bool require_starttls = true;       // smtp://: fail unless STARTTLS succeeds
  std::string message;                // the full RFC 5322 message, CRLF line ends
  long timeout_seconds = 30;
};

// Sends message; OK once the server accepted it (250 after DATA). TLS
// peers are verified. NetworkError "URL: cause" for connection, TLS, AUTH
// failures and rejections (the server's reply is in the message);
// InvalidArgument for a URL that is not smtp(s)://. Thread-safe (one curl
// handle per call); needs a live CurlGlobal.
Status SendMail(const SmtpMessage& message);

// Builds an RFC 5322 text/plain UTF-8 message with CRLF line ends: From,
// To, Subject (RFC 2047 encoded when not ASCII), Date, Message-ID, MIME
// headers, and body (lines starting with "." are not escaped here: libcurl
// does dot-stuffing). Pure function, thread-safe.
std::string BuildMailMessage(const std::string& from, const std::vector<std::string>& to,
                             const std::string& subject, const std::string& body,
                             const std::string& message_id, long long unix_seconds);

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_SMTP_H_
