// The fused variant's merge: the heap variant's algorithm on flat, cache-friendly structures. What a
// merge costs comes down to how many edge records it touches (DOW8 201733: 88k merges).
// - Edges are the front end's 16-byte records, taken over without a copy (ends, weight, velocity-jump
//   sum; weight 0 = dead). Per-node state is one 24-byte record; fold offsets live apart (touched once
//   per merge).
// - Adjacency is a CSR array of edge numbers in chained segments: a merge splices the merged node's
//   chain onto the base's in O(1); dead edges are skipped lazily and a chain is compacted in place
//   whenever it is scanned whole.
// - "Does the base already have an edge to this neighbour?": real sweeps have hubs (big regions that
//   absorb the small ones and are the base of most merges). A node whose chain has grown long gets a
//   neighbour -> edge hash table of its own the first time it is a base, kept up to date from then on
//   (also when one of its neighbours is merged elsewhere) and dropped when it is merged itself. Any
//   other base is small: its live neighbours are gathered from its short chain into a stack array.
// - EdgeQueue returns exactly the edge Py-ART's linear scan picks (heaviest, lowest number); the
//   orientation rule of edge_orientation.h decides alpha/beta from the merge stamps.
#include <utility>

#include "edge_queue.h"
#include "fused.h"
#include "merge.h"

namespace unfold {

namespace {

struct Segment {
  std::int32_t begin;  // adjacency_[begin, end)
  std::int32_t end;
  std::int32_t next;  // next segment of the chain, -1 = last
};

struct Node {
  std::int32_t size;   // gates
  std::int32_t stamp;  // number of the last merge this node was the base of (0 = never)
  std::int32_t chain_head;
  std::int32_t chain_tail;
  std::int32_t chain_len;  // adjacency entries in the chain, live or dead
  std::int32_t table;      // index of its neighbour table in tables_, -1 = none
};

// Open addressing, linear probing; key -1 = empty slot. An entry is trusted only after checking that
// its edge is alive and still joins the two nodes (entries go stale, they are never deleted).
struct NeighbourTable {
  explicit NeighbourTable(MemoryTracker& mem) : slots(MakeVec<std::pair<std::int32_t, std::int32_t>>(mem)) {}
  TVec<std::pair<std::int32_t, std::int32_t>> slots;  // (neighbour, edge)
  std::int32_t used = 0;
};

class FlatMerger {
 public:
  FlatMerger(RegionGraph& g, MemoryTracker& mem)
      : mem_(mem),
        nodes_(static_cast<std::size_t>(g.regions) + 1),
        edges_(MakeVec<EdgeRecord>(mem)),
        node_(MakeVec<Node>(mem, nodes_)),
        fold_parent_(MakeVec<std::int32_t>(mem, nodes_)),
        fold_offset_(MakeVec<std::int64_t>(mem, nodes_, 0)),
        adjacency_(MakeVec<std::int32_t>(mem, 2 * g.records.size())),
        segments_(MakeVec<Segment>(mem, nodes_)),
        tables_(TrackedAllocator<NeighbourTable>(&mem)),
        free_tables_(MakeVec<std::int32_t>(mem)),
        queue_([&g](std::size_t e) { return g.records[e].weight; }, g.records.size(), mem) {
    edges_.swap(g.records);
    // CSR offsets from the degrees, counted in the segment ends.
    for (std::size_t k = 0; k < nodes_; ++k)
      segments_[k] = Segment{0, 0, -1};
    for (const EdgeRecord& e : edges_) {
      ++segments_[static_cast<std::size_t>(e.alpha)].end;
      ++segments_[static_cast<std::size_t>(e.beta)].end;
    }
    std::int32_t offset = 0;
    for (std::size_t k = 0; k < nodes_; ++k) {
      const std::int32_t degree = segments_[k].end;
      segments_[k] = Segment{offset, offset, -1};
      const auto id = static_cast<std::int32_t>(k);
      node_[k] = Node{g.sizes[k], 0, id, id, degree, -1};
      fold_parent_[k] = id;
      offset += degree;
    }
    for (std::size_t e = 0; e < edges_.size(); ++e) {
      adjacency_[static_cast<std::size_t>(segments_[static_cast<std::size_t>(edges_[e].alpha)].end++)] =
          static_cast<std::int32_t>(e);
      adjacency_[static_cast<std::size_t>(segments_[static_cast<std::size_t>(edges_[e].beta)].end++)] =
          static_cast<std::int32_t>(e);
    }
  }

  std::int64_t Run(TVec<std::int64_t>& unwrap) {
    std::int64_t merges = 0;
    std::int32_t edge = 0;
    const auto weight_of = [this](std::int32_t e) { return edges_[static_cast<std::size_t>(e)].weight; };
    while (queue_.Pop(weight_of, &edge))
      MergeAlong(static_cast<std::size_t>(edge), static_cast<std::int32_t>(++merges));
    unwrap.assign(nodes_, 0);
    for (std::size_t r = 0; r < nodes_; ++r)
      unwrap[r] = FoldOf(static_cast<std::int32_t>(r));
    return merges;
  }

 private:
  // A base whose chain is at least this long gets a neighbour table; shorter ones are gathered.
  static constexpr std::int32_t kTableChain = 24;
  static constexpr std::int32_t kNone = -1;

  struct Near {
    std::int32_t neighbour;
    std::int32_t edge;
  };

  Node& N(std::int32_t id) { return node_[static_cast<std::size_t>(id)]; }
  EdgeRecord& E(std::int32_t e) { return edges_[static_cast<std::size_t>(e)]; }
  // Ends are (alpha, beta) as first numbered; the sum is oriented alpha minus beta.
  static float Oriented(const EdgeRecord& e, std::int32_t from) { return e.alpha == from ? e.sum_diff : -e.sum_diff; }
  static void SetOriented(EdgeRecord& e, std::int32_t from, float value) {
    e.sum_diff = e.alpha == from ? value : -value;
  }
  static std::int32_t Other(const EdgeRecord& e, std::int32_t end) { return e.alpha == end ? e.beta : e.alpha; }
  bool Joins(std::int32_t e, std::int32_t a, std::int32_t b) {
    const EdgeRecord& r = E(e);
    return r.weight > 0 && ((r.alpha == a && r.beta == b) || (r.alpha == b && r.beta == a));
  }

  // Total fold of a region: offsets along its union-find path, compressed as it goes (iterative: merge
  // chains can be as long as the number of regions).
  std::int64_t FoldOf(std::int32_t r) {
    std::int64_t below_root = 0;
    std::int32_t x = r;
    while (fold_parent_[static_cast<std::size_t>(x)] != x) {
      below_root += fold_offset_[static_cast<std::size_t>(x)];
      x = fold_parent_[static_cast<std::size_t>(x)];
    }
    const std::int32_t root = x;
    std::int64_t remaining = below_root;
    for (x = r; fold_parent_[static_cast<std::size_t>(x)] != x;) {
      const auto i = static_cast<std::size_t>(x);
      const std::int32_t next = fold_parent_[i];
      const std::int64_t own = fold_offset_[i];
      fold_offset_[i] = remaining;
      fold_parent_[i] = root;
      remaining -= own;
      x = next;
    }
    return below_root + fold_offset_[static_cast<std::size_t>(root)];
  }

  // Calls visit(e) for every live edge of `node`, rewriting its chain in place without the dead entries
  // (live entries move only towards the front: reads stay ahead of writes through the segments).
  template <class F>
  void ScanCompacting(std::int32_t node, const F& visit) {
    Node& n = N(node);
    std::int32_t write_seg = n.chain_head;
    std::int32_t write = segments_[static_cast<std::size_t>(write_seg)].begin;
    std::int32_t live = 0;
    for (std::int32_t s = n.chain_head; s >= 0; s = segments_[static_cast<std::size_t>(s)].next) {
      const Segment seg = segments_[static_cast<std::size_t>(s)];
      for (std::int32_t k = seg.begin; k < seg.end; ++k) {
        const std::int32_t e = adjacency_[static_cast<std::size_t>(k)];
        if (E(e).weight <= 0) continue;
        visit(e);
        while (write == segments_[static_cast<std::size_t>(write_seg)].end) {  // current write segment full
          write_seg = segments_[static_cast<std::size_t>(write_seg)].next;
          write = segments_[static_cast<std::size_t>(write_seg)].begin;
        }
        adjacency_[static_cast<std::size_t>(write++)] = e;
        ++live;
      }
    }
    Segment& last = segments_[static_cast<std::size_t>(write_seg)];
    last.end = write;
    last.next = -1;
    n.chain_tail = write_seg;
    n.chain_len = live;
  }

  // Calls visit(e) for every live edge of `node`, without rewriting the chain.
  template <class F>
  void ForEachLive(std::int32_t node, const F& visit) {
    for (std::int32_t s = N(node).chain_head; s >= 0; s = segments_[static_cast<std::size_t>(s)].next) {
      const Segment seg = segments_[static_cast<std::size_t>(s)];
      for (std::int32_t k = seg.begin; k < seg.end; ++k) {
        const std::int32_t e = adjacency_[static_cast<std::size_t>(k)];
        if (E(e).weight > 0) visit(e);
      }
    }
  }

  static std::size_t Hash(std::int32_t key) {
    return static_cast<std::size_t>((static_cast<std::uint32_t>(key) * 0x9E3779B1u) >> 8);
  }

  // The live edge between `node` (which has a table) and `neighbour`, or kNone.
  std::int32_t TableFind(std::int32_t node, std::int32_t neighbour) {
    const NeighbourTable& t = tables_[static_cast<std::size_t>(N(node).table)];
    const std::size_t mask = t.slots.size() - 1;
    for (std::size_t i = Hash(neighbour) & mask;; i = (i + 1) & mask) {
      const auto& slot = t.slots[i];
      if (slot.first == neighbour) return Joins(slot.second, node, neighbour) ? slot.second : kNone;
      if (slot.first == kNone) return kNone;
    }
  }

  // Records `edge` as the edge from `node` (which has a table) to `neighbour`.
  void TableSet(std::int32_t node, std::int32_t neighbour, std::int32_t edge) {
    NeighbourTable& t = tables_[static_cast<std::size_t>(N(node).table)];
    const std::size_t mask = t.slots.size() - 1;
    for (std::size_t i = Hash(neighbour) & mask;; i = (i + 1) & mask) {
      auto& slot = t.slots[i];
      if (slot.first == neighbour) {
        slot.second = edge;
        return;
      }
      if (slot.first == kNone) {
        slot = {neighbour, edge};
        if (++t.used * 2 > static_cast<std::int32_t>(t.slots.size())) Rehash(node);
        return;
      }
    }
  }

  // Builds the table of `node` from the live edges of its chain (compacted on the way), sized for four
  // times as many. Only at the start of a merge whose base it is (see Rehash).
  void BuildTable(std::int32_t node) {
    Node& n = N(node);
    if (n.table < 0) {
      if (free_tables_.empty()) {
        n.table = static_cast<std::int32_t>(tables_.size());
        tables_.emplace_back(mem_);
      } else {
        n.table = free_tables_.back();
        free_tables_.pop_back();
      }
    }
    std::int32_t live = 0;
    ForEachLive(node, [&live](std::int32_t) { ++live; });
    std::size_t capacity = 16;
    while (capacity < 4 * static_cast<std::size_t>(live))
      capacity *= 2;
    NeighbourTable& t = tables_[static_cast<std::size_t>(n.table)];
    t.slots.assign(capacity, {kNone, kNone});
    t.used = 0;
    ScanCompacting(node, [&](std::int32_t e) { Insert(t, Other(E(e), node), e); });
  }

  // Rehashes a table that has filled up, without its stale entries, sized for four times the live ones.
  // (From the table itself, which holds every live edge of the node: its chain may lack the edges
  // being moved to it by the merge in progress.)
  void Rehash(std::int32_t node) {
    NeighbourTable& t = tables_[static_cast<std::size_t>(N(node).table)];
    auto old = MakeVec<std::pair<std::int32_t, std::int32_t>>(mem_);
    old.swap(t.slots);
    std::size_t live = 0;
    for (const auto& slot : old)
      live += slot.first != kNone && Joins(slot.second, node, slot.first) ? std::size_t{1} : std::size_t{0};
    std::size_t capacity = 16;
    while (capacity < 4 * live)
      capacity *= 2;
    t.slots.assign(capacity, {kNone, kNone});
    t.used = 0;
    for (const auto& slot : old) {
      if (slot.first != kNone && Joins(slot.second, node, slot.first)) Insert(t, slot.first, slot.second);
    }
  }

  static void Insert(NeighbourTable& t, std::int32_t neighbour, std::int32_t edge) {
    const std::size_t mask = t.slots.size() - 1;
    std::size_t i = Hash(neighbour) & mask;
    while (t.slots[i].first != kNone)
      i = (i + 1) & mask;
    t.slots[i] = {neighbour, edge};
    ++t.used;
  }

  void DropTable(std::int32_t node) {
    Node& n = N(node);
    NeighbourTable& t = tables_[static_cast<std::size_t>(n.table)];
    TVec<std::pair<std::int32_t, std::int32_t>>(t.slots.get_allocator()).swap(t.slots);  // release
    free_tables_.push_back(n.table);
    n.table = -1;
  }

  void MergeAlong(std::size_t e, std::int32_t stamp) {
    EdgeRecord& along = edges_[e];
    // Alpha: the end most recently a base; never-based ends keep the original (larger label) alpha.
    const std::int32_t alpha = N(along.alpha).stamp >= N(along.beta).stamp ? along.alpha : along.beta;
    const std::int32_t beta = Other(along, alpha);
    std::int64_t shift = RoundedOffset(Oriented(along, alpha), along.weight);
    std::int32_t base = beta;
    std::int32_t merge = alpha;
    if (N(alpha).size > N(beta).size) {
      base = alpha;
      merge = beta;
    } else {
      shift = -shift;
    }
    if (shift != 0) fold_offset_[static_cast<std::size_t>(merge)] += shift;
    along.weight = 0;  // dead
    if (N(merge).table >= 0) DropTable(merge);
    // How the base's edges are found: its table, or its few live neighbours gathered here.
    Near near[kTableChain];
    std::int32_t near_count = 0;
    if (N(base).table < 0 && N(base).chain_len >= kTableChain) BuildTable(base);
    const bool tabled = N(base).table >= 0;
    if (!tabled) {
      ScanCompacting(base, [&](std::int32_t f) { near[near_count++] = Near{Other(E(f), base), f}; });
    }
    ForEachLive(merge, [&](std::int32_t f) {
      EdgeRecord& fe = E(f);
      if (shift != 0) SetOriented(fe, merge, ShiftedSum(Oriented(fe, merge), fe.weight, shift));
      const std::int32_t neighbour = Other(fe, merge);
      std::int32_t existing = kNone;
      if (tabled) {
        existing = TableFind(base, neighbour);
      } else {
        for (std::int32_t k = 0; k < near_count; ++k) {
          if (near[k].neighbour == neighbour) existing = near[k].edge;
        }
      }
      if (existing != kNone) {  // the base already touches this neighbour: combine
        EdgeRecord& be = E(existing);
        be.weight += fe.weight;
        SetOriented(be, base, Oriented(be, base) + Oriented(fe, merge));  // float32 + float32
        fe.weight = 0;
        queue_.Push(be.weight, existing);
        return;
      }
      if (fe.alpha == merge) {
        fe.alpha = base;
      } else {
        fe.beta = base;
      }
      if (tabled) TableSet(base, neighbour, f);
      if (N(neighbour).table >= 0) TableSet(neighbour, base, f);
    });
    Node& m = N(merge);
    Node& b = N(base);
    segments_[static_cast<std::size_t>(b.chain_tail)].next = m.chain_head;
    b.chain_tail = m.chain_tail;
    b.chain_len += m.chain_len;
    b.size += m.size;
    b.stamp = stamp;
    fold_parent_[static_cast<std::size_t>(merge)] = base;  // the merged node's regions now follow the base
    fold_offset_[static_cast<std::size_t>(merge)] -= fold_offset_[static_cast<std::size_t>(base)];
  }

  MemoryTracker& mem_;
  std::size_t nodes_;
  TVec<EdgeRecord> edges_;
  TVec<Node> node_;
  TVec<std::int32_t> fold_parent_;  // union-find with offsets: a region's fold is the sum to its root
  TVec<std::int64_t> fold_offset_;  // Nyquist intervals, relative to fold_parent
  TVec<std::int32_t> adjacency_;
  TVec<Segment> segments_;  // segment k is node k's own CSR range; chains link them
  std::vector<NeighbourTable, TrackedAllocator<NeighbourTable>> tables_;
  TVec<std::int32_t> free_tables_;
  EdgeQueue queue_;
};

}  // namespace

void MergeFused(RegionGraph& graph, MemoryTracker& mem, MergeResult* result) {
  FlatMerger merger(graph, mem);  // takes graph.records over; graph.sizes stays for centering
  result->merges = merger.Run(result->unwrap);
}

}  // namespace unfold
