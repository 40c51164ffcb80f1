// Node ids: the type prefix and the slug of a name.
#include "newsgraph/resolve/node_id.hpp"

#include <cstdint>
#include <vector>

#include "util/hash.hpp"

namespace newsgraph {
namespace {

/// 8 lower-case hex digits of the 64-bit FNV-1a hash of `s`, its two halves xor-ed.
std::string hash8(std::string_view s) {
  const std::uint64_t h = hash::fnv1a(s);
  const auto folded = static_cast<std::uint32_t>((h >> 32) ^ (h & 0xffffffffULL));
  static const char* kHex = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(7 - i)] = kHex[(folded >> (4 * i)) & 0xfU];
  return out;
}

/// The slug words of `name`: its folded words reduced to [a-z0-9].
std::vector<std::string> slug_words(std::string_view name, const Knowledge& kb) {
  const std::string folded = kb.fold(name);
  std::vector<std::string> words;
  std::string cur;
  for (char c : folded) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      cur += c;
    } else if (c >= 'A' && c <= 'Z') {
      cur += static_cast<char>(c - 'A' + 'a');
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string join_dash(const std::vector<std::string>& words, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < limit; ++i) {
    if (i > 0) out += '-';
    out += words[i];
  }
  return out;
}

}  // namespace

std::string slug(std::string_view name, const Knowledge& kb) {
  const auto words = slug_words(name, kb);
  if (words.empty()) return "x";
  return join_dash(words, words.size());
}

std::string make_node_id(EntityType type, std::string_view name, const Knowledge& kb) {
  std::string id(id_prefix(type));
  id += '/';
  const auto words = slug_words(name, kb);
  if (type == EntityType::Quotation) {
    id += words.empty() ? std::string("x") : join_dash(words, 6);
    id += '-';
    id += hash8(name);
    return id;
  }
  if (words.empty()) {
    // A name with no Latin-foldable letters still gets an id of its own.
    id += "x";
    if (!name.empty()) id += "-" + hash8(name);
    return id;
  }
  id += join_dash(words, words.size());
  return id;
}

}  // namespace newsgraph
