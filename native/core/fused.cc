// The fused front end: see fused.h.
#include "fused.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "classify.h"
#include "errors.h"
#include "fused_pass.h"

namespace unfold {

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Provisional labels -> scipy numbering: slices in order, components by their first gate in raster
// order, which is the order of their roots (a root is the first label created for its component).
std::int32_t NumberRegions(FusedScratch& s, int nslices, TVec<std::int32_t>& final_label, MemoryTracker& mem) {
  const std::size_t labels = s.parent.size();
  final_label.assign(labels, 0);
  auto per_slice = MakeVec<std::int32_t>(mem, static_cast<std::size_t>(nslices > 0 ? nslices : 1) + 1, 0);
  for (std::size_t p = 1; p < labels; ++p) {
    if (FusedRoot(s.parent, static_cast<std::int32_t>(p)) == static_cast<std::int32_t>(p)) {
      final_label[p] = ++per_slice[static_cast<std::size_t>(s.slice[p])];
    }
  }
  std::int64_t total = 0;
  for (auto& c : per_slice) {
    const std::int32_t count = c;
    c = static_cast<std::int32_t>(total);  // now the slice's label offset
    total += count;
  }
  for (std::size_t p = 1; p < labels; ++p) {
    const auto root = static_cast<std::size_t>(FusedRoot(s.parent, static_cast<std::int32_t>(p)));
    final_label[p] = root == p ? final_label[p] + per_slice[static_cast<std::size_t>(s.slice[p])] : final_label[root];
  }
  return static_cast<std::int32_t>(total);
}

// Contacts between provisional pairs -> one edge per pair of final labels, in Py-ART's order
// (ascending smaller label, then larger): a counting sort on the smaller label scatters each contact's
// payload once, then every bucket is sorted by the larger label and summed sequentially. Releases the
// scratch's contact lists once they are read.
void BuildEdges(FusedScratch& s, const TVec<std::int32_t>& final_label, double nyquist, RegionGraph& graph,
                MemoryTracker& mem) {
  struct Contact {
    std::int32_t hi;
    std::int32_t weight;
    double jump;  // m/s, larger label minus smaller
  };
  const std::size_t n = s.contact_pair.size();
  auto start = MakeVec<std::int32_t>(mem, static_cast<std::size_t>(graph.regions) + 2, 0);
  // Each contact's provisional pair is rewritten in place as its final (lo << 32 | hi) pair, 0 for a
  // bridged gap inside one region (no edge), and its jump oriented hi minus lo: the scatter then needs
  // no label lookups and no per-contact array of its own.
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t fa = final_label[static_cast<std::size_t>(s.contact_pair[i] >> 32)];
    const std::int32_t fb = final_label[static_cast<std::size_t>(s.contact_pair[i] & 0xFFFFFFFFu)];
    if (fa == fb) {
      s.contact_pair[i] = 0;
      continue;
    }
    const std::int32_t lo = fa < fb ? fa : fb;
    const std::int32_t hi = fa < fb ? fb : fa;
    s.contact_pair[i] =
        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(lo)) << 32) | static_cast<std::uint32_t>(hi);
    if (fa == lo) s.contact_diff[i] = -s.contact_diff[i];  // was (a's gate) minus (b's gate)
    ++start[static_cast<std::size_t>(lo) + 1];
  }
  for (std::size_t k = 1; k < start.size(); ++k)
    start[k] += start[k - 1];
  auto sorted = MakeVec<Contact>(mem, static_cast<std::size_t>(start.back()));
  {
    auto fill = start;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t pair = s.contact_pair[i];
      if (pair == 0) continue;
      const auto lo = static_cast<std::size_t>(pair >> 32);
      sorted[static_cast<std::size_t>(fill[lo]++)] =
          Contact{static_cast<std::int32_t>(pair & 0xFFFFFFFFu), s.contact_weight[i], s.contact_diff[i]};
    }
  }
  // The contact lists are spent: released before the records are allocated (lower peak).
  TVec<std::uint64_t>(s.contact_pair.get_allocator()).swap(s.contact_pair);
  TVec<std::int32_t>(s.contact_weight.get_allocator()).swap(s.contact_weight);
  TVec<double>(s.contact_diff.get_allocator()).swap(s.contact_diff);
  // Sort every bucket and count the distinct pairs first, so that the records are allocated once at
  // their exact size (growing them by doubling copied them ~twice and faulted in twice the pages).
  std::size_t edges = 0;
  for (std::size_t l = 1; l + 1 < start.size(); ++l) {
    Contact* first = sorted.data() + start[l];
    Contact* last = sorted.data() + start[l + 1];
    std::sort(first, last, [](const Contact& a, const Contact& b) { return a.hi < b.hi; });
    for (Contact* it = first; it != last; ++it)
      edges += it + 1 == last || it[1].hi != it->hi ? std::size_t{1} : std::size_t{0};
  }
  graph.records.reserve(edges);
  const double interval = 2.0 * nyquist;
  for (std::size_t l = 1; l + 1 < start.size(); ++l) {
    Contact* first = sorted.data() + start[l];
    Contact* last = sorted.data() + start[l + 1];
    for (Contact* it = first; it != last;) {
      const std::int32_t h = it->hi;
      std::int32_t weight = 0;
      double jump = 0.0;
      for (; it != last && it->hi == h; ++it) {
        weight += it->weight;
        jump += it->jump;
      }
      graph.records.push_back(EdgeRecord{h, static_cast<std::int32_t>(l), weight, static_cast<float>(jump / interval)});
    }
  }
}

}  // namespace

void FusedFrontEnd(const SweepInput& in, const DealiasParams& params, SweepOutput& out, RegionGraph& graph,
                   FusedResult* result, MemoryTracker& mem, StageTimings* timings) {
  auto t = Clock::now();
  FusedScratch scratch(mem);
  // Optimistic first pass with the unwidened limits; it stops at the first out-of-range velocity.
  const bool explicit_limits = !params.interval_limits.empty();
  IntervalLimits limits = ComputeIntervalLimits(params, in.nyquist, ValidSummary{});
  if (!FusedPass(in, params, limits, !explicit_limits, true, out, scratch)) {
    limits = ComputeIntervalLimits(params, in.nyquist, ValidSummary{scratch.valid, scratch.min, scratch.max});
    CheckSliceCount(limits, in.nyquist);
    FusedPass(in, params, limits, false, false, out, scratch);  // the outputs are written: labels only
  }
  result->summary = ValidSummary{scratch.valid, scratch.min, scratch.max};
  result->limits = ComputeIntervalLimits(params, in.nyquist, result->summary);  // same bounds, with the flag
  const int nslices = static_cast<int>(result->limits.bounds.size()) - 1;
  graph.regions = NumberRegions(scratch, nslices, result->label_map, mem);
  graph.sizes.assign(static_cast<std::size_t>(graph.regions) + 1, 0);
  for (std::size_t p = 1; p < scratch.count.size(); ++p) {
    graph.sizes[static_cast<std::size_t>(result->label_map[p])] += scratch.count[p];
  }
  result->row_begin.swap(scratch.row_begin);
  result->row_end.swap(scratch.row_end);
  timings->label_ms = MsSince(t);
  t = Clock::now();
  if (graph.regions >= 2) BuildEdges(scratch, result->label_map, in.nyquist, graph, mem);
  timings->edges_ms = MsSince(t);
}

}  // namespace unfold
