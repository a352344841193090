#include <vpcsim/error.hpp>

namespace vpcsim {

std::string diagnostic::to_string() const {
  std::string out = "[" + code + "]";
  if (!file.empty()) out += " " + file;
  if (!pointer.empty()) out += " " + pointer;
  if (!resource.empty()) out += " (" + resource + ")";
  out += ": " + message;
  return out;
}

}  // namespace vpcsim
