// Status and Result<T>: expected failures as values at module boundaries.
//
// A Status is either ok() or carries a Code and a message that already names
// the thing that failed (a URL, a path, "file:line:col"). Result<T> is a
// Status or a value. Both are cheap to move and are not thread-safe to mutate
// concurrently (like any value type).
#ifndef ECWATCH_BASE_STATUS_H_
#define ECWATCH_BASE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ecwatch {

class Status {
 public:
  // The code drives the process exit code (see app/main.cc), so keep it coarse.
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad command line, config or rule file
    kNotFound,         // missing file, HTTP 404/410
    kIoError,          // read/write failure, database unreadable
    kNetworkError,     // DNS, connect, TLS, timeout, HTTP status other than 404
    kUnsupported,      // content we do not process (image, PDF, ...)
    kTooLarge,         // an input crossed a cap of base/limits.h
    kCorruption,       // stored data that fails a check
  };

  Status() = default;  // ok
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status NetworkError(std::string m) { return {Code::kNetworkError, std::move(m)}; }
  static Status Unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
  static Status TooLarge(std::string m) { return {Code::kTooLarge, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  // "context: strerror(err)", like leveldb's PosixError.
  static Status FromErrno(const std::string& context, int err);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>".
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

// Holds either a T or a non-ok Status. value() on an error is a programming
// error (asserted); check ok() first.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: must not be ok
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace ecwatch

#endif  // ECWATCH_BASE_STATUS_H_
