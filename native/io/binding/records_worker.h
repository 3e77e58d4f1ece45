// bunzip2RecordsEach(records, maxOutputBytes, onRecord, threads?): one AsyncWorker on the libuv thread
// pool runs the core's parallel record decoder (which starts its own helper threads, one decoder
// each). Every decoded record travels through a thread-safe function to the JavaScript thread, where it
// is copied into a V8-allocated buffer (Electron forbids external buffers) and handed to onRecord while
// the other records are still being decoded; the promise settles after the last record, through the
// same queue, so every onRecord call comes before it.
#ifndef UNFOLD_IO_BINDING_RECORDS_WORKER_H_
#define UNFOLD_IO_BINDING_RECORDS_WORKER_H_

#include <napi.h>

#include "args.h"

namespace unfold_io_binding {

// Queue the work and return the promise.
Napi::Promise StartRecordsWorker(Napi::Env env, RecordsInput input, size_t max_output, unsigned threads,
                                 Napi::Function on_record);

}  // namespace unfold_io_binding

#endif  // UNFOLD_IO_BINDING_RECORDS_WORKER_H_
