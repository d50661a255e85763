// GzipForTest: gzip framing of bytes, to build compressed fixtures in tests.
#ifndef ECWATCH_TESTS_CRAWLER_TEST_GZIP_H_
#define ECWATCH_TESTS_CRAWLER_TEST_GZIP_H_

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

namespace ecwatch::testing {

inline std::string GzipForTest(const std::string& data) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  REQUIRE(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  REQUIRE(rc == Z_STREAM_END);
  out.resize(zs.total_out);
  return out;
}

}  // namespace ecwatch::testing

#endif  // ECWATCH_TESTS_CRAWLER_TEST_GZIP_H_
