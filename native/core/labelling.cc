// Reference labelling: see labelling.h. Two passes per slice: provisional labels with a union-find
// whose roots are always the smallest label (so a component's root is the label of its first gate in
// raster order, as in scipy), then final numbering in raster order.
#include "labelling.h"

#include "errors.h"

namespace unfold {

namespace {

std::int32_t FindRoot(TVec<std::int32_t>& parent, std::int32_t x) {
  std::int32_t root = x;
  while (parent[static_cast<std::size_t>(root)] != root)
    root = parent[static_cast<std::size_t>(root)];
  while (parent[static_cast<std::size_t>(x)] != root) {  // path compression
    const std::int32_t next = parent[static_cast<std::size_t>(x)];
    parent[static_cast<std::size_t>(x)] = root;
    x = next;
  }
  return root;
}

void Unite(TVec<std::int32_t>& parent, std::int32_t a, std::int32_t b) {
  a = FindRoot(parent, a);
  b = FindRoot(parent, b);
  if (a < b) {
    parent[static_cast<std::size_t>(b)] = a;
  } else if (b < a) {
    parent[static_cast<std::size_t>(a)] = b;
  }
}

// Labels the gates of slice `s` provisionally; returns the number of provisional labels + 1.
void ProvisionalPass(const std::int8_t* slice, std::size_t rays, std::size_t gates, std::int8_t s, std::int32_t* labels,
                     TVec<std::int32_t>& parent) {
  parent.assign(1, 0);
  for (std::size_t r = 0; r < rays; ++r) {
    const std::size_t row = r * gates;
    for (std::size_t g = 0; g < gates; ++g) {
      const std::size_t i = row + g;
      if (slice[i] != s) continue;
      const std::int32_t left = (g > 0 && slice[i - 1] == s) ? labels[i - 1] : 0;
      const std::int32_t up = (r > 0 && slice[i - gates] == s) ? labels[i - gates] : 0;
      if (left == 0 && up == 0) {
        const auto fresh = static_cast<std::int32_t>(parent.size());
        parent.push_back(fresh);
        labels[i] = fresh;
      } else if (up == 0) {
        labels[i] = left;
      } else {
        labels[i] = up;
        if (left != 0 && left != up) Unite(parent, left, up);
      }
    }
  }
}

}  // namespace

std::int32_t LabelSlicesReference(const std::int8_t* slice, std::size_t rays, std::size_t gates, int nslices,
                                  std::int32_t* labels, MemoryTracker& mem) {
  const std::size_t n = rays * gates;
  for (std::size_t i = 0; i < n; ++i)
    labels[i] = 0;
  auto parent = MakeVec<std::int32_t>(mem);
  auto final_label = MakeVec<std::int32_t>(mem);
  std::int64_t total = 0;
  for (int s = 0; s < nslices; ++s) {
    const auto code = static_cast<std::int8_t>(s);
    ProvisionalPass(slice, rays, gates, code, labels, parent);
    final_label.assign(parent.size(), 0);
    std::int32_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (slice[i] != code) continue;
      const std::int32_t root = FindRoot(parent, labels[i]);
      std::int32_t& f = final_label[static_cast<std::size_t>(root)];
      if (f == 0) f = ++count;
      labels[i] = static_cast<std::int32_t>(total) + f;
    }
    total += count;
    if (total > INT32_MAX / 2) throw EngineError(ErrorCode::kInternal, "too many regions");
  }
  return static_cast<std::int32_t>(total);
}

TVec<std::int32_t> RegionSizes(const std::int32_t* labels, std::size_t n, std::int32_t regions, MemoryTracker& mem) {
  auto sizes = MakeVec<std::int32_t>(mem, static_cast<std::size_t>(regions) + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (labels[i] > 0) ++sizes[static_cast<std::size_t>(labels[i])];
  }
  return sizes;
}

}  // namespace unfold
