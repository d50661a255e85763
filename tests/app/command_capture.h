// Runs a command entry point (app/commands.h) with captured streams, for the
// tests of the command-line commands.
#ifndef ECWATCH_TESTS_APP_COMMAND_CAPTURE_H_
#define ECWATCH_TESTS_APP_COMMAND_CAPTURE_H_

#include <sstream>
#include <string>

#include "app/commands.h"

namespace ecwatch::testing {

struct Out {
  int code = -1;
  std::string out, err;
};

// fn(Streams) -> exit code, with empty stdin; returns the code and what it
// wrote to stdout and stderr.
template <typename Fn>
Out Capture(Fn fn) {
  std::istringstream in;
  std::ostringstream out, err;
  Out r;
  r.code = fn(Streams{in, out, err});
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_APP_COMMAND_CAPTURE_H_
