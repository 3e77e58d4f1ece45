// See records_worker.h. Nothing from V8 is touched in Execute: the input was copied into input_ and
// the results stay in native buffers until OnOK, back on the JavaScript thread.
#include "records_worker.h"

#include <utility>

namespace unfold_io_binding {

RecordsWorker::RecordsWorker(Napi::Env env, RecordsInput input, size_t max_output, unsigned threads)
    : Napi::AsyncWorker(env, "unfold_io.bunzip2Records"),
      deferred_(Napi::Promise::Deferred::New(env)),
      input_(std::move(input)),
      max_output_(max_output),
      threads_(threads) {}

void RecordsWorker::Execute() {
  std::vector<unfold_io::ByteSpan> spans;
  spans.reserve(input_.spans.size());
  for (const auto& [offset, size] : input_.spans)
    spans.push_back({input_.bytes.data() + offset, size});
  result_ = unfold_io::DecompressRecords(spans, max_output_, threads_);
}

void RecordsWorker::OnOK() {
  Napi::Env env = Env();
  if (!result_.ok) {
    const unfold_io::Bzip2Status& f = result_.failure;
    deferred_.Reject(
        DecodeError(env, unfold_io::Bzip2ErrorKindName(f.kind), f.message, static_cast<int64_t>(result_.failed_index))
            .Value());
    return;
  }
  Napi::Array out = Napi::Array::New(env, result_.outputs.size());
  for (size_t i = 0; i < result_.outputs.size(); ++i) {
    unfold_io::OutputBuffer& o = result_.outputs[i];
    // Buffer::Copy allocates in V8's heap without zero-filling first; hand out a plain Uint8Array view
    Napi::Buffer<uint8_t> copy = Napi::Buffer<uint8_t>::Copy(env, o.data(), o.size());
    out.Set(static_cast<uint32_t>(i), Napi::Uint8Array::New(env, o.size(), copy.ArrayBuffer(), copy.ByteOffset()));
    o = unfold_io::OutputBuffer();  // free each native copy as soon as V8 has its own
  }
  deferred_.Resolve(out);
}

void RecordsWorker::OnError(const Napi::Error& error) {
  deferred_.Reject(error.Value());
}

}  // namespace unfold_io_binding
