// The crawler tests' name for the shared loopback test server.
#ifndef ECWATCH_TESTS_CRAWLER_LOCAL_HTTP_SERVER_H_
#define ECWATCH_TESTS_CRAWLER_LOCAL_HTTP_SERVER_H_

#include "tests/support/http_server.h"

namespace ecwatch::testing {
using LocalHttpServer = TestHttpServer;
}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_CRAWLER_LOCAL_HTTP_SERVER_H_
