#pragma once
// Work spread over a thread pool in batches, for the batch questions (matrix, diff).

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <vector>

namespace vpcsim::detail {

/// Runs work(k) for k in [0, count) on `jobs` threads in batches of `batch`; once every batch is
/// done, rethrows the first error by position, so the error does not depend on the threads.
template <class Work>
void in_batches(std::size_t count, std::size_t batch, unsigned jobs, Work&& work) {
  std::vector<std::exception_ptr> errors((count + batch - 1) / batch);
  {
    boost::asio::thread_pool pool(jobs);
    for (std::size_t first = 0; first < count; first += batch)
      boost::asio::post(pool, [&, first] {
        try {
          for (std::size_t k = first; k < std::min(count, first + batch); ++k) work(k);
        } catch (...) {
          errors[first / batch] = std::current_exception();
        }
      });
    pool.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace vpcsim::detail
