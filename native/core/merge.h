// The merge stage (Py-ART's network reduction, guide §2.5), one implementation per variant. All of
// them pick the same edge at every step (heaviest, ties to the lowest edge number), apply the same
// float32 updates in the same order and so produce identical fold numbers.
#pragma once

#include "graph.h"
#include "memory.h"

namespace unfold {

// Py-ART's structure: edge arrays, per-node edge lists, a linear scan for the heaviest edge.
void MergeSparse(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result);

// The 2015 design: dense region x region matrices. Checks `budget_bytes` before allocating and throws
// a memory-budget EngineError naming the size it would need.
void MergeDense(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result);

// Union-find over regions, adjacency maps per node, lazy-deletion priority queue.
void MergeHeap(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result);

// Bytes MergeDense would allocate for `regions` regions.
std::size_t DenseBytesNeeded(std::int64_t regions);

// Py-ART's offset: round(mean diff) with numpy's round-half-to-even, clamped to a sane range.
inline std::int64_t RoundedOffset(float sum_diff, std::int32_t weight);

}  // namespace unfold

#include <cmath>

namespace unfold {

inline std::int64_t RoundedOffset(float sum_diff, std::int32_t weight) {
  double diff = static_cast<double>(sum_diff) / static_cast<double>(weight);
  // Absurd inputs (tiny Nyquist, huge velocities) must not overflow the integer conversion.
  if (!(diff > -1e9)) diff = std::isnan(diff) ? 0.0 : -1e9;
  if (diff > 1e9) diff = 1e9;
  return static_cast<std::int64_t>(std::nearbyint(diff));
}

// sum_diff += weight * shift, computed in float64 and stored as float32 (numpy scalar promotion).
inline float ShiftedSum(float sum_diff, std::int32_t weight, std::int64_t shift) {
  return static_cast<float>(static_cast<double>(sum_diff) + static_cast<double>(weight) * static_cast<double>(shift));
}

}  // namespace unfold
