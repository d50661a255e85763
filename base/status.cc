// Status formatting and errno conversion.
#include "base/status.h"

#include <cstring>

namespace ecwatch {

Status Status::FromErrno(const std::string& context, int err) {
  Code code = (err == ENOENT || err == ENOTDIR) ? Code::kNotFound : Code::kIoError;
  return Status(code, context + ": " + std::strerror(err));
}

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kIoError: name = "I/O error"; break;
    case Code::kNetworkError: name = "network error"; break;
    case Code::kUnsupported: name = "unsupported"; break;
    case Code::kTooLarge: name = "too large"; break;
    case Code::kCorruption: name = "corruption"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace ecwatch
