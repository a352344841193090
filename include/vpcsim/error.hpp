#pragma once
/// Errors and diagnostics. Bad input is an `import_error` (or a diagnostic in a lenient import);
/// a blocked flow is never an error, it is an answer.

#include <stdexcept>
#include <string>
#include <vector>

namespace vpcsim {

enum class severity { error, warning, note };

/// One finding about the input: a stable code, where it is (file, JSON pointer), the resource
/// it concerns, and what is wrong.
struct diagnostic {
  severity level = severity::error;
  std::string code;      ///< `vpcsim.import.missing_field`
  std::string file;      ///< the input file, as given
  std::string pointer;   ///< JSON pointer inside the file, `/Subnets/3/CidrBlock`
  std::string resource;  ///< `subnet subnet-0abc`, or empty
  std::string message;   ///< what is wrong, no trailing period

  /// `[code] file /pointer (resource): message`, the one format every message uses.
  std::string to_string() const;
  bool operator==(const diagnostic&) const = default;
};

/// Where the input writes a resource: its file, line and column (0 when the input does not say),
/// and for JSON inputs written by hand (designs) its JSON pointer (`/security_groups/2`).
struct source_location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string pointer;
  bool operator==(const source_location&) const = default;
};

/// Base of every exception vpcsim throws; `code()` is stable across releases.
class error : public std::runtime_error {
 public:
  error(std::string code, const std::string& what) : std::runtime_error(what), code_(std::move(code)) {}
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

/// Input that cannot be used: unreadable, not JSON, wrong types, missing fields, bad CIDRs.
class import_error : public error {
 public:
  explicit import_error(vpcsim::diagnostic d) : error(d.code, d.to_string()), finding_(std::move(d)) {}
  const vpcsim::diagnostic& finding() const noexcept { return finding_; }

 private:
  vpcsim::diagnostic finding_;
};

/// A request that cannot be answered as asked (unknown source, malformed destination).
class usage_error : public error {
 public:
  usage_error(const std::string& code, const std::string& what) : error(code, "[" + code + "] " + what) {}
};

/// Whether any diagnostic is an error (the input is not usable).
inline bool has_errors(const std::vector<diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.level == severity::error) return true;
  return false;
}

}  // namespace vpcsim
