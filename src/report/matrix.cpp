// The all-pairs matrix as a text grid and as CSV.
#include "escape.hpp"

#include <vpcsim/report/matrix.hpp>

#include <algorithm>

namespace vpcsim::report {

namespace {

using detail::csv_field;

std::string via_text(const answer& a) {
  if (a.legs.empty()) return a.via.value_or("");
  std::string out;
  for (const auto& l : a.legs) out += (out.empty() ? "" : "+") + l.via.value_or("?");
  return out;
}

}  // namespace

std::string cell_summary(const answer& a) {
  if (a.reachable) return via_text(a);
  if (a.blocked) return "blocked: " + a.blocked->code + " at " + with_name(a.blocked->component, a.blocked->component_name);
  return "blocked";
}

std::string to_text(const matrix_result& m) {
  const std::size_t cols = m.destinations.size();
  std::vector<std::size_t> width(cols + 1, 0);
  width[0] = std::string("SOURCE").size();
  // A source as the input names it: `i-0b11… "app"` (each cell's answer carries the name).
  std::vector<std::string> sources(m.sources.size());
  for (std::size_t i = 0; i < m.sources.size(); ++i) {
    sources[i] = cols ? with_name(m.sources[i], m.cells[i * cols].from_name) : m.sources[i];
    width[0] = std::max(width[0], sources[i].size());
  }
  std::vector<std::string> cells(m.cells.size());
  for (std::size_t i = 0; i < m.cells.size(); ++i) cells[i] = cell_summary(m.cells[i]);
  for (std::size_t j = 0; j < cols; ++j) {
    width[j + 1] = m.destinations[j].size();
    for (std::size_t i = 0; i < m.sources.size(); ++i) width[j + 1] = std::max(width[j + 1], cells[i * cols + j].size());
  }
  auto row = [&](const std::string& first, auto cell) {
    std::string line = first + std::string(width[0] - first.size(), ' ');
    for (std::size_t j = 0; j < cols; ++j) {
      const std::string c = cell(j);
      line += "  " + c + std::string(width[j + 1] - c.size(), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = row("SOURCE", [&](std::size_t j) { return m.destinations[j]; });
  for (std::size_t i = 0; i < m.sources.size(); ++i)
    out += row(sources[i], [&](std::size_t j) { return cells[i * cols + j]; });
  return out;
}

std::string to_csv(const matrix_result& m) {
  // Written in place into one buffer (the matrix of a large estate has hundreds of thousands of
  // rows): each source and destination escaped once, each field appended as it is.
  auto append_field = [](std::string& out, const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) out += s;
    else out += csv_field(s);
  };
  const std::size_t cols = m.destinations.size();
  std::vector<std::string> sources(m.sources.size()), destinations(cols);
  for (std::size_t i = 0; i < m.sources.size(); ++i) append_field(sources[i], m.sources[i]);
  for (std::size_t j = 0; j < cols; ++j) append_field(destinations[j], m.destinations[j]);
  std::string out = "source,destination,reachable,via,blocked_code,blocked_component\n";
  out.reserve(out.size() + m.cells.size() * 96);
  for (std::size_t i = 0; i < m.sources.size(); ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      const answer& a = m.cells[i * cols + j];
      out += sources[i];
      out += ',';
      out += destinations[j];
      out += a.reachable ? ",true," : ",false,";
      if (a.reachable) {
        if (a.legs.empty()) append_field(out, a.via.value_or(""));
        else append_field(out, via_text(a));
      }
      out += ',';
      if (a.blocked) append_field(out, a.blocked->code);
      out += ',';
      if (a.blocked) append_field(out, a.blocked->component);
      out += '\n';
    }
  return out;
}

}  // namespace vpcsim::report
