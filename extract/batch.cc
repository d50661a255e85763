// ExtractBatch: lists the inputs, shares them among worker threads through an
// atomic index, and writes one text file per page. Tested by batch_test.cc.
#include "extract/batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>

#include "base/limits.h"
#include "extract/extractor.h"

namespace ecwatch {
namespace {

namespace fs = std::filesystem;

struct Input {
  std::string name;
  fs::path path;
};

bool IsHtmlFile(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".html" || ext == ".htm";
}

Status ListInputs(const fs::path& dir, size_t max_files, std::vector<Input>* inputs) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  for (const fs::directory_entry& entry : it) {
    std::error_code entry_ec;
    if (entry.is_regular_file(entry_ec) && IsHtmlFile(entry.path())) {
      inputs->push_back({entry.path().stem().string(), entry.path()});
    } else if (entry.is_directory(entry_ec) && fs::is_regular_file(entry.path() / "page.html", entry_ec)) {
      inputs->push_back({entry.path().filename().string(), entry.path() / "page.html"});
    }
    if (inputs->size() > max_files) {
      return Status::TooLarge(dir.string() + ": more than " + std::to_string(max_files) + " pages");
    }
  }
  std::sort(inputs->begin(), inputs->end(), [](const Input& a, const Input& b) { return a.name < b.name; });
  return Status::Ok();
}

Status ReadFile(const fs::path& path, std::string* out) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  if (size > limits::kMaxHtmlBytes) {
    return Status::TooLarge(path.string() + ": " + std::to_string(size) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot open");
  out->assign(static_cast<size_t>(size), '\0');
  in.read(out->data(), static_cast<std::streamsize>(size));
  if (static_cast<uintmax_t>(in.gcount()) != size) return Status::IoError(path.string() + ": short read");
  return Status::Ok();
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text << '\n';
  out.close();
  if (!out) return Status::IoError(path.string() + ": write failed");
  return Status::Ok();
}

Status ProcessOne(const Input& input, const fs::path& out_dir, uint64_t* bytes) {
  std::string html;
  Status status = ReadFile(input.path, &html);
  if (!status.ok()) return status;
  *bytes = html.size();
  Result<Article> article = ExtractHtml(input.path.string(), "", html);
  if (!article.ok()) return article.status();
  return WriteFile(out_dir / (input.name + ".txt"), article->text);
}

}  // namespace

Status ExtractBatch(const std::string& in_dir, const std::string& out_dir, int jobs,
                    BatchReport* report,
                    const std::function<void(size_t done, size_t total)>& progress,
                    const BatchLimits& caps) {
  if (jobs < 1) return Status::InvalidArgument("--jobs must be at least 1, got " + std::to_string(jobs));
  std::error_code ec;
  if (!fs::is_directory(in_dir, ec)) return Status::NotFound(in_dir + ": not a directory");
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir)) return Status::IoError(out_dir + ": cannot create directory");
  std::vector<Input> inputs;
  if (Status s = ListInputs(in_dir, caps.max_files, &inputs); !s.ok()) return s;

  *report = BatchReport();
  report->total = inputs.size();
  auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> next{0};
  std::mutex mu;  // guards report and progress calls
  size_t done = 0;
  auto worker = [&]() {
    for (size_t i = next++; i < inputs.size(); i = next++) {
      uint64_t bytes = 0;
      Status s = ProcessOne(inputs[i], out_dir, &bytes);
      std::lock_guard<std::mutex> lock(mu);
      report->input_bytes += bytes;
      if (s.ok()) {
        ++report->written;
      } else {
        report->failures.push_back(inputs[i].name + ": " + s.ToString());
      }
      ++done;
      if (progress) progress(done, inputs.size());
    }
  };
  std::vector<std::thread> threads;
  int n = std::min<int>(jobs, std::max<size_t>(1, inputs.size()));
  for (int t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  std::sort(report->failures.begin(), report->failures.end());
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace ecwatch
