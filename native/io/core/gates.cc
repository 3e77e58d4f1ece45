// See gates.h.
#include "gates.h"

#include <limits>

namespace unfold_io {

void UnpackGates(const RayGates* rays, size_t ray_count, unsigned word_bits, const float* table, float* out,
                 uint32_t width) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (size_t r = 0; r < ray_count; ++r) {
    float* row = out + r * width;
    const uint8_t* src = rays[r].data;
    const uint32_t n = src == nullptr ? 0 : rays[r].gates;
    if (word_bits == 8) {
      for (uint32_t g = 0; g < n; ++g)
        row[g] = table[src[g]];
    } else {
      for (uint32_t g = 0; g < n; ++g)
        row[g] = table[(uint32_t{src[2 * g]} << 8) | src[2 * g + 1]];
    }
    for (uint32_t g = n; g < width; ++g)
      row[g] = nan;
  }
}

}  // namespace unfold_io
