// See records_worker.h. Nothing from V8 is touched off the JavaScript thread: the input was copied
// into the worker, outputs stay in native buffers until CallJs copies them.
#include "records_worker.h"

#include <memory>
#include <utility>
#include <vector>

#include "../core/parallel_records.h"

namespace unfold_io_binding {
namespace {

// Shared by the thread-safe function's calls; deleted by its finalizer after the last one.
struct StreamContext {
  Napi::Promise::Deferred deferred;
  bool settled = false;
};

// One item through the queue: a decoded record, or the end of the work (final).
struct Delivery {
  size_t index = 0;
  unfold_io::OutputBuffer output;
  bool final = false;
  unfold_io::RecordsFailure failure;
  std::string internal_error;  // set when the worker itself failed (not a record)
};

void Settle(Napi::Env env, StreamContext* ctx, const Delivery& d) {
  if (ctx->settled) return;
  ctx->settled = true;
  if (!d.internal_error.empty()) {
    Napi::Error error = Napi::Error::New(env, d.internal_error);
    error.Set("code", Napi::String::New(env, "internal"));
    ctx->deferred.Reject(error.Value());
  } else if (!d.failure.ok) {
    const unfold_io::Bzip2Status& f = d.failure.failure;
    ctx->deferred.Reject(
        DecodeError(env, unfold_io::Bzip2ErrorKindName(f.kind), f.message, static_cast<int64_t>(d.failure.failed_index))
            .Value());
  } else {
    ctx->deferred.Resolve(env.Undefined());
  }
}

// Copy one record into V8 memory and hand it to onRecord. A throwing callback rejects the promise with
// its own error; later records are dropped.
void Deliver(Napi::Env env, Napi::Function on_record, StreamContext* ctx, std::unique_ptr<Delivery> d) {
  const size_t index = d->index;
  const unfold_io::OutputBuffer& o = d->output;
  // Buffer::Copy allocates in V8's heap without zero-filling first; hand out a plain Uint8Array view
  Napi::Buffer<uint8_t> copy = Napi::Buffer<uint8_t>::Copy(env, o.data(), o.size());
  Napi::Uint8Array bytes = Napi::Uint8Array::New(env, o.size(), copy.ArrayBuffer(), copy.ByteOffset());
  d.reset();  // free the native copy before the callback runs
  try {
    on_record.Call({Napi::Number::New(env, static_cast<double>(index)), bytes});
  } catch (const Napi::Error& e) {
    ctx->settled = true;
    ctx->deferred.Reject(e.Value());
  }
}

// On the JavaScript thread, called by the thread-safe function: env is null when the environment is
// being torn down. Nothing may escape from here (a C callback): while a worker thread terminates, V8
// calls fail with exceptions that nobody can receive any more.
void CallJs(Napi::Env env, Napi::Function on_record, StreamContext* ctx, Delivery* data) {
  std::unique_ptr<Delivery> d(data);
  if (env == nullptr || ctx->settled) return;
  try {
    if (d->final) {
      Settle(env, ctx, *d);
    } else {
      Deliver(env, on_record, ctx, std::move(d));
    }
  } catch (...) {
    // out of memory, or the environment is going away: reject if V8 still listens, else drop it
    ctx->settled = true;
    try {
      Napi::Error error = Napi::Error::New(env, "bunzip2Records could not hand a record over");
      error.Set("code", Napi::String::New(env, "internal"));
      ctx->deferred.Reject(error.Value());
    } catch (...) {
    }
  }
}

using RecordsTsfn = Napi::TypedThreadSafeFunction<StreamContext, Delivery, CallJs>;

class RecordsWorker : public Napi::AsyncWorker {
 public:
  RecordsWorker(Napi::Env env, RecordsInput input, size_t max_output, unsigned threads, RecordsTsfn tsfn)
      : Napi::AsyncWorker(env, "unfold_io.bunzip2Records"),
        input_(std::move(input)),
        max_output_(max_output),
        threads_(threads),
        tsfn_(tsfn) {}

 protected:
  void Execute() override {
    auto final = std::make_unique<Delivery>();
    final->final = true;
    try {
      std::vector<unfold_io::ByteSpan> spans;
      spans.reserve(input_.spans.size());
      for (const auto& [offset, size] : input_.spans)
        spans.push_back({input_.bytes.data() + offset, size});
      final->failure = unfold_io::DecompressRecordsEach(spans, max_output_, threads_,
                                                        [this](size_t i, unfold_io::OutputBuffer&& out) {
                                                          auto d = std::make_unique<Delivery>();
                                                          d->index = i;
                                                          d->output = std::move(out);
                                                          if (tsfn_.BlockingCall(d.get()) == napi_ok)
                                                            d.release();  // else the queue is closing: drop it
                                                        });
    } catch (const std::exception& e) {
      final->internal_error = std::string("bunzip2Records failed: ") + e.what();
    }
    if (tsfn_.BlockingCall(final.get()) == napi_ok) final.release();
    tsfn_.Release();
  }
  void OnOK() override {}
  void OnError(const Napi::Error&) override {}  // Execute never throws: the final delivery settles

 private:
  RecordsInput input_;
  size_t max_output_;
  unsigned threads_;
  RecordsTsfn tsfn_;
};

}  // namespace

Napi::Promise StartRecordsWorker(Napi::Env env, RecordsInput input, size_t max_output, unsigned threads,
                                 Napi::Function on_record) {
  auto* ctx = new StreamContext{Napi::Promise::Deferred::New(env)};
  Napi::Promise promise = ctx->deferred.Promise();
  RecordsTsfn tsfn = RecordsTsfn::New(env, on_record, "unfold_io.bunzip2Records", 0, 1, ctx,
                                      [](Napi::Env, void*, StreamContext* c) { delete c; });
  (new RecordsWorker(env, std::move(input), max_output, threads, tsfn))->Queue();  // deletes itself
  return promise;
}

}  // namespace unfold_io_binding
