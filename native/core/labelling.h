// Reference region labelling (used by the dense, sparse and heap variants): for each slice, from the
// lowest, the 4-connected components of its gates, numbered as scipy.ndimage.label numbers them
// (first-encounter raster order, ray-major), slices numbered consecutively. No wrap-around in azimuth:
// the edge search joins regions across the seam later.
#pragma once

#include <cstddef>
#include <cstdint>

#include "memory.h"

namespace unfold {

// `slice` holds one slice code per gate (see classify.h); writes labels (0 = none) into `labels`.
// Returns the number of regions.
std::int32_t LabelSlicesReference(const std::int8_t* slice, std::size_t rays, std::size_t gates, int nslices,
                                  std::int32_t* labels, MemoryTracker& mem);

// Gate count of every region: sizes[0] = labelled-0 count is not kept (0); sizes[1..regions].
TVec<std::int32_t> RegionSizes(const std::int32_t* labels, std::size_t n, std::int32_t regions, MemoryTracker& mem);

}  // namespace unfold
