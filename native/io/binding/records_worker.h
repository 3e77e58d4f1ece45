// bunzip2Records on the libuv thread pool: one AsyncWorker whose Execute runs the core's parallel
// record decoder (which starts its own helper threads, one decoder each), then OnOK copies each result
// into a V8-allocated buffer (Electron forbids external buffers) and resolves the promise.
#ifndef UNFOLD_IO_BINDING_RECORDS_WORKER_H_
#define UNFOLD_IO_BINDING_RECORDS_WORKER_H_

#include <napi.h>

#include "../core/parallel_records.h"
#include "args.h"

namespace unfold_io_binding {

class RecordsWorker : public Napi::AsyncWorker {
 public:
  RecordsWorker(Napi::Env env, RecordsInput input, size_t max_output, unsigned threads);

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error& error) override;

 private:
  Napi::Promise::Deferred deferred_;
  RecordsInput input_;
  size_t max_output_;
  unsigned threads_;
  unfold_io::RecordsResult result_;
};

}  // namespace unfold_io_binding

#endif  // UNFOLD_IO_BINDING_RECORDS_WORKER_H_
