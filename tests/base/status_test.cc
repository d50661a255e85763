// Pins Status codes, messages and errno mapping.
#include "base/status.h"

#include <cerrno>

#include <catch2/catch.hpp>

namespace ecwatch {

TEST_CASE("Status carries code and message; default is ok", "[base][status]") {
  CHECK(Status().ok());
  Status s = Status::NotFound("x.html: no such file");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kNotFound);
  CHECK(s.ToString() == "not found: x.html: no such file");
}

TEST_CASE("Status::FromErrno maps ENOENT to NotFound and names the context", "[base][status]") {
  CHECK(Status::FromErrno("a.txt", ENOENT).code() == Status::Code::kNotFound);
  CHECK(Status::FromErrno("a.txt", EACCES).code() == Status::Code::kIoError);
  CHECK(Status::FromErrno("a.txt", EACCES).message().rfind("a.txt: ", 0) == 0);
}

TEST_CASE("Result holds a value or an error", "[base][status]") {
  Result<int> good(7);
  REQUIRE(good.ok());
  CHECK(good.value() == 7);
  Result<int> bad(Status::IoError("disk"));
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().message() == "disk");
}

}  // namespace ecwatch
