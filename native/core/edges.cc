// Reference edge collection: see edges.h. Written to follow Py-ART's record order and arithmetic, not
// for speed (the fused variant has its own single-pass collector).
#include "edges.h"

#include <algorithm>
#include <numeric>

#include "errors.h"

namespace unfold {

double NumpySegmentSum(const double* values, std::size_t n) {
  if (n == 0) return 0.0;
  struct Pairwise {
    static double Sum(const double* a, std::size_t m) {
      if (m < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < m; ++i)
          res += a[i];
        return res;
      }
      if (m <= 128) {
        double r[8];
        for (int j = 0; j < 8; ++j)
          r[j] = a[j];
        std::size_t i = 8;
        for (; i < m - (m % 8); i += 8) {
          for (int j = 0; j < 8; ++j)
            r[j] += a[i + static_cast<std::size_t>(j)];
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < m; ++i)
          res += a[i];
        return res;
      }
      std::size_t m2 = m / 2;
      m2 -= m2 % 8;
      return Sum(a, m2) + Sum(a + m2, m - m2);
    }
  };
  return values[0] + Pairwise::Sum(values + 1, n - 1);
}

namespace {

struct Records {
  explicit Records(MemoryTracker& mem)
      : label(MakeVec<std::int32_t>(mem)),
        neighbor(MakeVec<std::int32_t>(mem)),
        vel(MakeVec<double>(mem)),
        nvel(MakeVec<double>(mem)) {}
  TVec<std::int32_t> label;
  TVec<std::int32_t> neighbor;
  TVec<double> vel;
  TVec<double> nvel;

  void Add(std::int32_t l, std::int32_t n, float v, float nv) {
    if (n == l || n == 0) return;
    label.push_back(l);
    neighbor.push_back(n);
    vel.push_back(static_cast<double>(v));
    nvel.push_back(static_cast<double>(nv));
  }
};

// Steps from `start` in direction `step` (+1/-1) over label-0 positions, up to max_gap extra steps;
// wraps across [0, len) when `wrap`. Returns the position of the neighbour or -1.
std::int64_t SearchNeighbor(const std::int32_t* labels, std::int64_t pos, std::int64_t len, std::int64_t stride,
                            int step, bool wrap, int max_gap) {
  std::int64_t check = pos + step;
  if (check == -1 || check == len) {
    if (!wrap) return -1;
    check = (check == -1) ? len - 1 : 0;
  }
  if (labels[check * stride] != 0) return check;
  for (int i = 0; i < max_gap; ++i) {
    check += step;
    if (check == -1 || check == len) {
      if (!wrap) return -1;
      check = (check == -1) ? len - 1 : 0;
    }
    if (labels[check * stride] != 0) return check;
  }
  return -1;
}

void FindRecords(const SweepInput& in, const std::int32_t* labels, const DealiasParams& params, Records& rec) {
  const auto rays = static_cast<std::int64_t>(in.rays);
  const auto gates = static_cast<std::int64_t>(in.gates);
  const bool wrap = params.rays_wrap_around;
  for (std::int64_t x = 0; x < rays; ++x) {
    for (std::int64_t y = 0; y < gates; ++y) {
      const std::int64_t i = x * gates + y;
      const std::int32_t label = labels[i];
      if (label == 0) continue;
      const float vel = in.velocity[i];
      const std::int32_t* column = labels + y;  // stride `gates` walks along the ray direction
      for (int step : {-1, +1}) {
        const std::int64_t nx = SearchNeighbor(column, x, rays, gates, step, wrap, params.skip_between_rays);
        if (nx >= 0) rec.Add(label, labels[nx * gates + y], vel, in.velocity[nx * gates + y]);
      }
      const std::int32_t* row = labels + x * gates;
      for (int step : {-1, +1}) {
        const std::int64_t ny = SearchNeighbor(row, y, gates, 1, step, false, params.skip_along_ray);
        if (ny >= 0) rec.Add(label, row[ny], vel, in.velocity[x * gates + ny]);
      }
    }
  }
}

}  // namespace

void CollectEdgesReference(const SweepInput& in, const std::int32_t* labels, const DealiasParams& params,
                           RegionGraph& graph, MemoryTracker& mem) {
  const std::size_t n = in.rays * in.gates;
  std::size_t labelled = 0;
  for (std::size_t i = 0; i < n; ++i)
    labelled += labels[i] != 0 ? 1 : 0;
  // Py-ART preallocates 4 records per labelled gate (+2 per ray position when wrapping).
  const std::size_t capacity = 4 * (labelled + (params.rays_wrap_around ? 2 * in.gates : 0));
  Records rec(mem);
  rec.label.reserve(capacity);
  rec.neighbor.reserve(capacity);
  rec.vel.reserve(capacity);
  rec.nvel.reserve(capacity);
  FindRecords(in, labels, params, rec);

  // Only records with label > neighbour become edges; a stable sort by (neighbour, label) is
  // numpy.lexsort((index1, index2)) restricted to them.
  auto order = MakeVec<std::uint32_t>(mem);
  order.reserve(rec.label.size() / 2 + 1);
  for (std::size_t k = 0; k < rec.label.size(); ++k) {
    if (rec.label[k] > rec.neighbor[k]) order.push_back(static_cast<std::uint32_t>(k));
  }
  std::stable_sort(order.begin(), order.end(), [&rec](std::uint32_t a, std::uint32_t b) {
    if (rec.neighbor[a] != rec.neighbor[b]) return rec.neighbor[a] < rec.neighbor[b];
    return rec.label[a] < rec.label[b];
  });

  const double nyquist_interval = 2.0 * in.nyquist;
  auto scratch_a = MakeVec<double>(mem);
  auto scratch_b = MakeVec<double>(mem);
  for (std::size_t start = 0; start < order.size();) {
    const std::uint32_t first = order[start];
    std::size_t end = start + 1;
    while (end < order.size() && rec.label[order[end]] == rec.label[first] &&
           rec.neighbor[order[end]] == rec.neighbor[first]) {
      ++end;
    }
    scratch_a.clear();
    scratch_b.clear();
    for (std::size_t k = start; k < end; ++k) {
      scratch_a.push_back(rec.vel[order[k]]);
      scratch_b.push_back(rec.nvel[order[k]]);
    }
    const double vel = NumpySegmentSum(scratch_a.data(), scratch_a.size());
    const double nvel = NumpySegmentSum(scratch_b.data(), scratch_b.size());
    graph.alpha.push_back(rec.label[first]);
    graph.beta.push_back(rec.neighbor[first]);
    graph.weight.push_back(static_cast<std::int32_t>(end - start));
    graph.sum_diff.push_back(static_cast<float>((vel - nvel) / nyquist_interval));
    start = end;
  }
}

}  // namespace unfold
