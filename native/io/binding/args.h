// Argument reading for the unfold_io addon: the defensive checks behind the TypeScript facade's own
// validation (native/io/index.ts), so that a direct caller of the .node file cannot crash it. Failures
// throw a JS TypeError/RangeError with code 'invalid-input'.
#ifndef UNFOLD_IO_BINDING_ARGS_H_
#define UNFOLD_IO_BINDING_ARGS_H_

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace unfold_io_binding {

// Compressed records copied out of V8 memory, so the worker threads never touch a JS buffer that the
// caller could detach or reuse while they run.
struct RecordsInput {
  std::vector<uint8_t> bytes;                    // all records back to back
  std::vector<std::pair<size_t, size_t>> spans;  // offset and size of each record in `bytes`
};

// The bytes of a Uint8Array argument (no copy: for synchronous use only).
std::pair<const uint8_t*, size_t> ReadBytes(const Napi::Env& env, const Napi::Value& value, const char* name);

RecordsInput ReadRecords(const Napi::Env& env, const Napi::Value& value);

// A byte count: a positive safe integer.
size_t ReadMaxOutput(const Napi::Env& env, const Napi::Value& value);

// Optional thread count: undefined or 0 = auto, else 1..64.
unsigned ReadThreads(const Napi::Env& env, const Napi::Value& value);

// A JS Error with `code`, `kind` and, when the failure belongs to one record, `recordIndex`.
Napi::Error DecodeError(const Napi::Env& env, const char* kind, const std::string& message, int64_t record_index);

}  // namespace unfold_io_binding

#endif  // UNFOLD_IO_BINDING_ARGS_H_
