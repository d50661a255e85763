// The Atom sink: the newest stories as an Atom (RFC 4287) feed file, never
// seen half-written (temp file in the same folder, fsync, rename, fsync dir).
//
// Tested by tests/app/sink_atom_test.cc (parsed back with libxml2).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <sstream>

#include "app/alert_stories.h"
#include "app/sink_kinds.h"
#include "base/clock.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

// Owns one file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now; false (errno set) when close reports an error.
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

// XML 1.0 text: escapes markup and drops the control characters XML forbids.
std::string Xml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string Entry(const Story& s) {
  AlertMessage m{s, s.revision > 1 ? "update" : "new", s.revision, ""};
  std::ostringstream os;
  os << "  <entry>\n    <id>urn:ecwatch:alert:" << s.id << "</id>\n    <title>" << Xml(s.summary)
     << "</title>\n    <updated>" << FormatIso8601(s.updated_at) << "</updated>\n    <published>"
     << FormatIso8601(s.first_seen) << "</published>\n";
  for (const StorySource& src : s.sources) {
    os << "    <link rel=\"related\" href=\"" << Xml(src.url) << "\"/>\n";
  }
  if (!s.sources.empty()) os << "    <link href=\"" << Xml(s.sources.front().url) << "\"/>\n";
  os << "    <category term=\"" << Xml(s.severity) << "\"/>\n    <summary>" << Xml(AlertHeadline(m))
     << "</summary>\n    <content type=\"text\">" << Xml(AlertText(m)) << "</content>\n  </entry>\n";
  return os.str();
}

std::string Feed(const std::string& title, const std::vector<Story>& stories, int64_t now) {
  std::ostringstream os;
  os << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
     << "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <id>urn:ecwatch:alerts</id>\n  <title>"
     << Xml(title) << "</title>\n  <updated>" << FormatIso8601(now)
     << "</updated>\n  <author><name>ecwatch</name></author>\n";
  for (const Story& s : stories) os << Entry(s);
  os << "</feed>\n";
  return os.str();
}

Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::FromErrno(path, errno);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

// Writes data to path atomically: readers see the old file or the new one.
Status WriteFileAtomically(const std::string& path, const std::string& data) {
  const fs::path target(path);
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string temp = (dir / ("." + target.filename().string() + ".tmp." +
                                   std::to_string(::getpid()))).string();
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Status::IoError(Status::FromErrno(temp, errno).message());
  Status s = WriteAll(fd.get(), data, temp);
  if (s.ok() && ::fsync(fd.get()) != 0) s = Status::FromErrno(temp, errno);
  if (s.ok() && !fd.Close()) s = Status::FromErrno(temp, errno);
  if (s.ok() && ::rename(temp.c_str(), path.c_str()) != 0) s = Status::FromErrno(path, errno);
  if (!s.ok()) {
    ::unlink(temp.c_str());
    return Status::IoError(s.message());
  }
  Fd dirfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirfd.get() >= 0) ::fsync(dirfd.get());  // best effort: the rename is done
  return Status::Ok();
}

namespace {

class AtomSink final : public AlertSink {
 public:
  AtomSink(SinkConfig config, AlertStore* store) : config_(std::move(config)), store_(store) {}

  Status Deliver(const AlertMessage&) override {
    StoryFilter filter;
    filter.limit = static_cast<int>(config_.max_entries);
    Result<std::vector<Story>> stories = store_->ListStories(filter);
    if (!stories.ok()) return stories.status();
    std::vector<Story> accepted;
    for (Story& s : stories.value()) {
      if (SinkAccepts(config_.filter, s)) accepted.push_back(std::move(s));
    }
    return WriteFileAtomically(config_.path,
                               Feed(config_.feed_title, accepted, SystemClock().NowSeconds()));
  }

 private:
  SinkConfig config_;
  AlertStore* store_;
};

}  // namespace

std::unique_ptr<AlertSink> NewAtomSink(const SinkConfig& config, AlertStore* store) {
  return std::make_unique<AtomSink>(config, store);
}

}  // namespace ecwatch
