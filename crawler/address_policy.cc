// AddressPolicy: CIDR ranges over 16-byte addresses (IPv4 mapped into IPv6).
#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace ecwatch {
namespace {

using Bytes = std::array<unsigned char, 16>;

Bytes MapV4(const unsigned char v4[4]) {
  Bytes b{};
  b[10] = 0xff;
  b[11] = 0xff;
  std::memcpy(b.data() + 12, v4, 4);
  return b;
}

// The ranges refused by BlockPrivate, as CIDR text.
const char* const kBlocked[] = {
    "0.0.0.0/8",     "10.0.0.0/8",  "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
    "240.0.0.0/4",   "::/128",      "::1/128",       "fc00::/7",    "fe80::/10",
    "ff00::/8",      "64:ff9b::/96"};

}  // namespace

bool AddressPolicy::Parse(const std::string& cidr, Range* out) {
  std::size_t slash = cidr.find('/');
  std::string ip = cidr.substr(0, slash);
  int max_bits = 0;
  unsigned char v4[4];
  if (inet_pton(AF_INET, ip.c_str(), v4) == 1) {
    out->prefix = MapV4(v4);
    max_bits = 32;
  } else if (inet_pton(AF_INET6, ip.c_str(), out->prefix.data()) == 1) {
    max_bits = 128;
  } else {
    return false;
  }
  int bits = max_bits;
  if (slash != std::string::npos) {
    std::string n = cidr.substr(slash + 1);
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    bits = std::stoi(n);
    if (bits > max_bits) return false;
  }
  out->bits = bits + (max_bits == 32 ? 96 : 0);
  return true;
}

bool AddressPolicy::InRange(const Bytes& ip, const Range& r) {
  int full = r.bits / 8, rest = r.bits % 8;
  if (std::memcmp(ip.data(), r.prefix.data(), full) != 0) return false;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (ip[full] & mask) == (r.prefix[full] & mask);
}

Result<AddressPolicy> AddressPolicy::BlockPrivate(const std::vector<std::string>& allow_cidrs) {
  AddressPolicy policy;
  policy.block_private_ = true;
  for (const std::string& cidr : allow_cidrs) {
    Range r;
    if (!Parse(cidr, &r)) {
      return Status::InvalidArgument("allow_private: \"" + cidr +
                                     "\" is not an address range like \"10.0.0.0/8\"");
    }
    policy.allow_.push_back(r);
  }
  return policy;
}

bool AddressPolicy::AllowsMapped(const Bytes& ip) const {
  if (!block_private_) return true;
  for (const Range& r : allow_) {
    if (InRange(ip, r)) return true;
  }
  for (const char* cidr : kBlocked) {
    Range r;
    Parse(cidr, &r);
    if (InRange(ip, r)) return false;
  }
  return true;
}

bool AddressPolicy::Allows(const struct sockaddr* addr) const {
  if (addr == nullptr) return false;
  if (addr->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    return AllowsMapped(MapV4(reinterpret_cast<const unsigned char*>(&in->sin_addr)));
  }
  if (addr->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(addr);
    Bytes b;
    std::memcpy(b.data(), &in6->sin6_addr, 16);
    return AllowsMapped(b);
  }
  return !block_private_;  // AF_UNIX and others: only when nothing is blocked
}

bool AddressPolicy::AllowsText(const std::string& ip) const {
  Range r;
  if (ip.find('/') != std::string::npos || !Parse(ip, &r)) return false;
  return AllowsMapped(r.prefix);
}

}  // namespace ecwatch
