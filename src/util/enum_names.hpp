// Tables of enum values and their names, the two lookups over them and the lists of their values
// and names: the one way an enum of the library is named and parsed. Internal to the library.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsgraph {

/// Every value of an enum with its name, in declaration order.
template <class E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

/// The name of `value` in `table`, or `unknown` when the table lacks it.
template <class E, std::size_t N>
constexpr std::string_view enum_name(const EnumNames<E, N>& table, E value, std::string_view unknown) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return unknown;
}

/// The value named `name` in `table` (exact match), or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> enum_from_name(const EnumNames<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

/// The values of `table`, in its order.
template <class E, std::size_t N>
std::vector<E> enum_values(const EnumNames<E, N>& table) {
  std::vector<E> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

/// The names of `table`, in its order: the choices a command line offers.
template <class E, std::size_t N>
std::vector<std::string> enum_name_list(const EnumNames<E, N>& table) {
  std::vector<std::string> out;
  for (const auto& entry : table) out.emplace_back(entry.second);
  return out;
}

}  // namespace newsgraph
