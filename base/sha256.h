// SHA-256 (FIPS 180-4) for content hashes and rule-set versions.
#ifndef ECWATCH_BASE_SHA256_H_
#define ECWATCH_BASE_SHA256_H_

#include <string>
#include <string_view>

namespace ecwatch {

// Lower-case hex digest (64 characters) of data. Thread-safe.
std::string Sha256Hex(std::string_view data);

}  // namespace ecwatch

#endif  // ECWATCH_BASE_SHA256_H_
