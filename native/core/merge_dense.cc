// The dense variant: the 2015 design, with region x region matrices of contact weights, velocity-jump
// sums and edge numbers (12 bytes per region pair). Its memory grows with regions², so it computes
// the size first and refuses with a memory-budget error above the budget. Each row caches its heaviest
// edge, so a merge costs O(regions) row work instead of a scan of the whole matrix.
#include <string>

#include "edge_orientation.h"
#include "errors.h"
#include "merge.h"
#include "region_folds.h"

namespace unfold {

std::size_t DenseBytesNeeded(std::int64_t regions) {
  const auto n = static_cast<double>(regions + 1);
  const double bytes = n * n * 12.0 + n * 32.0;
  return bytes >= 1.8e19 ? SIZE_MAX : static_cast<std::size_t>(bytes);
}

namespace {

class DenseMerger {
 public:
  DenseMerger(const RegionGraph& g, MemoryTracker& mem)
      : n_(static_cast<std::size_t>(g.regions) + 1),
        weight_(MakeVec<std::int32_t>(mem, n_ * n_, 0)),
        sum_(MakeVec<float>(mem, n_ * n_, 0.0f)),
        id_(MakeVec<std::int32_t>(mem, n_ * n_, 0)),
        best_col_(MakeVec<std::int32_t>(mem, n_, -1)),
        size_(g.sizes.begin(), g.sizes.end(), TrackedAllocator<std::int32_t>(&mem)),
        clock_(g.regions, mem),
        folds_(g.regions, mem) {
    for (std::size_t e = 0; e < g.weight.size(); ++e) {
      const auto a = static_cast<std::size_t>(g.alpha[e]);
      const auto b = static_cast<std::size_t>(g.beta[e]);
      weight_[a * n_ + b] = weight_[b * n_ + a] = g.weight[e];
      sum_[a * n_ + b] = g.sum_diff[e];
      sum_[b * n_ + a] = -g.sum_diff[e];
      id_[a * n_ + b] = id_[b * n_ + a] = static_cast<std::int32_t>(e);
    }
    for (std::size_t r = 1; r < n_; ++r)
      RecomputeRow(r);
  }

  std::int64_t Run(TVec<std::int64_t>& unwrap) {
    std::int64_t merges = 0;
    for (;;) {
      std::size_t best_row = 0;
      for (std::size_t r = 1; r < n_; ++r) {
        if (best_col_[r] >= 0 && (best_row == 0 || Better(r, static_cast<std::size_t>(best_col_[r]), best_row,
                                                          static_cast<std::size_t>(best_col_[best_row])))) {
          best_row = r;
        }
      }
      if (best_row == 0) break;
      MergeAlong(static_cast<std::int32_t>(best_row), best_col_[best_row]);
      ++merges;
    }
    folds_.Resolve(unwrap);
    return merges;
  }

 private:
  std::size_t At(std::size_t r, std::size_t c) const { return r * n_ + c; }

  // Is entry (r1,c1) heavier than (r2,c2), ties to the lower edge number?
  bool Better(std::size_t r1, std::size_t c1, std::size_t r2, std::size_t c2) const {
    const std::int32_t w1 = weight_[At(r1, c1)];
    const std::int32_t w2 = weight_[At(r2, c2)];
    return w1 > w2 || (w1 == w2 && id_[At(r1, c1)] < id_[At(r2, c2)]);
  }

  void RecomputeRow(std::size_t r) {
    std::int32_t best = -1;
    for (std::size_t c = 1; c < n_; ++c) {
      if (weight_[At(r, c)] > 0 && (best < 0 || Better(r, c, r, static_cast<std::size_t>(best)))) {
        best = static_cast<std::int32_t>(c);
      }
    }
    best_col_[r] = best;
  }

  void MergeAlong(std::int32_t row, std::int32_t col) {
    const std::int32_t alpha = clock_.Alpha(row, col, row > col ? row : col);
    const std::int32_t beta = alpha == row ? col : row;
    const auto ai = static_cast<std::size_t>(alpha);
    const auto bi = static_cast<std::size_t>(beta);
    std::int64_t shift = RoundedOffset(sum_[At(ai, bi)], weight_[At(ai, bi)]);
    std::size_t base = bi;
    std::size_t merge = ai;
    if (size_[ai] > size_[bi]) {
      base = ai;
      merge = bi;
    } else {
      shift = -shift;
    }
    if (shift != 0) {
      folds_.Shift(static_cast<std::int32_t>(merge), shift);
      for (std::size_t c = 1; c < n_; ++c) {
        if (weight_[At(merge, c)] <= 0) continue;
        sum_[At(merge, c)] = ShiftedSum(sum_[At(merge, c)], weight_[At(merge, c)], shift);
        sum_[At(c, merge)] = -sum_[At(merge, c)];
      }
    }
    weight_[At(base, merge)] = weight_[At(merge, base)] = 0;
    for (std::size_t c = 1; c < n_; ++c) {
      const std::int32_t w = weight_[At(merge, c)];
      if (w <= 0) continue;
      if (weight_[At(base, c)] > 0) {
        weight_[At(base, c)] += w;
        sum_[At(base, c)] = sum_[At(base, c)] + sum_[At(merge, c)];  // float32 + float32
      } else {
        weight_[At(base, c)] = w;
        sum_[At(base, c)] = sum_[At(merge, c)];
        id_[At(base, c)] = id_[At(merge, c)];
      }
      weight_[At(c, base)] = weight_[At(base, c)];
      sum_[At(c, base)] = -sum_[At(base, c)];
      id_[At(c, base)] = id_[At(base, c)];
      weight_[At(merge, c)] = weight_[At(c, merge)] = 0;
      const std::int32_t best = best_col_[c];
      if (best == static_cast<std::int32_t>(merge) || best == static_cast<std::int32_t>(base)) {
        RecomputeRow(c);
      } else if (best < 0 || Better(c, base, c, static_cast<std::size_t>(best))) {
        best_col_[c] = static_cast<std::int32_t>(base);
      }
    }
    best_col_[merge] = -1;
    RecomputeRow(base);
    size_[base] += size_[merge];
    folds_.Merge(static_cast<std::int32_t>(base), static_cast<std::int32_t>(merge));
    clock_.MarkBase(static_cast<std::int32_t>(base));
  }

  std::size_t n_;
  TVec<std::int32_t> weight_;  // contacts between node pairs, symmetric, 0 = no edge
  TVec<float> sum_;            // row-minus-column velocity jump, antisymmetric
  TVec<std::int32_t> id_;      // Py-ART edge number of the pair's surviving edge
  TVec<std::int32_t> best_col_;
  TVec<std::int32_t> size_;
  MergeClock clock_;
  RegionFolds folds_;
};

}  // namespace

void MergeDense(const RegionGraph& graph, MemoryTracker& mem, MergeResult* result) {
  const std::size_t needed = DenseBytesNeeded(graph.regions);
  const std::size_t available = mem.budget_bytes() - mem.current_bytes();
  if (needed > available) {
    throw EngineError(ErrorCode::kMemoryBudget, "the dense variant needs " + std::to_string(needed) + " bytes for " +
                                                    std::to_string(graph.regions) +
                                                    " regions (regions² matrices), more than the " +
                                                    std::to_string(mem.budget_bytes()) +
                                                    "-byte memory budget allows; use the sparse, heap "
                                                    "or fused variant, or raise memoryBudgetBytes");
  }
  DenseMerger merger(graph, mem);
  result->merges = merger.Run(result->unwrap);
}

}  // namespace unfold
