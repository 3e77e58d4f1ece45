// unpackGates(chunks, layout, wordBits, table, out, width): the adapter of core/gates.h. Validates
// every ray's chunk index, offset and gate count against the real buffers, so that no layout, however
// wrong, can make the core read or write out of bounds.
#ifndef UNFOLD_IO_BINDING_GATES_H_
#define UNFOLD_IO_BINDING_GATES_H_

#include <napi.h>

namespace unfold_io_binding {

Napi::Value UnpackGates(const Napi::CallbackInfo& info);

}  // namespace unfold_io_binding

#endif  // UNFOLD_IO_BINDING_GATES_H_
