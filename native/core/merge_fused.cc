// The fused variant's merge: the heap variant's algorithm on flat, cache-friendly structures.
// - Edges are 16-byte records (ends, weight, velocity-jump sum), one cache line per access.
// - Adjacency is a CSR array of edge numbers whose per-node segments are chained: a merge splices
//   the merged node's chain onto the base's in O(1); dead edges are skipped lazily.
// - "Does the base already have an edge to this neighbour?" is answered by a dense per-neighbour
//   marker array of the base. Real sweeps have hubs (big regions that absorb the small ones, bases of
//   most merges), so a few markers are kept for the bases with the longest adjacency (least recently
//   used one evicted) and updated on every edge change; any other base gets a throw-away marker built
//   from its short adjacency chain. No hash table, no per-merge scan of a hub's adjacency.
// - EdgeQueue returns exactly the edge Py-ART's linear scan picks (heaviest, lowest number).
#include "edge_orientation.h"
#include "edge_queue.h"
#include "fused.h"
#include "merge.h"
#include "region_folds.h"

namespace unfold {

namespace {

struct FlatEdge {
  std::int32_t u;
  std::int32_t v;
  std::int32_t weight;  // 0 = dead
  float sum;            // velocity jump in Nyquist intervals, oriented u minus v
};

class FlatMerger {
 public:
  FlatMerger(const RegionGraph& g, MemoryTracker& mem)
      : nodes_(static_cast<std::size_t>(g.regions) + 1),
        edges_(MakeVec<FlatEdge>(mem, g.weight.size())),
        size_(g.sizes.begin(), g.sizes.end(), TrackedAllocator<std::int32_t>(&mem)),
        adjacency_(MakeVec<std::int32_t>(mem, 2 * g.weight.size())),
        seg_begin_(MakeVec<std::int32_t>(mem, nodes_ + 1, 0)),
        seg_end_(MakeVec<std::int32_t>(mem, nodes_, 0)),
        seg_next_(MakeVec<std::int32_t>(mem, nodes_, -1)),
        chain_head_(MakeVec<std::int32_t>(mem, nodes_)),
        chain_tail_(MakeVec<std::int32_t>(mem, nodes_)),
        chain_len_(MakeVec<std::int32_t>(mem, nodes_, 0)),
        slot_of_(MakeVec<std::int8_t>(mem, nodes_, -1)),
        marker_edge_(MakeVec<std::int32_t>(mem, nodes_ * kSlots, -1)),
        marker_epoch_(MakeVec<std::int32_t>(mem, nodes_ * kSlots, 0)),
        queue_(g.weight.data(), g.weight.size(), mem),
        clock_(g.regions, mem),
        folds_(g.regions, mem) {
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      edges_[e] = FlatEdge{g.alpha[e], g.beta[e], g.weight[e], g.sum_diff[e]};
      ++seg_begin_[static_cast<std::size_t>(g.alpha[e]) + 1];
      ++seg_begin_[static_cast<std::size_t>(g.beta[e]) + 1];
    }
    for (std::size_t k = 1; k <= nodes_; ++k)
      seg_begin_[k] += seg_begin_[k - 1];
    TVec<std::int32_t> fill(seg_begin_.begin(), seg_begin_.end() - 1, TrackedAllocator<std::int32_t>(&mem));
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      const auto edge = static_cast<std::int32_t>(e);
      adjacency_[static_cast<std::size_t>(fill[static_cast<std::size_t>(edges_[e].u)]++)] = edge;
      adjacency_[static_cast<std::size_t>(fill[static_cast<std::size_t>(edges_[e].v)]++)] = edge;
    }
    for (std::size_t k = 0; k < nodes_; ++k) {
      seg_end_[k] = seg_begin_[k + 1];
      chain_head_[k] = chain_tail_[k] = static_cast<std::int32_t>(k);
      chain_len_[k] = seg_end_[k] - seg_begin_[k];
    }
    seg_begin_.pop_back();  // from here on segments are (seg_begin_, seg_end_) pairs, more get appended
  }

  std::int64_t Run(TVec<std::int64_t>& unwrap) {
    std::int64_t merges = 0;
    std::int32_t weight = 0;
    std::int32_t edge = 0;
    while (queue_.Pop(&weight, &edge)) {
      if (edges_[static_cast<std::size_t>(edge)].weight != weight) continue;  // stale entry
      MergeAlong(static_cast<std::size_t>(edge));
      ++merges;
    }
    folds_.Resolve(unwrap);
    return merges;
  }

 private:
  static float Oriented(const FlatEdge& e, std::int32_t from) { return e.u == from ? e.sum : -e.sum; }
  static void SetOriented(FlatEdge& e, std::int32_t from, float value) { e.sum = e.u == from ? value : -value; }

  // Gives `node` a marker slot (a persistent one when its chain is long) filled from its live edges.
  void AttachMarker(std::int32_t node) {
    const auto n = static_cast<std::size_t>(node);
    if (slot_of_[n] >= 0) {
      slot_used_[static_cast<std::size_t>(slot_of_[n])] = ++tick_;
      return;
    }
    std::size_t slot = kTempSlot;
    if (chain_len_[n] >= kPersistentChain) {
      slot = 0;
      for (std::size_t k = 1; k < kPersistentSlots; ++k) {
        if (slot_used_[k] < slot_used_[slot]) slot = k;
      }
      if (slot_node_[slot] >= 0) slot_of_[static_cast<std::size_t>(slot_node_[slot])] = -1;  // evict
      slot_of_[n] = static_cast<std::int8_t>(slot);
    }
    slot_node_[slot] = node;
    slot_used_[slot] = ++tick_;
    ++slot_epoch_[slot];
    std::int32_t live = 0;
    ForEachLiveEdge(node, [this, node, slot, &live](std::size_t e) {
      SetMarker(slot, edges_[e].u == node ? edges_[e].v : edges_[e].u, static_cast<std::int32_t>(e));
      ++live;
    });
    if (chain_len_[n] > live) Compact(node, live);  // any dead entry: later scans of this base are common
  }

  // Rewrites a node's chain as one segment of its `live` live edges, so later scans skip the dead ones.
  void Compact(std::int32_t node, std::int32_t live) {
    const auto n = static_cast<std::size_t>(node);
    const std::size_t begin = adjacency_.size();
    adjacency_.resize(begin + static_cast<std::size_t>(live));
    std::int32_t* out = adjacency_.data() + begin;
    ForEachLiveEdge(node, [&out](std::size_t e) { *out++ = static_cast<std::int32_t>(e); });
    const auto seg = static_cast<std::int32_t>(seg_begin_.size());
    seg_begin_.push_back(static_cast<std::int32_t>(begin));
    seg_end_.push_back(static_cast<std::int32_t>(adjacency_.size()));
    seg_next_.push_back(-1);
    chain_head_[n] = chain_tail_[n] = seg;
    chain_len_[n] = live;
  }

  void SetMarker(std::size_t slot, std::int32_t neighbour, std::int32_t edge) {
    const std::size_t i = slot * nodes_ + static_cast<std::size_t>(neighbour);
    marker_edge_[i] = edge;
    marker_epoch_[i] = slot_epoch_[slot];
  }

  // The live edge between `base` (which holds a marker) and `neighbour` if there is one; otherwise
  // records `edge` as theirs in every marker that tracks either end.
  std::int32_t EdgeOrAttach(std::size_t base_slot, std::int32_t base, std::int32_t neighbour, std::int32_t edge) {
    const std::size_t i = base_slot * nodes_ + static_cast<std::size_t>(neighbour);
    if (marker_epoch_[i] == slot_epoch_[base_slot] && marker_edge_[i] >= 0) {
      const FlatEdge& known = edges_[static_cast<std::size_t>(marker_edge_[i])];
      if (known.weight > 0) return marker_edge_[i];
    }
    SetMarker(base_slot, neighbour, edge);
    const std::int8_t other_slot = slot_of_[static_cast<std::size_t>(neighbour)];
    if (other_slot >= 0) SetMarker(static_cast<std::size_t>(other_slot), base, edge);
    return edge;
  }

  template <class F>
  void ForEachLiveEdge(std::int32_t node, const F& visit) {
    for (std::int32_t seg = chain_head_[static_cast<std::size_t>(node)]; seg >= 0;
         seg = seg_next_[static_cast<std::size_t>(seg)]) {
      const std::int32_t end = seg_end_[static_cast<std::size_t>(seg)];
      for (std::int32_t k = seg_begin_[static_cast<std::size_t>(seg)]; k < end; ++k) {
        const auto e = static_cast<std::size_t>(adjacency_[static_cast<std::size_t>(k)]);
        if (edges_[e].weight > 0) visit(e);
      }
    }
  }

  void MergeAlong(std::size_t e) {
    FlatEdge& along = edges_[e];
    const std::int32_t alpha = clock_.Alpha(along.u, along.v, along.u);
    const std::int32_t beta = alpha == along.u ? along.v : along.u;
    std::int64_t shift = RoundedOffset(Oriented(along, alpha), along.weight);
    std::int32_t base = beta;
    std::int32_t merge = alpha;
    if (size_[static_cast<std::size_t>(alpha)] > size_[static_cast<std::size_t>(beta)]) {
      base = alpha;
      merge = beta;
    } else {
      shift = -shift;
    }
    if (shift != 0) folds_.Shift(merge, shift);
    along.weight = 0;                                      // dead
    if (slot_of_[static_cast<std::size_t>(merge)] >= 0) {  // the merged node's marker is of no more use
      const auto slot = static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(merge)]);
      slot_node_[slot] = -1;
      slot_used_[slot] = 0;
      slot_of_[static_cast<std::size_t>(merge)] = -1;
    }
    AttachMarker(base);
    const std::size_t base_slot = slot_of_[static_cast<std::size_t>(base)] >= 0
                                      ? static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(base)])
                                      : kTempSlot;
    ForEachLiveEdge(merge, [&](std::size_t f) {
      FlatEdge& fe = edges_[f];
      if (shift != 0) SetOriented(fe, merge, ShiftedSum(Oriented(fe, merge), fe.weight, shift));
      const std::int32_t neighbour = fe.u == merge ? fe.v : fe.u;
      const std::int32_t existing = EdgeOrAttach(base_slot, base, neighbour, static_cast<std::int32_t>(f));
      if (existing != static_cast<std::int32_t>(f)) {  // the base already touches this neighbour: combine
        FlatEdge& be = edges_[static_cast<std::size_t>(existing)];
        be.weight += fe.weight;
        SetOriented(be, base, Oriented(be, base) + Oriented(fe, merge));  // float32 + float32
        fe.weight = 0;
        queue_.Push(be.weight, existing);
      } else if (fe.u == merge) {
        fe.u = base;
      } else {
        fe.v = base;
      }
    });
    seg_next_[static_cast<std::size_t>(chain_tail_[static_cast<std::size_t>(base)])] =
        chain_head_[static_cast<std::size_t>(merge)];
    chain_tail_[static_cast<std::size_t>(base)] = chain_tail_[static_cast<std::size_t>(merge)];
    chain_len_[static_cast<std::size_t>(base)] += chain_len_[static_cast<std::size_t>(merge)];
    size_[static_cast<std::size_t>(base)] += size_[static_cast<std::size_t>(merge)];
    folds_.Merge(base, merge);
    clock_.MarkBase(base);
  }

  std::size_t nodes_;
  TVec<FlatEdge> edges_;
  TVec<std::int32_t> size_;
  TVec<std::int32_t> adjacency_;
  TVec<std::int32_t> seg_begin_;  // segment k = adjacency_[seg_begin_[k], seg_end_[k])
  TVec<std::int32_t> seg_end_;
  TVec<std::int32_t> seg_next_;    // next segment in a node's chain (-1 = end)
  TVec<std::int32_t> chain_head_;  // first segment of a node's chain
  TVec<std::int32_t> chain_tail_;  // last segment of a node's chain
  TVec<std::int32_t> chain_len_;   // adjacency entries (live or dead) in a node's chain
  // Marker slots: kPersistentSlots kept for long-chained bases, one rebuilt per merge for the others.
  // Slot k's entry for node n is marker_edge_[k * nodes_ + n], valid where its epoch is the slot's.
  static constexpr std::size_t kPersistentSlots = 4;
  static constexpr std::size_t kTempSlot = kPersistentSlots;
  static constexpr std::size_t kSlots = kPersistentSlots + 1;
  static constexpr std::int32_t kPersistentChain = 64;
  TVec<std::int8_t> slot_of_;  // persistent slot of a node, -1 = none
  TVec<std::int32_t> marker_edge_;
  TVec<std::int32_t> marker_epoch_;
  std::int32_t slot_node_[kSlots] = {-1, -1, -1, -1, -1};
  std::int32_t slot_epoch_[kSlots] = {};
  std::uint64_t slot_used_[kSlots] = {};
  std::uint64_t tick_ = 0;
  EdgeQueue queue_;
  MergeClock clock_;
  RegionFolds folds_;
};

}  // namespace

void MergeFused(RegionGraph& graph, MemoryTracker& mem, MergeResult* result) {
  FlatMerger merger(graph, mem);
  // The merger has its own copy of the edges: release the graph's (the sizes stay for centering).
  TVec<std::int32_t>(graph.alpha.get_allocator()).swap(graph.alpha);
  TVec<std::int32_t>(graph.beta.get_allocator()).swap(graph.beta);
  TVec<std::int32_t>(graph.weight.get_allocator()).swap(graph.weight);
  TVec<float>(graph.sum_diff.get_allocator()).swap(graph.sum_diff);
  result->merges = merger.Run(result->unwrap);
}

}  // namespace unfold
