// The fused variant's merge: the heap variant's algorithm on flat, cache-friendly structures. A merge
// touches few cache lines, which is what its speed comes down to (DOW8 201733: 88k merges).
// - Edges are 16-byte records (ends, weight, velocity-jump sum); per-node state (size, adjacency
//   chain, fold union-find, merge stamp) is one 32-byte record; the marker slot of each node is a byte
//   array of its own, small enough to stay in L2 (it is read for every neighbour of every merge).
// - Adjacency is a CSR array of edge numbers in chained segments: a merge splices the merged node's
//   chain onto the base's in O(1); dead edges are skipped lazily and chains compacted when rescanned.
// - "Does the base already have an edge to this neighbour?" is answered by a per-neighbour marker array
//   of the base. Real sweeps have hubs (big regions that absorb the small ones, bases of most merges),
//   so markers are kept for the few bases with the longest chains (least recently used one evicted)
//   and updated on every edge change; any other base gets a throw-away marker from its short chain.
// - EdgeQueue returns exactly the edge Py-ART's linear scan picks (heaviest, lowest number); the
//   orientation rule of edge_orientation.h decides alpha/beta from the merge stamps.
#include "edge_queue.h"
#include "fused.h"
#include "merge.h"

namespace unfold {

namespace {

struct FlatEdge {
  std::int32_t u;
  std::int32_t v;
  std::int32_t weight;  // contacts; 0 = dead
  float sum;            // velocity jump in Nyquist intervals, oriented u minus v
};

struct Segment {
  std::int32_t begin;  // adjacency_[begin, end)
  std::int32_t end;
  std::int32_t next;  // next segment of the chain, -1 = last
};

struct Node {
  std::int64_t fold_offset;  // Nyquist intervals, relative to fold_parent (union-find with offsets)
  std::int32_t fold_parent;
  std::int32_t size;  // gates
  std::int32_t chain_head;
  std::int32_t chain_tail;
  std::int32_t chain_len;  // adjacency entries in the chain, live or dead
  std::int32_t stamp;      // number of the last merge this node was the base of (0 = never)
};

struct Marker {
  std::int32_t edge;
  std::int32_t epoch;  // valid while equal to its slot's epoch
};

class FlatMerger {
 public:
  FlatMerger(const RegionGraph& g, MemoryTracker& mem)
      : nodes_(static_cast<std::size_t>(g.regions) + 1),
        edges_(MakeVec<FlatEdge>(mem, g.weight.size())),
        node_(MakeVec<Node>(mem, nodes_)),
        slot_of_(MakeVec<std::int8_t>(mem, nodes_, -1)),
        adjacency_(MakeVec<std::int32_t>(mem, 2 * g.weight.size())),
        segments_(MakeVec<Segment>(mem, nodes_)),
        markers_(MakeVec<Marker>(mem, nodes_ * kSlots, Marker{-1, 0})),
        queue_(g.weight.data(), g.weight.size(), mem) {
    TVec<std::int32_t> degree = MakeVec<std::int32_t>(mem, nodes_ + 1, 0);
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      edges_[e] = FlatEdge{g.alpha[e], g.beta[e], g.weight[e], g.sum_diff[e]};
      ++degree[static_cast<std::size_t>(g.alpha[e]) + 1];
      ++degree[static_cast<std::size_t>(g.beta[e]) + 1];
    }
    for (std::size_t k = 1; k <= nodes_; ++k)
      degree[k] += degree[k - 1];  // now CSR offsets
    for (std::size_t k = 0; k < nodes_; ++k) {
      segments_[k] = Segment{degree[k], degree[k], -1};
      const auto id = static_cast<std::int32_t>(k);
      node_[k] = Node{0, id, g.sizes[k], id, id, degree[k + 1] - degree[k], 0};
    }
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      adjacency_[static_cast<std::size_t>(segments_[static_cast<std::size_t>(edges_[e].u)].end++)] =
          static_cast<std::int32_t>(e);
      adjacency_[static_cast<std::size_t>(segments_[static_cast<std::size_t>(edges_[e].v)].end++)] =
          static_cast<std::int32_t>(e);
    }
  }

  std::int64_t Run(TVec<std::int64_t>& unwrap) {
    std::int64_t merges = 0;
    std::int32_t weight = 0;
    std::int32_t edge = 0;
    while (queue_.Pop(&weight, &edge)) {
      if (edges_[static_cast<std::size_t>(edge)].weight != weight) continue;  // stale entry
      MergeAlong(static_cast<std::size_t>(edge), static_cast<std::int32_t>(++merges));
    }
    unwrap.assign(nodes_, 0);
    for (std::size_t r = 0; r < nodes_; ++r)
      unwrap[r] = FoldOf(static_cast<std::int32_t>(r));
    return merges;
  }

 private:
  static constexpr std::size_t kPersistentSlots = 4;
  static constexpr std::size_t kTempSlot = kPersistentSlots;
  static constexpr std::size_t kSlots = kPersistentSlots + 1;
  static constexpr std::int32_t kPersistentChain = 64;

  Node& N(std::int32_t id) { return node_[static_cast<std::size_t>(id)]; }
  static float Oriented(const FlatEdge& e, std::int32_t from) { return e.u == from ? e.sum : -e.sum; }
  static void SetOriented(FlatEdge& e, std::int32_t from, float value) { e.sum = e.u == from ? value : -value; }

  // Total fold of a region: offsets along its union-find path, compressed as it goes (iterative: merge
  // chains can be as long as the number of regions).
  std::int64_t FoldOf(std::int32_t r) {
    std::int64_t below_root = 0;
    std::int32_t x = r;
    while (N(x).fold_parent != x) {
      below_root += N(x).fold_offset;
      x = N(x).fold_parent;
    }
    const std::int32_t root = x;
    std::int64_t remaining = below_root;
    for (x = r; N(x).fold_parent != x;) {
      Node& n = N(x);
      const std::int32_t next = n.fold_parent;
      const std::int64_t own = n.fold_offset;
      n.fold_offset = remaining;
      n.fold_parent = root;
      remaining -= own;
      x = next;
    }
    return below_root + N(root).fold_offset;
  }

  template <class F>
  void ForEachLiveEdge(std::int32_t node, const F& visit) {
    for (std::int32_t s = N(node).chain_head; s >= 0; s = segments_[static_cast<std::size_t>(s)].next) {
      const Segment seg = segments_[static_cast<std::size_t>(s)];
      for (std::int32_t k = seg.begin; k < seg.end; ++k) {
        const auto e = static_cast<std::size_t>(adjacency_[static_cast<std::size_t>(k)]);
        if (edges_[e].weight > 0) visit(e);
      }
    }
  }

  void SetMarker(std::size_t slot, std::int32_t neighbour, std::int32_t edge) {
    markers_[slot * nodes_ + static_cast<std::size_t>(neighbour)] = Marker{edge, slot_epoch_[slot]};
  }

  // Gives `node` a marker slot (a persistent one when its chain is long) filled from its live edges;
  // returns the slot.
  std::size_t AttachMarker(std::int32_t node) {
    Node& n = N(node);
    std::int8_t& own = slot_of_[static_cast<std::size_t>(node)];
    if (own >= 0) {
      slot_used_[static_cast<std::size_t>(own)] = ++tick_;
      return static_cast<std::size_t>(own);
    }
    std::size_t slot = kTempSlot;
    if (n.chain_len >= kPersistentChain) {
      slot = 0;
      for (std::size_t k = 1; k < kPersistentSlots; ++k) {
        if (slot_used_[k] < slot_used_[slot]) slot = k;
      }
      if (slot_node_[slot] >= 0) slot_of_[static_cast<std::size_t>(slot_node_[slot])] = -1;  // evict
      own = static_cast<std::int8_t>(slot);
    }
    slot_node_[slot] = node;
    slot_used_[slot] = ++tick_;
    ++slot_epoch_[slot];
    std::int32_t live = 0;
    ForEachLiveEdge(node, [this, node, slot, &live](std::size_t e) {
      SetMarker(slot, edges_[e].u == node ? edges_[e].v : edges_[e].u, static_cast<std::int32_t>(e));
      ++live;
    });
    if (n.chain_len > live) Compact(node, live);  // bases are rescanned often: drop the dead entries
    return slot;
  }

  // Rewrites a node's chain as one new segment of its `live` live edges.
  void Compact(std::int32_t node, std::int32_t live) {
    const std::size_t begin = adjacency_.size();
    adjacency_.resize(begin + static_cast<std::size_t>(live));
    std::int32_t* out = adjacency_.data() + begin;
    ForEachLiveEdge(node, [&out](std::size_t e) { *out++ = static_cast<std::int32_t>(e); });
    const auto s = static_cast<std::int32_t>(segments_.size());
    segments_.push_back(Segment{static_cast<std::int32_t>(begin), static_cast<std::int32_t>(adjacency_.size()), -1});
    Node& n = N(node);
    n.chain_head = n.chain_tail = s;
    n.chain_len = live;
  }

  // The live edge between the base (whose marker is in `slot`) and `neighbour` if any; otherwise
  // records `edge` as theirs in every marker that tracks either end.
  std::int32_t EdgeOrAttach(std::size_t slot, std::int32_t base, std::int32_t neighbour, std::int32_t edge) {
    const Marker m = markers_[slot * nodes_ + static_cast<std::size_t>(neighbour)];
    if (m.epoch == slot_epoch_[slot] && m.edge >= 0 && edges_[static_cast<std::size_t>(m.edge)].weight > 0) {
      return m.edge;
    }
    SetMarker(slot, neighbour, edge);
    const std::int8_t other_slot = slot_of_[static_cast<std::size_t>(neighbour)];
    if (other_slot >= 0) SetMarker(static_cast<std::size_t>(other_slot), base, edge);
    return edge;
  }

  void MergeAlong(std::size_t e, std::int32_t stamp) {
    FlatEdge& along = edges_[e];
    const Node& nu = N(along.u);
    const Node& nv = N(along.v);
    // Alpha: the end most recently a base; never-based ends keep the original (larger label) alpha, u.
    const std::int32_t alpha = nu.stamp >= nv.stamp ? along.u : along.v;
    const std::int32_t beta = alpha == along.u ? along.v : along.u;
    std::int64_t shift = RoundedOffset(Oriented(along, alpha), along.weight);
    std::int32_t base = beta;
    std::int32_t merge = alpha;
    if (N(alpha).size > N(beta).size) {
      base = alpha;
      merge = beta;
    } else {
      shift = -shift;
    }
    Node& m = N(merge);
    if (shift != 0) m.fold_offset += shift;
    along.weight = 0;  // dead
    std::int8_t& merge_slot = slot_of_[static_cast<std::size_t>(merge)];
    if (merge_slot >= 0) {  // the merged node's marker is of no more use
      slot_node_[static_cast<std::size_t>(merge_slot)] = -1;
      slot_used_[static_cast<std::size_t>(merge_slot)] = 0;
      merge_slot = -1;
    }
    const std::size_t base_slot = AttachMarker(base);
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
    Node& b = N(base);
    segments_[static_cast<std::size_t>(b.chain_tail)].next = m.chain_head;
    b.chain_tail = m.chain_tail;
    b.chain_len += m.chain_len;
    b.size += m.size;
    b.stamp = stamp;
    m.fold_parent = base;  // union-find: the merged node's regions now follow the base
    m.fold_offset -= b.fold_offset;
  }

  std::size_t nodes_;
  TVec<FlatEdge> edges_;
  TVec<Node> node_;
  TVec<std::int8_t> slot_of_;  // persistent marker slot of each node, -1 = none
  TVec<std::int32_t> adjacency_;
  TVec<Segment> segments_;  // segment k < nodes_ is node k's own CSR range; compactions append more
  TVec<Marker> markers_;    // slot k's entry for node n at [k * nodes_ + n]
  std::int32_t slot_node_[kSlots] = {-1, -1, -1, -1, -1};
  std::int32_t slot_epoch_[kSlots] = {};
  std::uint64_t slot_used_[kSlots] = {};
  std::uint64_t tick_ = 0;
  EdgeQueue queue_;
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
