// FNV-1a, the one string hash of the library: feature hashing in both models, model-file
// checksums and quotation ids. Each user keeps its own mixing and seeds, which define its files.
// Internal to the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace newsgraph::hash {

inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;  // 0xcbf29ce484222325
inline constexpr std::uint64_t kFnvPrime = 1099511628211ULL;          // 0x100000001b3

/// 64-bit FNV-1a of `n` bytes at `p`, continuing from state `h`.
inline std::uint64_t fnv1a(std::uint64_t h, const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(p[i]);
    h *= kFnvPrime;
  }
  return h;
}

/// 64-bit FNV-1a of `s`, from `h` (the standard offset basis by default).
inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffset) {
  return fnv1a(h, s.data(), s.size());
}

}  // namespace newsgraph::hash
