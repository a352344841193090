#pragma once
/// The all-pairs matrix for people (a grid) and for spreadsheets (CSV, one row per cell).

#include <vpcsim/sim/matrix.hpp>

#include <string>

namespace vpcsim::report {

/// A cell in a word: the `via` (a composite's legs joined by `+`), or `blocked: CODE at component`.
std::string cell_summary(const answer& a);

/// A grid: one row per source, one column per destination, each cell its summary.
std::string to_text(const matrix_result& m);

/// `source,destination,reachable,via,blocked_code,blocked_component`, one row per cell, RFC 4180
/// quoting.
std::string to_csv(const matrix_result& m);

}  // namespace vpcsim::report
