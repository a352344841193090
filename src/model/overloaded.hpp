#pragma once
// The overload set for std::visit over lambdas: std::visit(overloaded{[](A) {…}, [](B) {…}}, v).

namespace vpcsim::detail {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace vpcsim::detail
