// Names of the engine variants, shared by the binding (parsing) and the statistics (reporting).
#include "types.h"

namespace unfold {

const char* VariantName(Variant variant) {
  switch (variant) {
    case Variant::kDense:
      return "dense";
    case Variant::kSparse:
      return "sparse";
    case Variant::kHeap:
      return "heap";
    case Variant::kFused:
      return "fused";
  }
  return "fused";
}

bool ParseVariant(const std::string& name, Variant* out) {
  for (Variant v : {Variant::kDense, Variant::kSparse, Variant::kHeap, Variant::kFused}) {
    if (name == VariantName(v)) {
      *out = v;
      return true;
    }
  }
  return false;
}

}  // namespace unfold
