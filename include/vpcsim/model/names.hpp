#pragma once
/// A resource named on the command line or in an intents file, by its id or by the name the user
/// gave it (`display_name`: logical id, `Name` tag, a group's name): one answer, or an error that
/// lists what the user can write instead.
#include <vpcsim/model/network.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vpcsim {

/// One resource a name may stand for: its id and its name (empty when it has none).
struct name_candidate {
  std::string id;
  std::string name;
};

/// The id `text` names among `candidates`: an id; else a name, exactly, then ignoring case.
/// Throws usage_error `vpcsim.names.unknown` ("no KIND in the input is named 'x'; KINDs: 'a'
/// (id), ...", closest first) or `vpcsim.names.ambiguous` ("'x' names N KINDs: 'x' (id1),
/// 'x' (id2); give the id").
std::string resolve_name(std::string_view text, const std::vector<name_candidate>& candidates, std::string_view kind,
                         std::string_view plural);

/// The candidates of every resource of type T.
template <class T>
std::vector<name_candidate> name_candidates(const network& n) {
  std::vector<name_candidate> out;
  for (const auto& [id, r] : n.template all<T>()) out.push_back({id.value, display_name(r)});
  return out;
}

/// The id of the resource of type T that `text` names (`resolve_name`).
template <class T>
decltype(T::id) resolve(const network& n, std::string_view text, std::string_view kind, std::string_view plural) {
  return decltype(T::id){resolve_name(text, name_candidates<T>(n), kind, plural)};
}

/// The closest of `names` to `text` (edit distance), at most `count`, closest first.
std::vector<std::string> closest_names(std::string_view text, std::vector<std::string> names, std::size_t count);

}  // namespace vpcsim
