// See gates.h. layout is a Uint32Array of (chunk index, byte offset, gate count) per ray; chunk index
// 0xffffffff marks a ray without the moment (a NaN row).
#include "gates.h"

#include <cmath>
#include <string>
#include <vector>

#include "../core/gates.h"
#include "args.h"

namespace unfold_io_binding {
namespace {

constexpr uint32_t kNoMoment = 0xffffffffu;

[[noreturn]] void Invalid(const Napi::Env& env, const std::string& message) {
  Napi::RangeError error = Napi::RangeError::New(env, "unpackGates: " + message);
  error.Set("code", Napi::String::New(env, "invalid-input"));
  throw error;
}

template <typename T>
T TypedArg(const Napi::Env& env, const Napi::Value& v, napi_typedarray_type type, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
    Invalid(env, std::string("expected ") + what);
  }
  return v.As<T>();
}

}  // namespace

Napi::Value UnpackGates(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsArray()) Invalid(env, "chunks: expected an array of Uint8Array");
  Napi::Array chunk_list = info[0].As<Napi::Array>();
  std::vector<std::pair<const uint8_t*, size_t>> chunks;
  chunks.reserve(chunk_list.Length());
  for (uint32_t i = 0; i < chunk_list.Length(); ++i)
    chunks.push_back(ReadBytes(env, chunk_list.Get(i), "chunks[]"));
  Napi::Uint32Array layout = TypedArg<Napi::Uint32Array>(env, info[1], napi_uint32_array, "layout: a Uint32Array");
  const double bits = info[2].IsNumber() ? info[2].As<Napi::Number>().DoubleValue() : 0;
  if (bits != 8 && bits != 16) Invalid(env, "wordBits: expected 8 or 16");
  const unsigned word_bits = static_cast<unsigned>(bits);
  Napi::Float32Array table = TypedArg<Napi::Float32Array>(env, info[3], napi_float32_array, "table: a Float32Array");
  if (table.ElementLength() != (size_t{1} << word_bits)) Invalid(env, "table: expected 2^wordBits entries");
  Napi::Float32Array out = TypedArg<Napi::Float32Array>(env, info[4], napi_float32_array, "out: a Float32Array");
  const double width_arg = info[5].IsNumber() ? info[5].As<Napi::Number>().DoubleValue() : -1;
  if (!(width_arg >= 0 && width_arg <= 1e6 && std::floor(width_arg) == width_arg)) Invalid(env, "width: bad value");
  const uint32_t width = static_cast<uint32_t>(width_arg);
  if (layout.ElementLength() % 3 != 0) Invalid(env, "layout: expected (chunk, offset, gates) triples");
  const size_t ray_count = layout.ElementLength() / 3;
  if (out.ElementLength() < ray_count * width) Invalid(env, "out: shorter than rays x width");

  const size_t gate_bytes = word_bits / 8;
  std::vector<unfold_io::RayGates> rays(ray_count);
  const uint32_t* l = layout.Data();
  for (size_t r = 0; r < ray_count; ++r) {
    const uint32_t chunk = l[3 * r], offset = l[3 * r + 1], gates = l[3 * r + 2];
    if (chunk == kNoMoment) {
      rays[r] = {nullptr, 0};
      continue;
    }
    if (chunk >= chunks.size()) Invalid(env, "ray " + std::to_string(r) + ": no chunk " + std::to_string(chunk));
    if (gates > width) Invalid(env, "ray " + std::to_string(r) + ": more gates than the row width");
    const auto [data, size] = chunks[chunk];
    if (offset > size || gates * gate_bytes > size - offset) {
      Invalid(env, "ray " + std::to_string(r) + ": gates outside chunk " + std::to_string(chunk));
    }
    rays[r] = {data + offset, gates};
  }
  unfold_io::UnpackGates(rays.data(), ray_count, word_bits, table.Data(), out.Data(), width);
  return env.Undefined();
}

}  // namespace unfold_io_binding
