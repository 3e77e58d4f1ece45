// The fused single pass: see fused_pass.h. Each ray is first classified into slice codes in one
// vectorised loop that also writes the outputs of the gates that take no part, then its span of valid
// gates is walked once for labels and contacts.
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
        skip_between_(params.skip_between_rays) {}

  // Walks gates [begin, end) of ray r (the span that holds its valid gates); `codes` are the ray's
  // slice codes, `up_codes` those of ray r - 1.
  void Row(std::int64_t r, const std::int8_t* codes, const std::int8_t* up_codes, std::int64_t begin,
           std::int64_t end) {
    const std::int64_t row = r * gates_;
    std::int32_t* labels = out_.regions + row;
    const float* v = in_.velocity + row;
    std::int64_t last_g = -1;
    std::int32_t last_p = 0;
    std::int8_t last_s = 0;
    float last_v = 0.0f;
    std::int32_t united_a = 0, united_b = 0;  // last pair joined: skip repeated unions along a run
    for (std::int64_t g = begin; g < end; ++g) {
      if (codes[g] == kSliceMissing) {  // skip the whole missing stretch (its outputs are written)
        g = static_cast<std::int64_t>(SkipMissing(codes, static_cast<std::size_t>(g), static_cast<std::size_t>(end))) -
            1;
        continue;
      }
      const std::int8_t sl = codes[g];
      if (sl < 0) {
        labels[g] = kUnlabelledGate;
        continue;
      }
      const float x = v[g];
      std::int32_t p = 0;
      bool along_contact = false;
      if (last_g >= 0) {
        const std::int64_t gap = g - last_g - 1;
        if (gap == 0 && last_s == sl) {
          p = last_p;
        } else {
          along_contact = gap <= skip_along_;
        }
      }
      const std::int32_t lr = s_.last_row[static_cast<std::size_t>(g)];
      std::int32_t up_p = 0;
      float up_v = 0.0f;
      if (lr >= 0) {
        up_p = out_.regions[lr * gates_ + g];
        up_v = in_.velocity[lr * gates_ + g];
        if (lr == r - 1 && up_codes[g] == sl) {  // same slice above: same region
          if (p == 0) {
            p = up_p;
          } else if (p != up_p && (p != united_a || up_p != united_b)) {
            Unite(p, up_p);
            united_a = p;
            united_b = up_p;
          }
          up_p = 0;  // no contact
        } else if (r - lr - 1 > skip_between_) {
          up_p = 0;  // gap too wide
        }
      }
      if (p == 0) p = NewLabel(sl);
      if (along_contact) AddContact(last_p, last_v, p, x);
      if (up_p != 0) AddContact(up_p, up_v, p, x);
      ++s_.count[static_cast<std::size_t>(p)];
      labels[g] = p;
      last_g = g;
      last_p = p;
      last_s = sl;
      last_v = x;
      if (lr < 0) s_.first_row[static_cast<std::size_t>(g)] = static_cast<std::int32_t>(r);
      s_.last_row[static_cast<std::size_t>(g)] = static_cast<std::int32_t>(r);
    }
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

  void AddContact(std::int32_t pa, float va, std::int32_t pb, float vb) {
    if (pa == pb) return;
    const double jump =
        pa < pb ? static_cast<double>(va) - static_cast<double>(vb) : static_cast<double>(vb) - static_cast<double>(va);
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
    ++c.weight;
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
  s.codes.resize(2 * in.gates);
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
    std::int8_t* codes = s.codes.data() + (r & 1) * in.gates;
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
    const std::int8_t* up_codes = s.codes.data() + ((r + 1) & 1) * in.gates;
    walker.Row(static_cast<std::int64_t>(r), codes, up_codes, static_cast<std::int64_t>(summary.begin),
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
