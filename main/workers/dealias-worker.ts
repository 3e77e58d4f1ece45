/**
 * Entry point of a dealias worker thread. Loads the native engine once, then runs one sweep per
 * message: it allocates the output arrays, lets the addon fill them, and transfers them back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadNativeEngine, type NativeEngine } from '../../native/index';
import { epochMs, type SweepTask, type TaskReply, type TaskRequest, type WorkerInit } from './protocol';

const port = parentPort;
if (!port) throw new Error('dealias-worker.js must run as a worker thread');

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'internal';
}

function runTask(engine: NativeEngine, task: SweepTask): { reply: TaskReply; transfer: ArrayBuffer[] } {
  const receivedAt = epochMs();
  const cells = task.rays * task.gates;
  const corrected = new Float32Array(cells);
  const folds = new Int8Array(cells);
  const regions = new Int32Array(cells);
  const input = {
    velocity: task.velocity,
    rays: task.rays,
    gates: task.gates,
    nyquist: task.nyquist,
    ...(task.excluded ? { excluded: task.excluded } : {}),
  };
  // Fresh typed arrays are zero-filled, which lets the engine skip the gates that take no part.
  const stats = engine.dealiasSweep(input, task.params, task.variant, { corrected, folds, regions, zeroFilled: true });
  const reply: TaskReply = {
    kind: 'result',
    taskId: task.taskId,
    ok: true,
    corrected,
    folds,
    regions,
    stats,
    receivedAt,
    finishedAt: epochMs(),
    rssBytes: process.memoryUsage.rss(),
  };
  return { reply, transfer: [corrected.buffer, folds.buffer, regions.buffer] };
}

function start(init: WorkerInit): void {
  let engine: NativeEngine;
  try {
    engine = loadNativeEngine(init.addonPath);
  } catch (err) {
    port!.postMessage({ kind: 'load-failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  port!.postMessage({ kind: 'ready', engineVersion: engine.version(), simdLevel: engine.simdLevel() });
  port!.on('message', (message: TaskRequest) => {
    if (message.kind === 'crash-for-test') {
      // An uncaught exception ends this thread with an 'error' event: the pool must recover from it.
      setImmediate(() => {
        throw new Error('deliberate worker crash (test)');
      });
      return;
    }
    try {
      const { reply, transfer } = runTask(engine, message);
      port!.postMessage(reply, transfer);
    } catch (err) {
      const message_ = err instanceof Error ? err.message : String(err);
      port!.postMessage({ kind: 'result', taskId: message.taskId, ok: false, code: errorCode(err), message: message_ });
    }
  });
}

start(workerData as WorkerInit);
