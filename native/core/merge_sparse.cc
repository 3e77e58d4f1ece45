// The sparse variant: Py-ART's _RegionTracker/_EdgeTracker/_combine_regions in C++, structure for
// structure (edge arrays, per-node edge lists, a full linear scan for the heaviest edge at each merge,
// the base-node neighbour cache). It is the baseline the other variants are measured against; its
// merge loop costs O(regions x edges).
#include <algorithm>
#include <cstring>

#include "merge.h"

namespace unfold {

namespace {

constexpr std::int32_t kDeadWeight = -999;

class SparseTracker {
 public:
  SparseTracker(const RegionGraph& g, MemoryTracker& mem)
      : alpha_(g.alpha.begin(), g.alpha.end(), TrackedAllocator<std::int32_t>(&mem)),
        beta_(g.beta.begin(), g.beta.end(), TrackedAllocator<std::int32_t>(&mem)),
        weight_(g.weight.begin(), g.weight.end(), TrackedAllocator<std::int32_t>(&mem)),
        sum_diff_(g.sum_diff.begin(), g.sum_diff.end(), TrackedAllocator<float>(&mem)),
        node_size_(g.sizes.begin(), g.sizes.end(), TrackedAllocator<std::int32_t>(&mem)),
        edges_in_node_(static_cast<std::size_t>(g.regions) + 1, MakeVec<std::int32_t>(mem),
                       TrackedAllocator<TVec<std::int32_t>>(&mem)),
        regions_in_node_(static_cast<std::size_t>(g.regions) + 1, MakeVec<std::int32_t>(mem),
                         TrackedAllocator<TVec<std::int32_t>>(&mem)),
        common_finder_(MakeVec<std::uint8_t>(mem, static_cast<std::size_t>(g.regions) + 1, 0)),
        common_index_(MakeVec<std::int32_t>(mem, static_cast<std::size_t>(g.regions) + 1, 0)) {
    for (std::size_t e = 0; e < alpha_.size(); ++e) {
      edges_in_node_[static_cast<std::size_t>(alpha_[e])].push_back(static_cast<std::int32_t>(e));
      edges_in_node_[static_cast<std::size_t>(beta_[e])].push_back(static_cast<std::int32_t>(e));
    }
    for (std::size_t r = 0; r < regions_in_node_.size(); ++r)
      regions_in_node_[r].push_back(static_cast<std::int32_t>(r));
  }

  // One iteration of _combine_regions; returns false when no live edge remains.
  bool CombineOnce(TVec<std::int64_t>& unwrap) {
    const std::size_t e = HeaviestEdge();
    if (e == SIZE_MAX || weight_[e] < 0) return false;
    const std::int32_t node1 = alpha_[e];
    const std::int32_t node2 = beta_[e];
    std::int64_t rdiff = RoundedOffset(sum_diff_[e], weight_[e]);
    std::int32_t base = node2;
    std::int32_t merge = node1;
    if (node_size_[static_cast<std::size_t>(node1)] > node_size_[static_cast<std::size_t>(node2)]) {
      base = node1;
      merge = node2;
    } else {
      rdiff = -rdiff;
    }
    if (rdiff != 0) {
      for (std::int32_t region : regions_in_node_[static_cast<std::size_t>(merge)]) {
        unwrap[static_cast<std::size_t>(region)] += rdiff;
      }
      UnwrapEdges(merge, rdiff);
    }
    auto& base_regions = regions_in_node_[static_cast<std::size_t>(base)];
    auto& merge_regions = regions_in_node_[static_cast<std::size_t>(merge)];
    base_regions.insert(base_regions.end(), merge_regions.begin(), merge_regions.end());
    merge_regions.clear();
    node_size_[static_cast<std::size_t>(base)] += node_size_[static_cast<std::size_t>(merge)];
    node_size_[static_cast<std::size_t>(merge)] = 0;
    MergeNodes(base, merge, static_cast<std::int32_t>(e));
    return true;
  }

 private:
  // np.argmax: the first edge of maximum weight.
  std::size_t HeaviestEdge() const {
    if (weight_.empty()) return SIZE_MAX;
    const std::int32_t best = *std::max_element(weight_.begin(), weight_.end());
    return static_cast<std::size_t>(std::find(weight_.begin(), weight_.end(), best) - weight_.begin());
  }

  static void RemoveFirst(TVec<std::int32_t>& list, std::int32_t value) {
    auto it = std::find(list.begin(), list.end(), value);
    if (it != list.end()) list.erase(it);
  }

  void UnwrapEdges(std::int32_t node, std::int64_t nwrap) {
    for (std::int32_t edge : edges_in_node_[static_cast<std::size_t>(node)]) {
      const auto k = static_cast<std::size_t>(edge);
      sum_diff_[k] = ShiftedSum(sum_diff_[k], weight_[k], node == alpha_[k] ? nwrap : -nwrap);
    }
  }

  void ReverseEdge(std::size_t e) {
    std::swap(alpha_[e], beta_[e]);
    sum_diff_[e] = -sum_diff_[e];
  }

  void CombineEdges(std::int32_t base_edge, std::int32_t merge_edge, std::int32_t merge_node, std::int32_t neighbor) {
    const auto b = static_cast<std::size_t>(base_edge);
    const auto m = static_cast<std::size_t>(merge_edge);
    weight_[b] += weight_[m];
    sum_diff_[b] = sum_diff_[b] + sum_diff_[m];  // float32 + float32 in float32, as numpy does
    RemoveFirst(edges_in_node_[static_cast<std::size_t>(merge_node)], merge_edge);
    RemoveFirst(edges_in_node_[static_cast<std::size_t>(neighbor)], merge_edge);
    weight_[m] = kDeadWeight;
    alpha_[m] = 0;
    beta_[m] = 0;
  }

  void MergeNodes(std::int32_t base, std::int32_t merge, std::int32_t foo_edge) {
    const auto f = static_cast<std::size_t>(foo_edge);
    weight_[f] = kDeadWeight;
    RemoveFirst(edges_in_node_[static_cast<std::size_t>(merge)], foo_edge);
    RemoveFirst(edges_in_node_[static_cast<std::size_t>(base)], foo_edge);
    alpha_[f] = 0;
    beta_[f] = 0;
    const TVec<std::int32_t> edges_in_merge = edges_in_node_[static_cast<std::size_t>(merge)];
    if (last_base_node_ != base) {
      std::fill(common_finder_.begin(), common_finder_.end(), 0);
      for (std::int32_t edge : edges_in_node_[static_cast<std::size_t>(base)]) {
        const auto k = static_cast<std::size_t>(edge);
        if (beta_[k] == base) ReverseEdge(k);
        common_finder_[static_cast<std::size_t>(beta_[k])] = 1;
        common_index_[static_cast<std::size_t>(beta_[k])] = edge;
      }
    }
    for (std::int32_t edge : edges_in_merge) {
      const auto k = static_cast<std::size_t>(edge);
      if (beta_[k] == merge) ReverseEdge(k);
      alpha_[k] = base;
      const auto neighbor = static_cast<std::size_t>(beta_[k]);
      if (common_finder_[neighbor] != 0) {
        CombineEdges(common_index_[neighbor], edge, merge, beta_[k]);
      } else {
        common_finder_[neighbor] = 1;
        common_index_[neighbor] = edge;
      }
    }
    auto& base_edges = edges_in_node_[static_cast<std::size_t>(base)];
    auto& merge_edges = edges_in_node_[static_cast<std::size_t>(merge)];
    base_edges.insert(base_edges.end(), merge_edges.begin(), merge_edges.end());
    merge_edges.clear();
    last_base_node_ = base;
  }

  TVec<std::int32_t> alpha_;
  TVec<std::int32_t> beta_;
  TVec<std::int32_t> weight_;
  TVec<float> sum_diff_;
  TVec<std::int32_t> node_size_;
  std::vector<TVec<std::int32_t>, TrackedAllocator<TVec<std::int32_t>>> edges_in_node_;
  std::vector<TVec<std::int32_t>, TrackedAllocator<TVec<std::int32_t>>> regions_in_node_;
  TVec<std::uint8_t> common_finder_;
  TVec<std::int32_t> common_index_;
  std::int32_t last_base_node_ = -1;
};

}  // namespace

void MergeSparse(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result) {
  result->unwrap.assign(static_cast<std::size_t>(graph.regions) + 1, 0);
  SparseTracker tracker(graph, mem);
  while (tracker.CombineOnce(result->unwrap))
    ++result->merges;
}

}  // namespace unfold
