// See args.h.
#include "args.h"

#include <cmath>
#include <cstring>
#include <string>

namespace unfold_io_binding {
namespace {

[[noreturn]] void Invalid(const Napi::Env& env, const std::string& message, bool range = false) {
  if (range) {
    Napi::RangeError error = Napi::RangeError::New(env, message);
    error.Set("code", Napi::String::New(env, "invalid-input"));
    throw error;
  }
  Napi::TypeError error = Napi::TypeError::New(env, message);
  error.Set("code", Napi::String::New(env, "invalid-input"));
  throw error;
}

}  // namespace

std::pair<const uint8_t*, size_t> ReadBytes(const Napi::Env& env, const Napi::Value& value, const char* name) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    Invalid(env, std::string("invalid parameter ") + name + ": expected a Uint8Array");
  }
  Napi::Uint8Array array = value.As<Napi::Uint8Array>();
  return {array.Data(), array.ByteLength()};
}

RecordsInput ReadRecords(const Napi::Env& env, const Napi::Value& value) {
  if (!value.IsArray()) Invalid(env, "invalid parameter records: expected an array of Uint8Array");
  Napi::Array list = value.As<Napi::Array>();
  const uint32_t n = list.Length();
  RecordsInput input;
  input.spans.reserve(n);
  size_t total = 0;
  std::vector<std::pair<const uint8_t*, size_t>> views;
  views.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const std::string name = "records[" + std::to_string(i) + "]";
    views.push_back(ReadBytes(env, list.Get(i), name.c_str()));
    total += views.back().second;
  }
  input.bytes.resize(total);
  size_t at = 0;
  for (const auto& [data, size] : views) {
    if (size > 0) std::memcpy(input.bytes.data() + at, data, size);
    input.spans.emplace_back(at, size);
    at += size;
  }
  return input;
}

size_t ReadMaxOutput(const Napi::Env& env, const Napi::Value& value) {
  const double v = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : NAN;
  if (!(v >= 1 && v <= 9007199254740991.0 && std::floor(v) == v)) {
    Invalid(env, "invalid parameter maxOutputBytes: expected a positive integer", true);
  }
  return static_cast<size_t>(v);
}

unsigned ReadThreads(const Napi::Env& env, const Napi::Value& value) {
  if (value.IsUndefined()) return 0;
  const double v = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : NAN;
  if (!(v >= 0 && v <= 64 && std::floor(v) == v)) {
    Invalid(env, "invalid parameter threads: expected an integer from 0 (auto) to 64", true);
  }
  return static_cast<unsigned>(v);
}

Napi::Error DecodeError(const Napi::Env& env, const char* kind, const std::string& message, int64_t record_index) {
  Napi::Error error = Napi::Error::New(env, message);
  const bool too_large = std::strcmp(kind, "too-large") == 0;
  error.Set("code", Napi::String::New(env, too_large ? "too-large" : "corrupt"));
  error.Set("kind", Napi::String::New(env, kind));
  if (record_index >= 0) error.Set("recordIndex", Napi::Number::New(env, static_cast<double>(record_index)));
  return error;
}

}  // namespace unfold_io_binding
