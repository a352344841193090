// The all-pairs matrix as a JSON array of trace answers, or as JSON Lines; streamed as answered.
#include "drop_paths.hpp"

#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/report/matrix_json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <ostream>
#include <thread>
#include <vector>

namespace vpcsim {

nlohmann::json to_json(const matrix_result& result, bool paths) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& cell : result.cells) {
    auto j = to_json(cell);
    if (!paths) detail::drop_paths(j);
    out.push_back(std::move(j));
  }
  return out;
}

void append_json_cell(std::string& out, const answer& a, bool paths, matrix_json_layout layout) {
  if (layout == matrix_json_layout::lines) {
    append_json(out, a, -1, 0, paths);
    out += '\n';
    return;
  }
  out += "  ";  // an element of the array dumped with indent 2
  append_json(out, a, 2, 1, paths);
}

matrix_stream_times write_json_stream(std::ostream& out, const matrix_request& request, const matrix_cell_answerer& answer_cell,
                       bool paths, matrix_json_layout layout, unsigned jobs, const matrix_progress& progress) {
  const bool array = layout == matrix_json_layout::array;
  const std::size_t cols = request.destinations.size();
  const std::size_t total = request.sources.size() * cols;
  matrix_stream_times times;
  if (total == 0) {
    if (array) out << "[]\n";
    return times;
  }
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  constexpr std::size_t chunk = 64;  // cells per unit of work
  const std::size_t chunks = (total + chunk - 1) / chunk;
  const std::size_t window = 4 * static_cast<std::size_t>(jobs);  // chunks answered ahead of the writer

  // A ring of `window` slots: chunk c is written into slot c % window, once chunk c - window has
  // been written out. A chunk's text holds its cells up to the first that threw.
  struct slot {
    std::string text;
    std::exception_ptr error;
    bool done = false;
  };
  std::vector<slot> ring(window);
  std::mutex mutex;
  std::condition_variable finished, room;
  std::size_t claimed = 0, written = 0, cells_done = 0;
  bool stop = false;

  auto work = [&] {
    for (;;) {
      std::size_t c;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || claimed == chunks || claimed < written + window; });
        if (stop || claimed == chunks) return;
        c = claimed++;
      }
      std::string text;
      std::exception_ptr error;
      double answering = 0, writing = 0;
      const std::size_t last = std::min(total, (c + 1) * chunk);
      for (std::size_t cell = c * chunk; cell < last && !error; ++cell) {
        try {
          const auto start = std::chrono::steady_clock::now();
          answer a = answer_cell(cell);
          const auto answered = std::chrono::steady_clock::now();
          text += cell == 0 ? (array ? "[\n" : "") : (array ? ",\n" : "");
          append_json_cell(text, a, paths, layout);
          answering += std::chrono::duration<double>(answered - start).count();
          writing += std::chrono::duration<double>(std::chrono::steady_clock::now() - answered).count();
        } catch (...) {
          error = std::current_exception();
        }
      }
      std::lock_guard lock(mutex);
      ring[c % window] = {std::move(text), error, true};
      cells_done += last - c * chunk;
      times.answering += answering;
      times.writing += writing;
      if (progress) progress(cells_done, total);
      finished.notify_all();
    }
  };

  // The first source's row is held until complete: an error there (a destination that does not
  // resolve) leaves the output empty, as before streaming.
  const std::size_t first_row_chunks = (cols + chunk - 1) / chunk;
  std::string held;
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  std::exception_ptr error;
  try {
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(work);
    for (std::size_t c = 0; c < chunks && !error; ++c) {
      std::string text;
      {
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return ring[c % window].done; });
        slot& s = ring[c % window];
        text = std::move(s.text);
        error = s.error;
        s = slot{};
        ++written;
        if (error) stop = true;
      }
      room.notify_all();
      if (c >= first_row_chunks) {
        out << text;
      } else if (error) {
        held.clear();
      } else {
        held += text;
        if (c + 1 == first_row_chunks || c + 1 == chunks) {
          out << held;
          held.clear();
        }
      }
    }
  } catch (...) {  // the stream threw, or a thread could not start: stop the others first
    error = std::current_exception();
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  room.notify_all();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  if (array) out << "\n]\n";
  return times;
}

}  // namespace vpcsim
