// All-pairs reachability on a Boost.Asio thread pool.
#include <vpcsim/error.hpp>
#include <vpcsim/sim/matrix.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <charconv>
#include <exception>
#include <mutex>
#include <thread>

namespace vpcsim {

shard_spec parse_shard(std::string_view text) {
  auto number = [](std::string_view s, std::size_t& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size() && !s.empty();
  };
  shard_spec s;
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || !number(text.substr(0, slash), s.index) ||
      !number(text.substr(slash + 1), s.count) || s.count == 0 || s.index == 0 || s.index > s.count)
    throw usage_error("vpcsim.matrix.bad_shard",
                      "shard '" + std::string(text) + "' is not i/n with 1 <= i <= n (for example 2/4)");
  return s;
}

std::vector<std::string> shard_sources(const std::vector<std::string>& sources, shard_spec s) {
  // Shard i of n takes [floor((i-1)·S/n), floor(i·S/n)): contiguous, sizes differ by at most one.
  const std::size_t n = sources.size();
  const auto first = static_cast<std::ptrdiff_t>((s.index - 1) * n / s.count);
  const auto last = static_cast<std::ptrdiff_t>(s.index * n / s.count);
  return {sources.begin() + first, sources.begin() + last};
}

std::vector<std::string> default_matrix_destinations() { return {"s3", "dynamodb", "ecr"}; }

matrix_result run_matrix(const solver& s, const matrix_request& request, unsigned jobs, const matrix_progress& progress) {
  matrix_result out;
  out.sources = request.sources;
  out.destinations = request.destinations;
  const std::size_t cols = request.destinations.size();
  const std::size_t total = request.sources.size() * cols;
  out.cells.resize(total);
  // Each cell has its own slot, so the order of completion never shows in the result.
  std::vector<std::exception_ptr> errors(total);
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  std::mutex progress_mutex;
  std::size_t done = 0;
  {
    boost::asio::thread_pool pool(jobs);
    for (std::size_t cell = 0; cell < total; ++cell) {
      boost::asio::post(pool, [&, cell] {
        const flow_request req = request.cell(cell);
        try {
          out.cells[cell] = s.trace(req);  // solver::trace is const and thread-safe
        } catch (...) {
          errors[cell] = std::current_exception();
        }
        if (progress) {
          std::lock_guard lock(progress_mutex);
          progress(++done, total);
        }
      });
    }
    pool.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  return out;
}

}  // namespace vpcsim
