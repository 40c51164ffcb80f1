// Containers keyed by string_view, so lookups never allocate: the flat hash index of the
// knowledge tables, and the sets and maps built on it. Keys either point into storage the
// container owns (a deque never moves its elements) or into static embedded data.
// Internal to src/knowledge/.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsgraph::knowledge {

/// A 64-bit hash of a short string, eight bytes at a time (list entries and words are short;
/// the lookups of mention detection are dominated by this and one probe).
inline std::uint64_t key_hash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x2545F4914F6CDD1Dull ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * kMul;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

/// An open-addressing index from string keys to small integers (linear probing, at most half
/// full). Keys are views: whoever inserts keeps them alive.
class FlatIndex {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
  /// The value of `key`, or kAbsent.
  std::uint32_t find(std::string_view key) const {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t h = key_hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Entry& e = slots_[i];
      if (e.value == kAbsent) return kAbsent;
      if (e.hash == h && e.key == key) return e.value;
    }
  }
  /// Adds `key` with `value` (precondition: find(key) == kAbsent).
  void insert(std::string_view key, std::uint32_t value) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    place({key_hash(key), key, value});
    ++count_;
  }
  std::size_t size() const { return count_; }
  /// Calls f(key, value) for every key, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Entry& e : slots_)
      if (e.value != kAbsent) f(e.key, e.value);
  }

 private:
  struct Entry {
    std::uint64_t hash = 0;
    std::string_view key;
    std::uint32_t value = kAbsent;
  };
  void place(const Entry& e) {
    std::size_t i = e.hash & mask_;
    while (slots_[i].value != kAbsent) i = (i + 1) & mask_;
    slots_[i] = e;
  }
  void grow() {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Entry{});
    mask_ = slots_.size() - 1;
    for (const Entry& e : old)
      if (e.value != kAbsent) place(e);
  }
  std::vector<Entry> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

/// A set of strings; insert() copies the key, insert_view() keeps a view of it.
class StringSet {
 public:
  void insert(std::string key) {
    if (key.empty() || contains(key)) return;
    store_.push_back(std::move(key));
    index_.insert(store_.back(), 0);
  }
  /// `key` must outlive the set (static data or a buffer the owner keeps).
  void insert_view(std::string_view key) {
    if (!key.empty() && !contains(key)) index_.insert(key, 0);
  }
  bool contains(std::string_view key) const { return index_.find(key) != FlatIndex::kAbsent; }
  std::size_t size() const { return index_.size(); }
  /// Every key, sorted.
  std::vector<std::string_view> sorted_keys() const {
    std::vector<std::string_view> out;
    index_.for_each([&](std::string_view key, std::uint32_t) { out.push_back(key); });
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::deque<std::string> store_;
  FlatIndex index_;
};

/// A map from strings to values of type V; values keep their address once inserted.
template <class V>
class StringMap {
 public:
  /// Inserts or returns the existing slot; `inserted` tells which.
  V& slot(std::string key, bool& inserted) {
    const std::uint32_t at = index_.find(key);
    if (at != FlatIndex::kAbsent) {
      inserted = false;
      return values_[at];
    }
    store_.push_back(std::move(key));
    index_.insert(store_.back(), static_cast<std::uint32_t>(values_.size()));
    values_.emplace_back();
    inserted = true;
    return values_.back();
  }
  const V* find(std::string_view key) const {
    const std::uint32_t at = index_.find(key);
    return at == FlatIndex::kAbsent ? nullptr : &values_[at];
  }
  /// Every (key, value), sorted by key.
  std::vector<std::pair<std::string_view, const V*>> sorted() const {
    std::vector<std::pair<std::string_view, const V*>> out;
    index_.for_each([&](std::string_view key, std::uint32_t at) { out.emplace_back(key, &values_[at]); });
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }

 private:
  std::deque<std::string> store_;
  std::deque<V> values_;
  FlatIndex index_;
};

}  // namespace newsgraph::knowledge
