// The webhook sink, and MakeSink choosing a sink by kind.
//
// Tested by tests/app/alert_delivery_test.cc (a receiver on 127.0.0.1).
#include "app/sink_kinds.h"
#include "crawler/http_post.h"
#include "crawler/url.h"

namespace ecwatch {
namespace {

class WebhookSink final : public AlertSink {
 public:
  explicit WebhookSink(SinkConfig config) : config_(std::move(config)) {}

  Status Deliver(const AlertMessage& message) override {
    HttpPostRequest request;
    request.url = config_.url;
    request.body = (config_.format == "slack" ? AlertSlackJson(message) : AlertJson(message)).dump();
    request.timeout_seconds = static_cast<long>(config_.timeout_seconds);
    request.headers.push_back("Idempotency-Key: " + message.idempotency_key);
    const std::string token = ReadSecret(config_.token_env, config_.token_file);
    if (!token.empty()) request.headers.push_back("Authorization: Bearer " + token);
    Result<HttpPostResponse> response = HttpPost(request);
    if (!response.ok()) return response.status();
    const long code = response->http_status;
    if (code >= 200 && code < 300) return Status::Ok();
    const std::string what = UrlForLog(config_.url) + ": HTTP " + std::to_string(code);
    if (code >= 400 && code < 500 && code != 408 && code != 429) {
      return Status::InvalidArgument(what + " (not retried)");
    }
    return Status::NetworkError(what);
  }

 private:
  SinkConfig config_;
};

}  // namespace

std::unique_ptr<AlertSink> NewWebhookSink(const SinkConfig& config) {
  return std::make_unique<WebhookSink>(config);
}

std::unique_ptr<AlertSink> MakeSink(const SinkConfig& config, AlertStore* store) {
  switch (config.kind) {
    case SinkConfig::Kind::kWebhook: return NewWebhookSink(config);
    case SinkConfig::Kind::kEmail: return NewEmailSink(config);
    case SinkConfig::Kind::kAtom: return NewAtomSink(config, store);
    case SinkConfig::Kind::kExec: return NewExecSink(config);
  }
  return NewWebhookSink(config);
}

}  // namespace ecwatch
