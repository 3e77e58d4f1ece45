// The fused single pass: see fused_pass.h. Each ray is first classified into slice codes in one
// vectorised loop that also writes the outputs of the gates that take no part, then its span of valid
// gates is walked once, run by run, for labels and contacts.
#include "fused_pass.h"

#include <algorithm>
#include <cmath>

#include "classify.h"
#include "classify_row.h"

namespace unfold {

namespace {

class Walker {
 public:
  Walker(const SweepInput& in, const DealiasParams& params, SweepOutput& out, FusedScratch& s)
      : in_(in),
        out_(out),
        s_(s),
        gates_(static_cast<std::int64_t>(in.gates)),
        skip_along_(params.skip_along_ray),
        skip_between_(params.skip_between_rays) {
    s_.runs.clear();
    s_.up_runs.clear();
  }

  // Walks gates [begin, end) of ray r (the span that holds its valid gates; `codes` are the ray's slice
  // codes) run by run: a run is a maximal stretch of adjacent gates in one slice, so all of it is one
  // region. Against the runs of ray r - 1 it overlaps, a run takes the label of the first one in its
  // slice (and unites with the others in its slice) and adds one contact sum per overlap in another
  // slice; only its columns with no labelled gate in ray r - 1 are visited gate by gate (contacts
  // across gaps of rays, first rows). Smooth real fields have runs of tens of gates, so the per-gate
  // work is a few stores.
  void Row(std::int64_t r, const std::int8_t* codes, std::int64_t begin, std::int64_t end) {
    const std::int64_t row = r * gates_;
    std::int32_t* labels = out_.regions + row;
    const float* v = in_.velocity + row;
    const bool up_is_previous = up_row_ == r - 1;
    const float* v_up = up_is_previous ? v - gates_ : nullptr;
    const FusedScratch::Run* up = s_.up_runs.data();
    const std::size_t up_count = up_is_previous ? s_.up_runs.size() : 0;
    std::size_t first_up = 0;    // first run of ray r - 1 that may overlap the current run
    std::int64_t last_end = -1;  // one past the last labelled gate so far (-1 = none yet)
    std::int32_t last_p = 0;
    float last_v = 0.0f;
    s_.runs.clear();
    for (std::int64_t g = begin; g < end;) {
      const std::int8_t sl = codes[g];
      if (sl == kSliceMissing) {  // skip the whole missing stretch (its outputs are written)
        g = static_cast<std::int64_t>(SkipMissing(codes, static_cast<std::size_t>(g), static_cast<std::size_t>(end)));
        continue;
      }
      if (sl < 0) {
        labels[g++] = kUnlabelledGate;
        continue;
      }
      const std::int64_t run_end = RunEnd(codes, g, end, sl);
      while (first_up < up_count && up[first_up].end <= g)
        ++first_up;
      std::int32_t p = 0;
      for (std::size_t k = first_up; k < up_count && up[k].begin < run_end; ++k) {
        if (up[k].slice != sl) continue;
        if (p == 0) {
          p = up[k].label;
        } else if (up[k].label != p) {
          Unite(p, up[k].label);
        }
      }
      if (p == 0) p = NewLabel(sl);
      if (last_end >= 0 && g - last_end <= skip_along_) AddContact(last_p, last_v, p, v[g]);
      std::int64_t column = g;  // columns before it are done
      for (std::size_t k = first_up; k < up_count && up[k].begin < run_end; ++k) {
        const std::int64_t a = up[k].begin > g ? up[k].begin : g;
        const std::int64_t b = up[k].end < run_end ? up[k].end : run_end;
        AcrossGaps(r, column, a, p, v);
        if (up[k].slice != sl) AddContacts(up[k].label, v_up, p, v, a, b);
        column = b;
      }
      AcrossGaps(r, column, run_end, p, v);
      std::fill(labels + g, labels + run_end, p);
      std::fill(s_.last_row.data() + g, s_.last_row.data() + run_end, static_cast<std::int32_t>(r));
      s_.count[static_cast<std::size_t>(p)] += static_cast<std::int32_t>(run_end - g);
      s_.runs.push_back(FusedScratch::Run{static_cast<std::int32_t>(g), static_cast<std::int32_t>(run_end), p, sl});
      last_end = run_end;
      last_p = p;
      last_v = v[run_end - 1];
      g = run_end;
    }
    s_.runs.swap(s_.up_runs);
    up_row_ = r;
  }

  // Contacts across the seam between the last and first labelled gate of each column.
  void WrapAround() {
    const auto rays = static_cast<std::int64_t>(in_.rays);
    for (std::int64_t g = 0; g < gates_; ++g) {
      const std::int32_t f = s_.first_row[static_cast<std::size_t>(g)];
      const std::int32_t l = s_.last_row[static_cast<std::size_t>(g)];
      if (f < 0 || f == l || (rays - 1 - l) + f > skip_between_) continue;
      const std::int64_t li = l * gates_ + g;
      const std::int64_t fi = f * gates_ + g;
      AddContact(out_.regions[li], in_.velocity[li], out_.regions[fi], in_.velocity[fi]);
    }
  }

 private:
  std::int32_t NewLabel(std::int8_t sl) {
    const auto label = static_cast<std::int32_t>(s_.parent.size());
    s_.parent.push_back(label);
    s_.slice.push_back(sl);
    s_.count.push_back(0);
    return label;
  }

  void Unite(std::int32_t a, std::int32_t b) {
    a = FusedRoot(s_.parent, a);
    b = FusedRoot(s_.parent, b);
    if (a < b) {
      s_.parent[static_cast<std::size_t>(b)] = a;
    } else if (b < a) {
      s_.parent[static_cast<std::size_t>(a)] = b;
    }
  }

  // One past the last gate of the run of slice `sl` that starts at g: 8 codes at a time (a run ends
  // at the first byte that differs from sl).
  static std::int64_t RunEnd(const std::int8_t* codes, std::int64_t g, std::int64_t end, std::int8_t sl) {
    const std::uint64_t pattern = 0x0101010101010101ull * static_cast<std::uint8_t>(sl);
    ++g;
    while (g + 8 <= end) {
      std::uint64_t eight;
      __builtin_memcpy(&eight, codes + g, 8);
      const std::uint64_t differ = eight ^ pattern;  // little-endian: byte k of the word is gate g + k
      if (differ != 0) return g + __builtin_ctzll(differ) / 8;
      g += 8;
    }
    while (g < end && codes[g] == sl)
      ++g;
    return g;
  }

  // Gates [from, to) of ray r in region p whose column had no labelled gate in ray r - 1: a contact with
  // the last labelled gate of the column if no more than skip_between rays lie between, and the first
  // labelled row of a column seen for the first time.
  void AcrossGaps(std::int64_t r, std::int64_t from, std::int64_t to, std::int32_t p, const float* v) {
    for (std::int64_t g = from; g < to; ++g) {
      const std::int32_t lr = s_.last_row[static_cast<std::size_t>(g)];
      if (lr < 0) {
        s_.first_row[static_cast<std::size_t>(g)] = static_cast<std::int32_t>(r);
      } else if (r - lr - 1 <= skip_between_) {
        const std::int64_t at = lr * gates_ + g;
        AddContact(out_.regions[at], in_.velocity[at], p, v[g]);
      }
    }
  }

  // Contacts of gates [a, b) of region pb (velocities vb) with the gates above them in region pa (va).
  void AddContacts(std::int32_t pa, const float* va, std::int32_t pb, const float* vb, std::int64_t a, std::int64_t b) {
    if (pa == pb) return;
    double sum = 0.0;  // m/s, (gate of pa) minus (gate of pb)
    for (std::int64_t g = a; g < b; ++g)
      sum += static_cast<double>(va[g]) - static_cast<double>(vb[g]);
    Accumulate(pa, pb, static_cast<std::int32_t>(b - a), pa < pb ? sum : -sum);
  }

  void AddContact(std::int32_t pa, float va, std::int32_t pb, float vb) {
    if (pa == pb) return;
    const double jump =
        pa < pb ? static_cast<double>(va) - static_cast<double>(vb) : static_cast<double>(vb) - static_cast<double>(va);
    Accumulate(pa, pb, 1, jump);
  }

  // Adds `weight` contacts between pa and pb whose velocity jumps, (gate of the smaller label) minus
  // (gate of the larger), sum to `jump` m/s.
  void Accumulate(std::int32_t pa, std::int32_t pb, std::int32_t weight, double jump) {
    const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(pa < pb ? pa : pb)) << 32) |
                              static_cast<std::uint32_t>(pa < pb ? pb : pa);
    const std::size_t slot =
        static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 52) & (FusedScratch::kContactCacheSize - 1);
    FusedScratch::CachedContact& c = s_.cache[slot];
    if (c.key != key) {
      Spill(c);
      c.key = key;
      c.weight = 0;
      c.jump = 0.0;
    }
    c.weight += weight;
    c.jump += jump;
  }

 public:
  // Moves every cached pair into the contact lists.
  void Flush() {
    for (auto& c : s_.cache) {
      Spill(c);
      c.key = FusedScratch::kNoPair;
    }
  }

 private:
  void Spill(const FusedScratch::CachedContact& c) {
    if (c.key == FusedScratch::kNoPair) return;
    s_.contact_pair.push_back(c.key);
    s_.contact_weight.push_back(c.weight);
    s_.contact_diff.push_back(c.jump);
  }

  const SweepInput& in_;
  SweepOutput& out_;
  FusedScratch& s_;
  std::int64_t gates_;
  std::int64_t skip_along_;
  std::int64_t skip_between_;
  std::int64_t up_row_ = -2;  // the ray whose runs are in s_.up_runs
};

}  // namespace

bool FusedPass(const SweepInput& in, const DealiasParams& params, const IntervalLimits& limits, bool abort_out_of_range,
               bool write_outputs, SweepOutput& out, FusedScratch& s) {
  const RowClassifier classifier(limits, params.include_upper_bound);
  s.parent.assign(1, 0);
  s.slice.assign(1, 0);
  s.count.assign(1, 0);
  s.last_row.assign(in.gates, -1);
  s.first_row.assign(in.gates, -1);
  s.row_begin.assign(in.rays, 0);
  s.row_end.assign(in.rays, 0);
  s.codes.resize(in.gates);
  std::fill(s.cache.begin(), s.cache.end(), FusedScratch::CachedContact{FusedScratch::kNoPair, 0, 0.0});
  s.contact_pair.clear();
  s.contact_weight.clear();
  s.contact_diff.clear();
  float mn = INFINITY;
  float mx = -INFINITY;
  std::int64_t valid = 0;
  Walker walker(in, params, out, s);
  for (std::size_t r = 0; r < in.rays; ++r) {
    const std::size_t row = r * in.gates;
    std::int8_t* codes = s.codes.data();
    const std::uint8_t* excluded = in.excluded != nullptr ? in.excluded + row : nullptr;
    const RowOutputs outputs{out.corrected + row, out.folds + row, out.regions + row, params.keep_original,
                             out.zero_filled};
    const RowSummary summary = ClassifyRow(classifier, in.velocity + row, excluded, in.gates, codes, &mn, &mx,
                                           write_outputs ? &outputs : nullptr);
    valid += summary.valid;
    if (abort_out_of_range && (static_cast<double>(mx) > in.nyquist || static_cast<double>(mn) < -in.nyquist)) {
      // The limits must be widened: finish the extremes and the outputs of the remaining rays (their
      // stores do not depend on the limits), so that the second pass only labels.
      for (std::size_t rest = r + 1; rest < in.rays; ++rest) {
        const std::size_t at = rest * in.gates;
        const RowOutputs rest_outputs{out.corrected + at, out.folds + at, out.regions + at, params.keep_original,
                                      out.zero_filled};
        valid += ClassifyRow(classifier, in.velocity + at, in.excluded != nullptr ? in.excluded + at : nullptr,
                             in.gates, codes, &mn, &mx, write_outputs ? &rest_outputs : nullptr)
                     .valid;
      }
      s.valid = valid;
      s.min = mn;
      s.max = mx;
      return false;
    }
    if (summary.valid == 0) continue;  // nothing to dealias on this ray: its outputs are final
    s.row_begin[r] = static_cast<std::int32_t>(summary.begin);
    s.row_end[r] = static_cast<std::int32_t>(summary.end);
    walker.Row(static_cast<std::int64_t>(r), codes, static_cast<std::int64_t>(summary.begin),
               static_cast<std::int64_t>(summary.end));
  }
  if (params.rays_wrap_around) walker.WrapAround();
  walker.Flush();
  s.valid = valid;
  s.min = mn;
  s.max = mx;
  return true;
}

}  // namespace unfold
