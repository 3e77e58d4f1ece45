// The heap variant: the edge tracker "done right". Nodes keep hash maps neighbour -> edge, so
// combining parallel edges costs O(1) per edge of the merged node; a lazy-deletion max-heap keyed by
// (weight, -edge number) returns exactly the edge Py-ART's linear scan picks, ties included (stale
// entries are skipped when their edge died or gained weight); region folds live in a union-find with
// offsets. Cost: O(sum of merged-node degrees + E log E) instead of O(R x E).
#include <functional>
#include <queue>
#include <unordered_map>

#include "edge_orientation.h"
#include "merge.h"
#include "region_folds.h"

namespace unfold {

namespace {

using NeighbourMap =
    std::unordered_map<std::int32_t, std::int32_t, std::hash<std::int32_t>, std::equal_to<std::int32_t>,
                       TrackedAllocator<std::pair<const std::int32_t, std::int32_t>>>;

// Max-heap key: heavier first, then the lower edge number (Py-ART's np.argmax tie-break).
inline std::uint64_t HeapKey(std::int32_t weight, std::int32_t edge) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(weight)) << 32) |
         (0xFFFFFFFFu - static_cast<std::uint32_t>(edge));
}

class HeapMerger {
 public:
  HeapMerger(const RegionGraph& g, MemoryTracker& mem)
      : u_(g.alpha.begin(), g.alpha.end(), TrackedAllocator<std::int32_t>(&mem)),
        v_(g.beta.begin(), g.beta.end(), TrackedAllocator<std::int32_t>(&mem)),
        weight_(g.weight.begin(), g.weight.end(), TrackedAllocator<std::int32_t>(&mem)),
        sum_(g.sum_diff.begin(), g.sum_diff.end(), TrackedAllocator<float>(&mem)),
        alive_(MakeVec<std::uint8_t>(mem, g.weight.size(), 1)),
        size_(g.sizes.begin(), g.sizes.end(), TrackedAllocator<std::int32_t>(&mem)),
        adjacency_(static_cast<std::size_t>(g.regions) + 1,
                   NeighbourMap(0, std::hash<std::int32_t>(), std::equal_to<std::int32_t>(),
                                TrackedAllocator<std::pair<const std::int32_t, std::int32_t>>(&mem)),
                   TrackedAllocator<NeighbourMap>(&mem)),
        heap_(std::less<std::uint64_t>(), MakeVec<std::uint64_t>(mem)),
        clock_(g.regions, mem),
        folds_(g.regions, mem) {
    for (std::size_t e = 0; e < u_.size(); ++e) {
      const auto edge = static_cast<std::int32_t>(e);
      adjacency_[static_cast<std::size_t>(u_[e])].emplace(v_[e], edge);
      adjacency_[static_cast<std::size_t>(v_[e])].emplace(u_[e], edge);
      heap_.push(HeapKey(weight_[e], edge));
    }
  }

  std::int64_t Run(TVec<std::int64_t>& unwrap) {
    std::int64_t merges = 0;
    while (!heap_.empty()) {
      const std::uint64_t key = heap_.top();
      heap_.pop();
      const auto edge = static_cast<std::int32_t>(0xFFFFFFFFu - static_cast<std::uint32_t>(key & 0xFFFFFFFFu));
      const auto e = static_cast<std::size_t>(edge);
      if (alive_[e] == 0 || static_cast<std::uint32_t>(weight_[e]) != static_cast<std::uint32_t>(key >> 32)) continue;
      MergeAlong(edge);
      ++merges;
    }
    folds_.Resolve(unwrap);
    return merges;
  }

 private:
  // Sum of the edge oriented as `from` minus the other end.
  float Oriented(std::size_t e, std::int32_t from) const { return u_[e] == from ? sum_[e] : -sum_[e]; }
  void SetOriented(std::size_t e, std::int32_t from, float value) { sum_[e] = u_[e] == from ? value : -value; }

  void MergeAlong(std::int32_t edge) {
    const auto e = static_cast<std::size_t>(edge);
    const std::int32_t alpha = clock_.Alpha(u_[e], v_[e], u_[e]);
    const std::int32_t beta = alpha == u_[e] ? v_[e] : u_[e];
    std::int64_t shift = RoundedOffset(Oriented(e, alpha), weight_[e]);
    std::int32_t base = beta;
    std::int32_t merge = alpha;
    if (size_[static_cast<std::size_t>(alpha)] > size_[static_cast<std::size_t>(beta)]) {
      base = alpha;
      merge = beta;
    } else {
      shift = -shift;
    }
    NeighbourMap& merge_map = adjacency_[static_cast<std::size_t>(merge)];
    NeighbourMap& base_map = adjacency_[static_cast<std::size_t>(base)];
    if (shift != 0) {
      folds_.Shift(merge, shift);
      for (const auto& [neighbour, f] : merge_map) {
        const auto k = static_cast<std::size_t>(f);
        SetOriented(k, merge, ShiftedSum(Oriented(k, merge), weight_[k], shift));
      }
    }
    alive_[e] = 0;
    merge_map.erase(base);
    base_map.erase(merge);
    for (const auto& [neighbour, f] : merge_map) {
      const auto k = static_cast<std::size_t>(f);
      NeighbourMap& neighbour_map = adjacency_[static_cast<std::size_t>(neighbour)];
      neighbour_map.erase(merge);
      auto existing = base_map.find(neighbour);
      if (existing != base_map.end()) {
        const auto b = static_cast<std::size_t>(existing->second);
        weight_[b] += weight_[k];
        SetOriented(b, base, Oriented(b, base) + Oriented(k, merge));  // float32 + float32
        alive_[k] = 0;
        heap_.push(HeapKey(weight_[b], existing->second));
      } else {
        if (u_[k] == merge) {
          u_[k] = base;
        } else {
          v_[k] = base;
        }
        base_map.emplace(neighbour, f);
        neighbour_map.emplace(base, f);
      }
    }
    NeighbourMap empty(0, merge_map.hash_function(), merge_map.key_eq(), merge_map.get_allocator());
    merge_map.swap(empty);  // release its buckets
    size_[static_cast<std::size_t>(base)] += size_[static_cast<std::size_t>(merge)];
    folds_.Merge(base, merge);
    clock_.MarkBase(base);
  }

  TVec<std::int32_t> u_;
  TVec<std::int32_t> v_;
  TVec<std::int32_t> weight_;
  TVec<float> sum_;  // oriented u minus v
  TVec<std::uint8_t> alive_;
  TVec<std::int32_t> size_;
  std::vector<NeighbourMap, TrackedAllocator<NeighbourMap>> adjacency_;
  std::priority_queue<std::uint64_t, TVec<std::uint64_t>> heap_;
  MergeClock clock_;
  RegionFolds folds_;
};

}  // namespace

void MergeHeap(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result) {
  HeapMerger merger(graph, mem);
  result->merges = merger.Run(result->unwrap);
}

}  // namespace unfold
