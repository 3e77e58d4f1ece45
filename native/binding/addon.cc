// The Node addon: registers dealiasSweep, version and simdLevel on a context-aware Napi::Addon (one
// instance per worker thread, no static state). Inputs are converted to plain structs first, the
// engine fills the caller's typed arrays in place (zero copy), engine errors become JS errors with
// a `code` property.
#include <napi.h>

#include "../core/dealias.h"
#include "../core/simd.h"
#include "convert.h"

namespace unfold_binding {

class UnfoldAddon : public Napi::Addon<UnfoldAddon> {
 public:
  UnfoldAddon(Napi::Env env, Napi::Object exports) {
    DefineAddon(exports, {
                             InstanceMethod("dealiasSweep", &UnfoldAddon::DealiasSweep),
                             InstanceMethod("version", &UnfoldAddon::Version),
                             InstanceMethod("simdLevel", &UnfoldAddon::Simd),
                         });
  }

 private:
  // dealiasSweep(input, params, variant, output) -> stats
  Napi::Value DealiasSweep(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() != 4) {
      ThrowCoded(
          env, unfold::ErrorCode::kInvalidInput,
          "dealiasSweep expects (input, params, variant, output), got " + std::to_string(info.Length()) + " arguments");
    }
    const unfold::SweepInput input = ReadInput(env, info[0]);
    const unfold::DealiasParams params = ReadParams(env, info[1]);
    const unfold::Variant variant = ReadVariant(env, info[2]);
    unfold::SweepOutput output = ReadOutput(env, info[3], input);
    try {
      return StatsToJs(env, unfold::DealiasSweep(input, params, variant, output));
    } catch (const unfold::EngineError& e) {
      ThrowCoded(env, e.code(), e.what());
    } catch (const std::bad_alloc&) {
      ThrowCoded(env, unfold::ErrorCode::kMemoryBudget, "out of memory while dealiasing the sweep");
    } catch (const std::exception& e) {
      ThrowCoded(env, unfold::ErrorCode::kInternal, std::string("internal engine error: ") + e.what());
    }
  }

  Napi::Value Version(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), unfold::EngineVersion()); }
  Napi::Value Simd(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), unfold::SimdLevel()); }
};

}  // namespace unfold_binding

using unfold_binding::UnfoldAddon;
NODE_API_ADDON(UnfoldAddon)
