// The e-mail sink: one plain-text message per delivery through SendMail.
//
// Tested by tests/app/sink_email_test.cc (a tiny SMTP server on 127.0.0.1).
#include "app/sink_kinds.h"
#include "base/clock.h"
#include "crawler/smtp.h"

namespace ecwatch {
namespace {

class EmailSink final : public AlertSink {
 public:
  explicit EmailSink(SinkConfig config) : config_(std::move(config)) {}

  Status Deliver(const AlertMessage& message) override {
    SmtpMessage mail;
    mail.url = config_.url;
    mail.from = config_.from;
    mail.to = config_.to;
    mail.username = config_.username;
    mail.password = ReadSecret(config_.password_env, config_.password_file);
    mail.require_starttls = config_.starttls;
    mail.timeout_seconds = static_cast<long>(config_.timeout_seconds);
    mail.message = BuildMailMessage(config_.from, config_.to, AlertHeadline(message),
                                    AlertText(message), message.idempotency_key + "@ecwatch",
                                    SystemClock().NowSeconds());
    return SendMail(mail);
  }

 private:
  SinkConfig config_;
};

}  // namespace

std::unique_ptr<AlertSink> NewEmailSink(const SinkConfig& config) {
  return std::make_unique<EmailSink>(config);
}

}  // namespace ecwatch
