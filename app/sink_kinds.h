// The four sink kinds behind MakeSink (app/alert_sink.h); internal to app/.
#ifndef ECWATCH_APP_SINK_KINDS_H_
#define ECWATCH_APP_SINK_KINDS_H_

#include <memory>
#include <string>

#include "app/alert_sink.h"

namespace ecwatch {

// HTTP POST of AlertJson (format "json") or AlertSlackJson ("slack") with
// Idempotency-Key and, when a token is configured, Authorization: Bearer.
std::unique_ptr<AlertSink> NewWebhookSink(const SinkConfig& config);
// SMTP via libcurl: Subject = headline, body = AlertText, Message-ID derived
// from the idempotency key (so receivers can drop repeats).
std::unique_ptr<AlertSink> NewEmailSink(const SinkConfig& config);
// Rewrites an Atom feed of the newest stories (temp file + fsync + rename).
std::unique_ptr<AlertSink> NewAtomSink(const SinkConfig& config, AlertStore* store);
// fork + execvp of the configured argv, AlertJson on stdin; no shell.
std::unique_ptr<AlertSink> NewExecSink(const SinkConfig& config);

// Writes data to path so that readers see the old file or the new one, never
// a part: a temp file beside it, fsync, rename, fsync of the folder.
// IoError "PATH: cause".
Status WriteFileAtomically(const std::string& path, const std::string& data);

}  // namespace ecwatch

#endif  // ECWATCH_APP_SINK_KINDS_H_
