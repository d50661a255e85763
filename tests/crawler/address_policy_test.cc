// Pins the SSRF guard's address ranges (RFC 1918, RFC 6890 special-purpose
// blocks, RFC 4193 unique-local, RFC 4291 link-local and IPv4-mapped forms).
#include "crawler/address_policy.h"

#include <catch2/catch.hpp>

namespace ecwatch {
namespace {

TEST_CASE("AddressPolicy by default allows everything", "[crawler][ssrf]") {
  AddressPolicy all;
  CHECK(all.AllowsText("127.0.0.1"));
  CHECK(all.AllowsText("10.1.2.3"));
}

TEST_CASE("BlockPrivate refuses loopback, private, link-local and mapped forms",
          "[crawler][ssrf]") {
  auto p = AddressPolicy::BlockPrivate({});
  REQUIRE(p.ok());
  for (const char* ip : {"127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                         "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::",
                         "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                         "224.0.0.1", "255.255.255.255"}) {
    INFO(ip);
    CHECK_FALSE(p->AllowsText(ip));
  }
  for (const char* ip : {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2001:4860:4860::8888",
                         "::ffff:93.184.216.34", "192.169.0.1"}) {
    INFO(ip);
    CHECK(p->AllowsText(ip));
  }
  CHECK_FALSE(p->AllowsText("not-an-ip"));
}

TEST_CASE("BlockPrivate keeps ranges listed in allow_private", "[crawler][ssrf]") {
  auto p = AddressPolicy::BlockPrivate({"10.0.0.0/8", "127.0.0.1/32"});
  REQUIRE(p.ok());
  CHECK(p->AllowsText("10.20.30.40"));
  CHECK(p->AllowsText("127.0.0.1"));
  CHECK_FALSE(p->AllowsText("127.0.0.2"));
  CHECK_FALSE(p->AllowsText("192.168.0.1"));
}

TEST_CASE("BlockPrivate names a malformed range", "[crawler][ssrf]") {
  for (const char* bad : {"10.0.0.0/33", "10.0.0/8", "bogus", "::1/129", "10.0.0.0/"}) {
    auto p = AddressPolicy::BlockPrivate({bad});
    INFO(bad);
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().message().find(bad) != std::string::npos);
  }
}

}  // namespace
}  // namespace ecwatch
