// The label/edge front ends: the reference labelling against an independent breadth-first flood fill
// (scipy's numbering: slice by slice, components by first gate in raster order), and the fused single
// pass against the reference stages (same labels, sizes and bit-identical edges) on random sweeps and
// on every reference sweep.
#include <cmath>
#include <deque>
#include <vector>

#include "../core/classify.h"
#include "../core/edges.h"
#include "../core/fused.h"
#include "../core/labelling.h"
#include "check.h"
#include "npy.h"
#include "random_sweep.h"

using namespace unfold;

namespace {

std::vector<std::int32_t> FloodFillLabels(const std::vector<std::int8_t>& slice, std::size_t rays, std::size_t gates,
                                          int nslices) {
  std::vector<std::int32_t> labels(slice.size(), 0);
  std::int32_t next = 0;
  for (int s = 0; s < nslices; ++s) {
    for (std::size_t start = 0; start < slice.size(); ++start) {
      if (slice[start] != s || labels[start] != 0) continue;
      labels[start] = ++next;
      std::deque<std::size_t> todo{start};
      while (!todo.empty()) {
        const std::size_t i = todo.front();
        todo.pop_front();
        const std::size_t r = i / gates;
        const std::size_t g = i % gates;
        const std::size_t neighbours[4] = {r > 0 ? i - gates : SIZE_MAX, r + 1 < rays ? i + gates : SIZE_MAX,
                                           g > 0 ? i - 1 : SIZE_MAX, g + 1 < gates ? i + 1 : SIZE_MAX};
        for (std::size_t n : neighbours) {
          if (n != SIZE_MAX && slice[n] == s && labels[n] == 0) {
            labels[n] = next;
            todo.push_back(n);
          }
        }
      }
    }
  }
  return labels;
}

struct FrontEnds {
  RegionGraph reference;
  RegionGraph fused;
  std::vector<std::int32_t> reference_labels;
  std::vector<std::int32_t> fused_labels;
  std::vector<std::int8_t> slice;
  int nslices = 0;

  FrontEnds(const SweepInput& in, const DealiasParams& p, MemoryTracker& mem) : reference(mem), fused(mem) {
    const std::size_t n = in.rays * in.gates;
    std::vector<float> corrected(n);
    std::vector<std::int8_t> folds(n);
    reference_labels.resize(n);
    fused_labels.resize(n);
    const IntervalLimits limits = ComputeIntervalLimits(p, in.nyquist, ScanValidGates(in));
    nslices = static_cast<int>(limits.bounds.size()) - 1;
    slice.resize(n);
    ClassifyGates(in, limits, p.include_upper_bound, slice.data());
    reference.regions = LabelSlicesReference(slice.data(), in.rays, in.gates, nslices, reference_labels.data(), mem);
    reference.sizes = RegionSizes(reference_labels.data(), n, reference.regions, mem);
    if (reference.regions >= 2) CollectEdgesReference(in, reference_labels.data(), p, reference, mem);
    SweepOutput out{corrected.data(), folds.data(), fused_labels.data()};
    FusedResult result(mem);
    StageTimings timings;
    FusedFrontEnd(in, p, out, fused, &result, mem, &timings);
    for (auto& l : fused_labels)  // provisional labels; kUnlabelledGate (< 0) marks a valid gate in no slice
      l = l > 0 ? result.label_map[static_cast<std::size_t>(l)] : 0;
  }
};

void CheckSameGraphs(const FrontEnds& f) {
  CHECK(f.reference_labels == f.fused_labels);
  CHECK_EQ(f.reference.regions, f.fused.regions);
  CHECK(f.reference.sizes == f.fused.sizes);
  const std::size_t edges = f.reference.regions >= 2 ? f.reference.edge_count() : 0;
  const std::size_t fused_edges = f.fused.regions >= 2 ? f.fused.records.size() : 0;
  CHECK_EQ(edges, fused_edges);
  if (edges != fused_edges) return;
  for (std::size_t e = 0; e < edges; ++e) {
    const EdgeRecord& r = f.fused.records[e];
    CHECK(f.reference.alpha[e] == r.alpha && f.reference.beta[e] == r.beta);
    CHECK_EQ(f.reference.weight[e], r.weight);
    CHECK(f.reference.sum_diff[e] == r.sum_diff);  // bit-identical float32
  }
}

}  // namespace

TEST(reference_labelling_matches_flood_fill) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    const auto c = unfold_test::MakeRandomCase(seed, 40, true);
    if (c.nyquist < 0.1) continue;  // tiny Nyquists need too many slices for this test's purpose
    MemoryTracker mem;
    const SweepInput in = c.Input();
    const IntervalLimits limits = ComputeIntervalLimits(c.params, in.nyquist, ScanValidGates(in));
    const int nslices = static_cast<int>(limits.bounds.size()) - 1;
    if (nslices > kMaxSlices) continue;
    std::vector<std::int8_t> slice(c.velocity.size());
    ClassifyGates(in, limits, c.params.include_upper_bound, slice.data());
    std::vector<std::int32_t> labels(c.velocity.size());
    const std::int32_t regions = LabelSlicesReference(slice.data(), c.rays, c.gates, nslices, labels.data(), mem);
    const auto expected = FloodFillLabels(slice, c.rays, c.gates, nslices);
    CHECK(labels == expected);
    std::int32_t max_label = 0;
    for (std::int32_t l : expected)
      max_label = l > max_label ? l : max_label;
    CHECK_EQ(regions, max_label);
  }
}

TEST(fused_front_end_equals_reference_on_random_sweeps) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const auto c = unfold_test::MakeRandomCase(seed, 48, true);
    if (c.rays * c.gates == 0 || c.nyquist < 0.1) continue;
    MemoryTracker mem;
    FrontEnds f(c.Input(), c.params, mem);
    CheckSameGraphs(f);
  }
}

TEST(fused_front_end_equals_reference_on_reference_sweeps) {
  for (const auto& s : unfold_test::LoadReferenceSweeps()) {
    SweepInput in;
    in.velocity = s.velocity.data();
    in.rays = s.rays;
    in.gates = s.gates;
    in.nyquist = s.nyquist;
    DealiasParams p;
    p.rays_wrap_around = s.wrap;
    MemoryTracker mem;
    FrontEnds f(in, p, mem);
    CheckSameGraphs(f);
  }
}
