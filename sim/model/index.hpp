// The model counts actors, dyads, links and pairs with int (scenario indices, i * n + j) and keeps
// them in std::vector: idx() is the one conversion between the two, so that an index reads as
// `w.m[idx(dy)]` rather than through a cast, and a negative one stops a build with asserts (the
// sanitizer builds) instead of wrapping around to a huge size_t.
#pragma once

#include <cassert>
#include <cstddef>
#include <type_traits>

namespace simrun {

template <class I>
constexpr std::size_t idx(I k) {
  static_assert(std::is_integral_v<I> || std::is_enum_v<I>, "idx() converts an integer or enum index");
  if constexpr (std::is_integral_v<I> && std::is_signed_v<I>) assert(k >= 0);
  return static_cast<std::size_t>(k);
}

}  // namespace simrun
