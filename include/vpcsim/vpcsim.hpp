#pragma once
/// The public API in one include: load a network, trace flows, check intents, run a matrix or
/// the lint, grade an exercise, and print any of them as exactly the JSON or text the `vpcsim`
/// CLI prints.
///
///   auto loaded = vpcsim::load("capture/");             // a design or AWS CLI captures
///   vpcsim::flow_request f{.from = "i-0b1…", .to = "s3"};
///   vpcsim::answer a = vpcsim::trace(loaded.network, f);  // blocked is an answer, not an error
///   std::cout << vpcsim::to_json(a).dump(2) << '\n';      // == `vpcsim trace --format json`
///
/// Errors are exceptions derived from `vpcsim::error`, each with a stable `code()`.

#include <vpcsim/error.hpp>
#include <vpcsim/exercise/grade.hpp>
#include <vpcsim/exercise/text.hpp>
#include <vpcsim/report/answer_json.hpp>
#include <vpcsim/io/aws_cli.hpp>
#include <vpcsim/io/design.hpp>
#include <vpcsim/io/intents_json.hpp>
#include <vpcsim/report/check_json.hpp>
#include <vpcsim/report/lint_json.hpp>
#include <vpcsim/io/load.hpp>
#include <vpcsim/report/matrix_json.hpp>
#include <vpcsim/model/network.hpp>
#include <vpcsim/report/network.hpp>
#include <vpcsim/report/text.hpp>
#include <vpcsim/report/validation.hpp>
#include <vpcsim/sim/answer.hpp>
#include <vpcsim/sim/compiled.hpp>
#include <vpcsim/sim/intents.hpp>
#include <vpcsim/sim/lint.hpp>
#include <vpcsim/sim/matrix.hpp>
#include <vpcsim/sim/solver.hpp>
#include <vpcsim/sim/trace.hpp>
#include <vpcsim/version.hpp>

#include <nlohmann/json.hpp>  // the to_json results are usable (`.dump(2)`) with this one include

#include <string>
#include <vector>

namespace vpcsim {

/// Checks every intent against `net` as `vpcsim check` does (a solver built for this one call).
inline check_report check(const network& net, const std::vector<intent>& intents, const std::string& region = {}) {
  return check(solver(net), intents, region);
}

}  // namespace vpcsim
