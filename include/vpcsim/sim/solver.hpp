#pragma once
/// The solver: load once, answer many. Full answers come from the one walk over the network's
/// compiled tables (built on the first trace); the topology graph is built only for those who draw
/// it (`topology`).

#include <vpcsim/error.hpp>
#include <vpcsim/sim/selector.hpp>
#include <vpcsim/sim/trace.hpp>

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace vpcsim {

class compiled_network;
struct compiled_source;
struct compiled_destination;
struct path_verdict;
struct matrix_request;
namespace topology {
class topology;  // <vpcsim/topology/graph.hpp>: Boost.Graph stays out of this header
}

/// Answers flows on one network. The network must outlive the solver; `trace` is const and
/// may run from several threads at once.
class solver {
 public:
  explicit solver(const network& net);
  /// With where the input writes each resource (`load_result::locations`): on a design (locations
  /// with a JSON pointer and a line) each fix's change is the design's edits, with their pointers and
  /// `file:line:column`; on other inputs, and without locations, the AWS CLI commands.
  /// `tables`, when given, are the tables `compiled()` returns, being built from `net` elsewhere
  /// (`std::async`): the solver indexes the names meanwhile, then waits for them.
  solver(const network& net, std::map<std::string, source_location> locations,
         std::future<std::unique_ptr<compiled_network>> tables = {});
  ~solver();
  solver(solver&&) noexcept;

  /// See vpcsim::trace.
  answer trace(const flow_request& request) const;
  /// The answer to a flow whose source and destination `compiled()` has already resolved (as
  /// `trace(request)` would); `request` names them as the answer shows them (ids, not names).
  answer trace(const compiled_source& src, const compiled_destination& dst, const flow_request& request) const;

  /// The full answer by reference (`path_verdict`, <vpcsim/sim/compiled.hpp>): the same walk,
  /// verdict, resolved address and path as `trace`, each hop's facts and rule without the words
  /// (sentences, message, fixes, warnings); the same usage errors. Its views point into the
  /// solver and its network: valid while both live.
  path_verdict trace_path(const flow_request& request) const;

  /// The compiled tables the walk runs on, built on the first call.
  const compiled_network& compiled() const;

  /// The id of the one instance, else the one network interface, whose `Name` tag is `name` (a
  /// design's names are Name tags); nullopt when none or several have it.
  std::optional<std::string> id_named(const std::string& name) const;

  /// The network's topology graph (for `vpcsim graph` and DOT), built on the first call; include
  /// <vpcsim/topology/graph.hpp> to use it.
  const topology::topology& topology() const;

  /// The network the solver answers on.
  const network& net() const noexcept { return net_; }

 private:
  /// Adds the input's names to the answer (its hops have theirs from the walk): the blocking
  /// component's, the source's, and after the first mention of each named resource in the message
  /// and fix.
  void name(answer& a) const;
  /// A fix's change in the input's own terms: the design's edits located, or the AWS CLI commands.
  void in_input_terms(fix_change& c) const;

  /// A request's source and destination resolved, the destination kept for the next such question;
  /// `by_id`: also the request with the input's names replaced by the ids they stand for.
  struct question;
  question ask(const flow_request& request, bool by_id) const;

  struct drawing;
  const network& net_;
  name_index names_;
  resource_names display_;
  std::map<std::string, source_location> locations_;
  bool design_ = false;  // the locations are a design's
  std::unique_ptr<drawing> drawing_;
};

/// Full answers to the cells of a matrix, each source and each destination resolved once (as
/// `run_matrix` does for verdicts): `operator()(cell)` is `solver::trace(request.cell(cell))`, the
/// same answer or the same error, at the cost of the walk and its words. The solver and the request
/// must outlive it; `operator()` may run from several threads at once.
class matrix_answers {
 public:
  /// Resolves the sources on `jobs` threads (0: one per core), then each destination once per
  /// source VPC, region and AZ; an error is kept for the cells it concerns.
  matrix_answers(const solver& s, const matrix_request& request, unsigned jobs = 0);
  ~matrix_answers();
  answer operator()(std::size_t cell) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace vpcsim
