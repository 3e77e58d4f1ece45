# Build of the native dealias engine (`npm run native:build` -> build/Release/unfold_native.node).
# unfold_core: the pure C++ engine (no napi.h), strict warnings; unfold_native: the thin addon.
# Portable baseline: x86-64-v2 on x64 (never -march=native); AVX2 only through target_clones.
{
  "target_defaults": {
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17"],
    "cflags": ["-O3", "-Wall", "-Wextra", "-Werror"],
    "cflags_cc": ["-std=c++17", "-fexceptions"],
    "conditions": [
      ["target_arch=='x64'", {"cflags": ["-march=x86-64-v2"]}]
    ]
  },
  "targets": [
    {
      "target_name": "unfold_core",
      "type": "static_library",
      "cflags": ["-Wshadow", "-Wconversion", "-Wsign-conversion", "-Wpedantic", "-fPIC"],
      "sources": [
        "core/types.cc",
        "core/limits.cc",
        "core/classify.cc",
        "core/labelling.cc",
        "core/edges.cc",
        "core/merge_sparse.cc",
        "core/merge_dense.cc",
        "core/merge_heap.cc",
        "core/fused.cc",
        "core/fused_pass.cc",
        "core/classify_row.cc",
        "core/merge_fused.cc",
        "core/unwrap.cc",
        "core/neighbour_fill.cc",
        "core/simd.cc",
        "core/dealias.cc"
      ]
    },
    {
      "target_name": "unfold_native",
      "dependencies": ["unfold_core"],
      "sources": ["binding/addon.cc", "binding/convert.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED"]
    }
  ]
}
