// The snapshot reader: a snapshot's bytes (mapped from a file, or held in memory), checked once
// and then read in place. Internal to src/knowledge/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "knowledge/snapshot_format.hpp"
#include "newsgraph/knowledge/knowledge.hpp"

namespace newsgraph::knowledge {

/// A string-keyed table of a snapshot, read in place.
class TableView {
 public:
  /// The value of `key`, or false.
  bool find(std::string_view key, std::uint32_t& value) const {
    if (count_ == 0) return false;
    const std::uint64_t h = snapshot::key_hash(key);
    const auto high = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t r = slots_[i];
      if (r == 0) return false;
      const snapshot::Record& rec = records_[r - 1];
      if (rec.hash_high == high && rec.key_len == key.size() &&
          std::string_view(pool_ + rec.key_off, rec.key_len) == key) {
        value = rec.value;
        return true;
      }
    }
  }
  bool contains(std::string_view key) const {
    std::uint32_t v;
    return find(key, v);
  }
  std::size_t size() const { return count_; }

 private:
  friend class Snapshot;
  const std::uint32_t* slots_ = nullptr;
  const snapshot::Record* records_ = nullptr;
  const char* pool_ = nullptr;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

/// A checked snapshot. Every offset in it was checked against the bounds of its section, so
/// reading through the views below never leaves the bytes.
class Snapshot {
 public:
  /// Maps the file at `path` read-only. Throws KnowledgeError naming it.
  static std::unique_ptr<Snapshot> map_file(const std::string& path);
  /// Takes snapshot bytes held in memory; `origin` names them in errors.
  static std::unique_ptr<Snapshot> from_bytes(std::string bytes, const std::string& origin);
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  const LexiconEntry& entry(std::size_t k) const { return entries_[k]; }
  std::size_t entry_count() const { return entry_count_; }
  const TableView& table(snapshot::Section s) const { return tables_[static_cast<std::size_t>(s)]; }
  std::string_view meta() const { return meta_; }
  std::size_t size() const { return size_; }
  std::size_t meta_value(std::string_view key) const;
  /// The nickname pairs, in file order.
  std::size_t nickname_count() const { return nickname_count_; }
  std::pair<std::string_view, std::string_view> nickname(std::size_t k) const;

 private:
  Snapshot() = default;
  /// Checks the bytes at data_ (size_ bytes) and sets up the views; throws KnowledgeError.
  void check(const std::string& origin);
  void check_table(snapshot::Section id, std::string_view bytes, const std::string& origin);

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  void* mapping_ = nullptr;                 // munmap'ed by the destructor
  std::unique_ptr<std::uint64_t[]> owned_;  // 8-aligned copy of bytes given in memory
  std::size_t owned_words_ = 0;             // its length in 8-byte words

  const char* pool_ = nullptr;
  std::size_t pool_size_ = 0;
  const LexiconEntry* entries_ = nullptr;
  std::size_t entry_count_ = 0;
  TableView tables_[snapshot::kSectionCount + 1];
  std::string_view meta_;
  const char* nicknames_ = nullptr;
  std::size_t nickname_count_ = 0;
};

}  // namespace newsgraph::knowledge
