# Build of the unfold_io addon (`npm run native:build` -> build/Release/unfold_io.node): our own bzip2
# decoder for NEXRAD LDM records, decompressing them in parallel, and the NEXRAD gate unpacker. unfold_io_core: pure C++ (no napi.h),
# strict warnings; unfold_io: the thin addon. Separate from the dealias engine (../binding.gyp).
# Portable baseline: x86-64-v2 on x64 (SSE4.1 for the move-to-front shifts), never -march=native.
{
  "target_defaults": {
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17"],
    "cflags": ["-O3", "-Wall", "-Wextra", "-Werror"],
    "cflags_cc": ["-std=c++17", "-fexceptions"],
    "ldflags": ["-pthread"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
      "OTHER_CFLAGS": ["-O3", "-Wall", "-Wextra", "-Werror"]
    },
    "msvs_settings": {"VCCLCompilerTool": {"ExceptionHandling": 1, "AdditionalOptions": ["/std:c++17"]}},
    "conditions": [
      ["target_arch=='x64' and OS!='win'", {"cflags": ["-march=x86-64-v2"], "xcode_settings": {"OTHER_CFLAGS": ["-march=x86-64-v2"]}}]
    ]
  },
  "targets": [
    {
      "target_name": "unfold_io_core",
      "type": "static_library",
      "cflags": ["-Wshadow", "-Wconversion", "-Wsign-conversion", "-Wpedantic", "-fPIC", "-pthread"],
      "sources": [
        "core/bzip2.cc",
        "core/bzip2_block.cc",
        "core/bzip2_bwt.cc",
        "core/bzip2_crc.cc",
        "core/bzip2_huffman.cc",
        "core/gates.cc",
        "core/output_buffer.cc",
        "core/parallel_records.cc"
      ]
    },
    {
      "target_name": "unfold_io",
      "dependencies": ["unfold_io_core"],
      "sources": ["binding/addon.cc", "binding/args.cc", "binding/gates.cc", "binding/records_worker.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED"]
    }
  ]
}
