// Conversion between JS values and the engine's plain structs, with the defensive validation the
// facade already did (shapes, typed-array kinds, lengths, Nyquist, variant). Errors are thrown as JS
// errors carrying a `code` property.
#pragma once

#include <napi.h>

#include "../core/errors.h"
#include "../core/types.h"

namespace unfold_binding {

// Throws a JS Error with `code` set (C++ exceptions are enabled in this addon).
[[noreturn]] void ThrowCoded(Napi::Env env, unfold::ErrorCode code, const std::string& message);

unfold::SweepInput ReadInput(Napi::Env env, const Napi::Value& value);
unfold::DealiasParams ReadParams(Napi::Env env, const Napi::Value& value);
unfold::Variant ReadVariant(Napi::Env env, const Napi::Value& value);
unfold::SweepOutput ReadOutput(Napi::Env env, const Napi::Value& value, const unfold::SweepInput& input);
Napi::Object StatsToJs(Napi::Env env, const unfold::SweepStats& stats);

}  // namespace unfold_binding
