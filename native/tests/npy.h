// Reads the gzip-compressed NumPy arrays of the Py-ART reference runs (test/fixtures/reference) and
// the few reference.json fields the C++ tests need (sweep ray ranges, Nyquist per sweep, scan type,
// wrap-around keyword). Test support only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unfold_test {

struct ReferenceSweep {
  std::string run;
  int sweep = 0;
  std::size_t rays = 0;
  std::size_t gates = 0;
  double nyquist = 0.0;  // m/s
  bool wrap = true;
  std::vector<float> velocity;     // m/s, NaN = masked
  std::vector<std::int8_t> folds;  // Py-ART, -128 = no value
};

// Directory of the reference runs (test/fixtures/reference), from $UNFOLD_REFERENCE_DIR or relative
// to this source file.
std::string ReferenceDir();

// Every sweep with a positive Nyquist of every reference run (runs sorted by name); with `prefixes`
// not empty, only of the runs whose name starts with one of them.
std::vector<ReferenceSweep> LoadReferenceSweeps(const std::vector<std::string>& prefixes = {});

}  // namespace unfold_test
