// AddressPolicy: which IP addresses a fetch may connect to — the SSRF guard.
//
// Checked on the resolved address of every connection libcurl opens
// (redirects included), so a public-looking name that resolves to 127.0.0.1
// does not pass. Immutable after construction; safe for concurrent use.
#ifndef ECWATCH_CRAWLER_ADDRESS_POLICY_H_
#define ECWATCH_CRAWLER_ADDRESS_POLICY_H_

#include <array>
#include <string>
#include <vector>

#include "base/status.h"

struct sockaddr;

namespace ecwatch {

class AddressPolicy {
 public:
  // Every address allowed (the CLI on file:// and explicit local use).
  AddressPolicy() = default;

  // Refuses loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16,
  // fc00::/7), link-local (169.254/16, fe80::/10), shared (100.64/10),
  // unspecified, multicast and reserved (240/4) addresses, IPv4-mapped IPv6
  // forms included — except inside the allow ranges ("10.0.0.0/8",
  // "::1/128"). InvalidArgument naming a malformed range.
  static Result<AddressPolicy> BlockPrivate(const std::vector<std::string>& allow_cidrs);

  bool blocks_private() const { return block_private_; }
  // True when a connection to addr (AF_INET or AF_INET6) may be opened.
  bool Allows(const struct sockaddr* addr) const;
  // Same for a textual address ("127.0.0.1", "::1"); false when unparsable.
  bool AllowsText(const std::string& ip) const;

 private:
  struct Range {
    std::array<unsigned char, 16> prefix{};  // IPv6, IPv4 as ::ffff:a.b.c.d
    int bits = 0;
  };
  static bool Parse(const std::string& cidr, Range* out);
  static bool InRange(const std::array<unsigned char, 16>& ip, const Range& r);
  bool AllowsMapped(const std::array<unsigned char, 16>& ip) const;

  bool block_private_ = false;
  std::vector<Range> allow_;
};

}  // namespace ecwatch

#endif  // ECWATCH_CRAWLER_ADDRESS_POLICY_H_
