// Pins SHA-256 to the FIPS 180-4 / NIST example digests.
#include "base/sha256.h"

#include <string>

#include <catch2/catch.hpp>

namespace ecwatch {

TEST_CASE("Sha256Hex matches the NIST examples", "[base][sha256]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Sha256Hex pads lengths around the 56-byte boundary", "[base][sha256]") {
  // 55 and 56 bytes need one and two final blocks respectively; both must differ and be stable.
  CHECK(Sha256Hex(std::string(55, 'a')) != Sha256Hex(std::string(56, 'a')));
  CHECK(Sha256Hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

}  // namespace ecwatch
