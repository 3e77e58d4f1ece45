// JS <-> engine conversion: see convert.h.
#include "convert.h"

#include <cmath>
#include <string>

namespace unfold_binding {

using unfold::ErrorCode;

void ThrowCoded(Napi::Env env, ErrorCode code, const std::string& message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, unfold::ErrorCodeName(code)));
  throw error;
}

namespace {

std::string Describe(const Napi::Value& v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsTypedArray()) return "a typed array";
  if (v.IsArray()) return "an array";
  if (v.IsNumber()) return std::to_string(v.As<Napi::Number>().DoubleValue());
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value() ? "true" : "false";
  if (v.IsString()) return "'" + v.As<Napi::String>().Utf8Value() + "'";
  return "an object";
}

[[noreturn]] void Invalid(Napi::Env env, const std::string& name, const std::string& expected, const Napi::Value& got,
                          ErrorCode code = ErrorCode::kInvalidInput) {
  ThrowCoded(env, code, "invalid parameter " + name + ": expected " + expected + ", got " + Describe(got));
}

Napi::Object RequireObject(Napi::Env env, const Napi::Value& v, const std::string& name) {
  if (!v.IsObject() || v.IsArray()) Invalid(env, name, "an object", v);
  return v.As<Napi::Object>();
}

double ReadNumber(Napi::Env env, const Napi::Object& o, const char* key, double fallback) {
  const Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return fallback;
  if (!v.IsNumber()) Invalid(env, key, "a number", v);
  return v.As<Napi::Number>().DoubleValue();
}

int ReadInt(Napi::Env env, const Napi::Object& o, const char* key, int fallback, int lo, int hi) {
  const Napi::Value v = o.Get(key);
  const double d = ReadNumber(env, o, key, fallback);
  if (!(d >= lo && d <= hi) || std::floor(d) != d) {
    Invalid(env, key, "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]", v);
  }
  return static_cast<int>(d);
}

bool ReadBool(Napi::Env env, const Napi::Object& o, const char* key, bool fallback) {
  const Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return fallback;
  if (!v.IsBoolean()) Invalid(env, key, "a boolean", v);
  return v.As<Napi::Boolean>().Value();
}

// The typed array `key` of `o`, of the given kind; its element count goes to *length.
template <class T>
T* ReadTyped(Napi::Env env, const Napi::Object& o, const char* key, napi_typedarray_type type, const char* kind,
             std::size_t* length, bool optional = false) {
  const Napi::Value v = o.Get(key);
  if (optional && v.IsUndefined()) return nullptr;
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) Invalid(env, key, kind, v);
  Napi::TypedArray array = v.As<Napi::TypedArray>();
  *length = array.ElementLength();
  auto* base = static_cast<std::uint8_t*>(array.ArrayBuffer().Data());
  return reinterpret_cast<T*>(base + array.ByteOffset());
}

bool Overlaps(const void* a, std::size_t a_bytes, const void* b, std::size_t b_bytes) {
  const auto* pa = static_cast<const std::uint8_t*>(a);
  const auto* pb = static_cast<const std::uint8_t*>(b);
  return a_bytes > 0 && b_bytes > 0 && pa < pb + b_bytes && pb < pa + a_bytes;
}

}  // namespace

unfold::SweepInput ReadInput(Napi::Env env, const Napi::Value& value) {
  const Napi::Object o = RequireObject(env, value, "input");
  unfold::SweepInput in;
  const double rays = ReadNumber(env, o, "rays", NAN);
  const double gates = ReadNumber(env, o, "gates", NAN);
  if (!(rays >= 0 && std::floor(rays) == rays && rays < 2147483648.0))
    Invalid(env, "rays", "an integer >= 0", o.Get("rays"));
  if (!(gates >= 0 && std::floor(gates) == gates && gates < 2147483648.0)) {
    Invalid(env, "gates", "an integer >= 0", o.Get("gates"));
  }
  in.rays = static_cast<std::size_t>(rays);
  in.gates = static_cast<std::size_t>(gates);
  in.nyquist = ReadNumber(env, o, "nyquist", NAN);
  if (!std::isfinite(in.nyquist) || !(in.nyquist > 0)) {
    Invalid(env, "nyquist", "a finite velocity > 0 m/s", o.Get("nyquist"), ErrorCode::kInvalidNyquist);
  }
  std::size_t n = 0;
  in.velocity = ReadTyped<const float>(env, o, "velocity", napi_float32_array, "a Float32Array", &n);
  const std::size_t cells = in.rays * in.gates;
  if (n != cells) {
    ThrowCoded(env, ErrorCode::kShapeMismatch,
               "invalid parameter velocity: expected " + std::to_string(cells) + " values (rays x gates), got " +
                   std::to_string(n));
  }
  std::size_t m = 0;
  in.excluded = ReadTyped<const std::uint8_t>(env, o, "excluded", napi_uint8_array, "a Uint8Array", &m, true);
  if (in.excluded != nullptr && m != cells) {
    ThrowCoded(env, ErrorCode::kShapeMismatch,
               "invalid parameter excluded: expected " + std::to_string(cells) + " values (rays x gates), got " +
                   std::to_string(m));
  }
  return in;
}

unfold::DealiasParams ReadParams(Napi::Env env, const Napi::Value& value) {
  const Napi::Object o = RequireObject(env, value, "params");
  unfold::DealiasParams p;
  p.interval_splits = ReadInt(env, o, "intervalSplits", p.interval_splits, 1, 127);
  const Napi::Value limits = o.Get("intervalLimits");
  if (!limits.IsUndefined() && !limits.IsNull()) {
    if (!limits.IsArray()) Invalid(env, "intervalLimits", "an array of numbers or null", limits);
    const Napi::Array array = limits.As<Napi::Array>();
    for (std::uint32_t k = 0; k < array.Length(); ++k) {
      const Napi::Value item = array.Get(k);
      if (!item.IsNumber()) Invalid(env, "intervalLimits", "an array of numbers or null", limits);
      p.interval_limits.push_back(item.As<Napi::Number>().DoubleValue());
    }
  }
  p.skip_between_rays = ReadInt(env, o, "skipBetweenRays", p.skip_between_rays, 0, 1 << 30);
  p.skip_along_ray = ReadInt(env, o, "skipAlongRay", p.skip_along_ray, 0, 1 << 30);
  p.centered = ReadBool(env, o, "centered", p.centered);
  p.rays_wrap_around = ReadBool(env, o, "raysWrapAround", p.rays_wrap_around);
  p.keep_original = ReadBool(env, o, "keepOriginal", p.keep_original);
  p.fix_out_of_range_widening = ReadBool(env, o, "fixOutOfRangeWidening", false);
  p.include_upper_bound = ReadBool(env, o, "includeUpperBound", false);
  p.unfold_excluded_gates = ReadBool(env, o, "unfoldExcludedGates", false);
  const double budget = ReadNumber(env, o, "memoryBudgetBytes", static_cast<double>(p.memory_budget_bytes));
  if (!(budget >= 0) || !std::isfinite(budget))
    Invalid(env, "memoryBudgetBytes", "a number of bytes >= 0", o.Get("memoryBudgetBytes"));
  p.memory_budget_bytes = budget >= 1.8e19 ? SIZE_MAX : static_cast<std::size_t>(budget);
  return p;
}

unfold::Variant ReadVariant(Napi::Env env, const Napi::Value& value) {
  unfold::Variant variant = unfold::Variant::kFused;
  if (!value.IsString() || !unfold::ParseVariant(value.As<Napi::String>().Utf8Value(), &variant)) {
    Invalid(env, "variant", "'dense' | 'sparse' | 'heap' | 'fused'", value);
  }
  return variant;
}

unfold::SweepOutput ReadOutput(Napi::Env env, const Napi::Value& value, const unfold::SweepInput& in) {
  const Napi::Object o = RequireObject(env, value, "output");
  unfold::SweepOutput out;
  const std::size_t cells = in.rays * in.gates;
  std::size_t n = 0;
  out.corrected = ReadTyped<float>(env, o, "corrected", napi_float32_array, "a Float32Array", &n);
  const auto check = [&](const char* name, std::size_t length) {
    if (length != cells) {
      ThrowCoded(env, ErrorCode::kShapeMismatch,
                 std::string("invalid parameter ") + name + ": expected " + std::to_string(cells) +
                     " values (rays x gates), got " + std::to_string(length));
    }
  };
  check("corrected", n);
  out.folds = ReadTyped<std::int8_t>(env, o, "folds", napi_int8_array, "an Int8Array", &n);
  check("folds", n);
  out.regions = ReadTyped<std::int32_t>(env, o, "regions", napi_int32_array, "an Int32Array", &n);
  check("regions", n);
  out.zero_filled = ReadBool(env, o, "zeroFilled", false);
  // The engine reads the input while it writes the outputs: they must not share memory.
  const void* inputs[] = {in.velocity, in.excluded};
  const std::size_t input_bytes[] = {cells * 4, in.excluded != nullptr ? cells : 0};
  const void* outputs[] = {out.corrected, out.folds, out.regions};
  const std::size_t output_bytes[] = {cells * 4, cells, cells * 4};
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 2; ++b) {
      if (Overlaps(outputs[a], output_bytes[a], inputs[b], input_bytes[b])) {
        ThrowCoded(env, ErrorCode::kInvalidInput,
                   "invalid parameter output: output arrays must not share memory with the input");
      }
    }
    for (int b = a + 1; b < 3; ++b) {
      if (Overlaps(outputs[a], output_bytes[a], outputs[b], output_bytes[b])) {
        ThrowCoded(env, ErrorCode::kInvalidInput, "invalid parameter output: output arrays must not share memory");
      }
    }
  }
  return out;
}

Napi::Object StatsToJs(Napi::Env env, const unfold::SweepStats& s) {
  Napi::Object o = Napi::Object::New(env);
  const auto num = [&](double v) { return Napi::Number::New(env, v); };
  o.Set("variant", Napi::String::New(env, unfold::VariantName(s.variant)));
  o.Set("regions", num(static_cast<double>(s.regions)));
  o.Set("edges", num(static_cast<double>(s.edges)));
  o.Set("merges", num(static_cast<double>(s.merges)));
  o.Set("gatesChanged", num(static_cast<double>(s.gates_changed)));
  o.Set("validGates", num(static_cast<double>(s.valid_gates)));
  o.Set("unlabelledValidGates", num(static_cast<double>(s.unlabelled_valid_gates)));
  o.Set("filledGates", num(static_cast<double>(s.filled_gates)));
  Napi::Array limits = Napi::Array::New(env, s.interval_limits.size());
  for (std::size_t k = 0; k < s.interval_limits.size(); ++k)
    limits.Set(static_cast<std::uint32_t>(k), num(s.interval_limits[k]));
  o.Set("intervalLimits", limits);
  Napi::Object t = Napi::Object::New(env);
  t.Set("labelMs", num(s.timings.label_ms));
  t.Set("edgesMs", num(s.timings.edges_ms));
  t.Set("mergeMs", num(s.timings.merge_ms));
  t.Set("unwrapMs", num(s.timings.unwrap_ms));
  t.Set("totalMs", num(s.timings.total_ms));
  o.Set("timings", t);
  o.Set("engineBytesPeak", num(static_cast<double>(s.engine_bytes_peak)));
  Napi::Array warnings = Napi::Array::New(env, s.warnings.size());
  for (std::size_t k = 0; k < s.warnings.size(); ++k) {
    Napi::Object w = Napi::Object::New(env);
    w.Set("code", Napi::String::New(env, s.warnings[k].code));
    w.Set("message", Napi::String::New(env, s.warnings[k].message));
    if (s.warnings[k].gates >= 0) w.Set("gates", num(static_cast<double>(s.warnings[k].gates)));
    warnings.Set(static_cast<std::uint32_t>(k), w);
  }
  o.Set("warnings", warnings);
  return o;
}

}  // namespace unfold_binding
