#pragma once
/// `vpcsim matrix --format json`: one JSON array of trace answers (report/answer_json.hpp), sources in
/// order, each source's destinations in the order given; `--format jsonl`: the same answer objects,
/// one per line. Both are written as the cells are answered (`write_json_stream`): no document of
/// the whole result is built.

#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/trace.hpp>

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <iosfwd>
#include <string>

namespace vpcsim {

/// The cells in row-major order; `path` (also in legs) only when `paths` is true.
nlohmann::json to_json(const matrix_result& result, bool paths);

/// `array`: the JSON array `--format json` prints (`to_json(result, paths).dump(2)` and a newline);
/// `lines`: JSON Lines, one cell's answer object per line, compact (`--format jsonl`).
enum class matrix_json_layout { array, lines };

/// Appends one cell as `layout` writes it, without separator: the object of `to_json(a)` (the one
/// answer writer) without `path` unless `paths`, indented as an element of the array (`array`) or
/// compact with a newline (`lines`).
void append_json_cell(std::string& out, const answer& a, bool paths, matrix_json_layout layout);

/// Answers cell `cell` (row-major, `matrix_request::cell`); called from several threads at once
/// (`matrix_answers`, sim/solver.hpp, is such a function).
using matrix_cell_answerer = std::function<answer(std::size_t cell)>;

/// Answers every source × destination of `request` with `answer_cell` on `jobs` threads (0: one per
/// core) and writes each cell to `out` (`append_json_cell`, on the thread that answered it) in
/// row-major order as soon as it and every cell before it are done. At most 4 × jobs chunks of 64
/// cells wait in memory. The bytes do not depend on `jobs`; for `array` they are those of
/// `to_json(run_matrix(...), paths).dump(2)` and a newline. When a cell's answer throws, the cells
/// before it are written (none when it is on the first source's row, which is held until complete),
/// the threads stop, and the first such error in output order is rethrown.
/// `progress` is called after each chunk, one call at a time. Returns the time the threads spent
/// answering and writing JSON (`--timings`).
struct matrix_stream_times {
  double answering = 0;  ///< seconds, summed over the threads, in `answer_cell`
  double writing = 0;    ///< seconds, summed over the threads, making the cells' JSON text
};
matrix_stream_times write_json_stream(std::ostream& out, const matrix_request& request, const matrix_cell_answerer& answer_cell,
                       bool paths, matrix_json_layout layout, unsigned jobs = 0,
                       const matrix_progress& progress = {});

}  // namespace vpcsim
