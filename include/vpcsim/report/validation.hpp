#pragma once
/// What a loaded input holds and what is wrong with it, as text (`vpcsim validate`): resource
/// counts per account and region, then every diagnostic, then the totals.

#include <vpcsim/io/aws_cli.hpp>

#include <ostream>
#include <string>

namespace vpcsim::report {

/// Writes the counts table, each diagnostic (`error: [code] file /pointer (resource): message`)
/// and `N errors, M warnings`.
void write_text(const load_result& result, std::ostream& out);

/// `write_text` into a string.
std::string to_text(const load_result& result);

}  // namespace vpcsim::report
