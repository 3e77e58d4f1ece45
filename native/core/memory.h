// Memory accounting for the dealias engine: every container the engine allocates goes through
// TrackedAllocator, which reports exact byte counts to one MemoryTracker per call. The tracker
// records the peak (reported as SweepStats::engine_bytes_peak) and enforces the caller's budget,
// so a runaway allocation becomes a clear "memory-budget" error instead of swapping or a crash.
// One tracker per call: no global state, safe in several worker threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "errors.h"

namespace unfold {

class MemoryTracker {
 public:
  explicit MemoryTracker(std::size_t budget_bytes = std::numeric_limits<std::size_t>::max())
      : budget_bytes_(budget_bytes) {}

  // Records an allocation of `bytes`; throws EngineError(kMemoryBudget) if it would exceed the budget.
  void Allocate(std::size_t bytes) {
    if (bytes > budget_bytes_ - current_bytes_) {
      throw EngineError(ErrorCode::kMemoryBudget, "the engine would need more than the memory budget of " +
                                                      std::to_string(budget_bytes_) + " bytes (" +
                                                      std::to_string(current_bytes_ + bytes) + " bytes requested)");
    }
    current_bytes_ += bytes;
    if (current_bytes_ > peak_bytes_) peak_bytes_ = current_bytes_;
  }
  void Release(std::size_t bytes) noexcept { current_bytes_ -= bytes; }

  std::size_t current_bytes() const { return current_bytes_; }
  std::size_t peak_bytes() const { return peak_bytes_; }
  std::size_t budget_bytes() const { return budget_bytes_; }

 private:
  std::size_t budget_bytes_;
  std::size_t current_bytes_ = 0;
  std::size_t peak_bytes_ = 0;
};

// std::allocator replacement that reports every allocation to a MemoryTracker.
template <class T>
class TrackedAllocator {
 public:
  using value_type = T;

  explicit TrackedAllocator(MemoryTracker* tracker) noexcept : tracker_(tracker) {}
  template <class U>
  TrackedAllocator(const TrackedAllocator<U>& other) noexcept : tracker_(other.tracker()) {}  // NOLINT

  T* allocate(std::size_t n) {
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_alloc();
    const std::size_t bytes = n * sizeof(T);
    tracker_->Allocate(bytes);
    void* p = ::operator new(bytes, std::nothrow);
    if (p == nullptr) {
      tracker_->Release(bytes);
      throw EngineError(ErrorCode::kMemoryBudget,
                        "the system refused an allocation of " + std::to_string(bytes) + " bytes");
    }
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    tracker_->Release(n * sizeof(T));
    ::operator delete(p);
  }

  MemoryTracker* tracker() const noexcept { return tracker_; }

  template <class U>
  bool operator==(const TrackedAllocator<U>& other) const noexcept {
    return tracker_ == other.tracker();
  }
  template <class U>
  bool operator!=(const TrackedAllocator<U>& other) const noexcept {
    return tracker_ != other.tracker();
  }

 private:
  MemoryTracker* tracker_;
};

// A std::vector whose storage is accounted for by a MemoryTracker.
template <class T>
using TVec = std::vector<T, TrackedAllocator<T>>;

// Creates an empty tracked vector (reserve/resize it afterwards).
template <class T>
TVec<T> MakeVec(MemoryTracker& tracker) {
  return TVec<T>(TrackedAllocator<T>(&tracker));
}

// Creates a tracked vector of `n` copies of `value`.
template <class T>
TVec<T> MakeVec(MemoryTracker& tracker, std::size_t n, const T& value = T()) {
  return TVec<T>(n, value, TrackedAllocator<T>(&tracker));
}

}  // namespace unfold
