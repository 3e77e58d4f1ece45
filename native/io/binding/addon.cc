// The unfold_io addon: registers bunzip2RecordsEach (parallel, records handed over as they are decoded,
// returns a promise), bunzip2Sync,
// recordThreads and unpackGates (NEXRAD gate unpacking for readField) on a context-aware Napi::Addon (one instance per
// worker thread, no static state). Results live in V8-allocated buffers (NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED, as
// Electron requires).
#include <napi.h>

#include "../core/bzip2.h"
#include "../core/parallel_records.h"
#include "args.h"
#include "gates.h"
#include "records_worker.h"

namespace unfold_io_binding {

class IoAddon : public Napi::Addon<IoAddon> {
 public:
  IoAddon(Napi::Env /*env*/, Napi::Object exports) {
    DefineAddon(exports, {
                             InstanceMethod("bunzip2RecordsEach", &IoAddon::Bunzip2RecordsEach),
                             InstanceMethod("bunzip2Sync", &IoAddon::Bunzip2Sync),
                             InstanceMethod("recordThreads", &IoAddon::RecordThreads),
                             InstanceMethod("unpackGates", &IoAddon::Gates),
                         });
  }

 private:
  // bunzip2RecordsEach(records: Uint8Array[], maxOutputBytes: number, onRecord: (index, bytes) => void,
  //                    threads?: number): Promise<void>; onRecord runs for each record as it is decoded
  Napi::Value Bunzip2RecordsEach(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    RecordsInput input = ReadRecords(env, info[0]);
    const size_t max_output = ReadMaxOutput(env, info[1]);
    if (!info[2].IsFunction()) {
      Napi::TypeError error = Napi::TypeError::New(env, "invalid parameter onRecord: expected a function");
      error.Set("code", Napi::String::New(env, "invalid-input"));
      throw error;
    }
    const unsigned threads = ReadThreads(env, info[3]);
    return StartRecordsWorker(env, std::move(input), max_output, threads, info[2].As<Napi::Function>());
  }

  // bunzip2Sync(bytes: Uint8Array, maxOutputBytes: number): Uint8Array, on the calling thread
  Napi::Value Bunzip2Sync(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const auto [data, size] = ReadBytes(env, info[0], "bytes");
    const size_t max_output = ReadMaxOutput(env, info[1]);
    unfold_io::Bzip2Decoder decoder;
    unfold_io::OutputBuffer out;
    const unfold_io::Bzip2Status status = decoder.Decompress(data, size, max_output, &out);
    if (!status.ok) throw DecodeError(env, unfold_io::Bzip2ErrorKindName(status.kind), status.message, -1);
    Napi::Buffer<uint8_t> copy = Napi::Buffer<uint8_t>::Copy(env, out.data(), out.size());
    return Napi::Uint8Array::New(env, out.size(), copy.ArrayBuffer(), copy.ByteOffset());
  }

  // unpackGates(chunks, layout, wordBits, table, out, width): NEXRAD gates to float32 rows (gates.h)
  Napi::Value Gates(const Napi::CallbackInfo& info) { return UnpackGates(info); }

  // recordThreads(records: number, requested?: number): the threads bunzip2Records would use
  Napi::Value RecordThreads(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const double records = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
    const unsigned requested = ReadThreads(env, info[1]);
    const size_t count = records >= 1 ? static_cast<size_t>(records) : 1;
    return Napi::Number::New(env, unfold_io::RecordThreads(count, requested));
  }
};

}  // namespace unfold_io_binding

using unfold_io_binding::IoAddon;
NODE_API_ADDON(IoAddon)
