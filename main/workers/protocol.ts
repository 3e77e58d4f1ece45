/**
 * Messages between the main thread and a dealias worker. Typed arrays in these messages travel in the
 * transfer list (moved, not copied). Times are epoch milliseconds (performance.timeOrigin + now()),
 * comparable across threads, so the boundary cost (marshal in / out) can be measured.
 */
import type { DealiasParams as EngineParams, EngineVariant, SweepStats } from '../../native/index';

export type { EngineParams, EngineVariant, SweepStats };

export interface WorkerInit {
  /** absolute path of unfold_native.node */
  addonPath: string;
}

export interface SweepTask {
  kind: 'dealias-sweep';
  taskId: number;
  velocity: Float32Array;
  rays: number;
  gates: number;
  /** m/s */
  nyquist: number;
  /** 1 = excluded by the gate filter; omitted = only missing gates are excluded */
  excluded?: Uint8Array;
  params: EngineParams;
  variant: EngineVariant;
  /** epoch ms when main posted the task */
  postedAt: number;
}

/** Makes the worker die while it holds a task (tests of the pool's crash recovery only). */
export interface CrashTask {
  kind: 'crash-for-test';
  taskId: number;
}

export type TaskRequest = SweepTask | CrashTask;

export type TaskReply =
  | { kind: 'ready'; engineVersion: string; simdLevel: string }
  | { kind: 'load-failed'; message: string }
  | {
      kind: 'result';
      taskId: number;
      ok: true;
      corrected: Float32Array;
      folds: Int8Array;
      regions: Int32Array;
      stats: SweepStats;
      /** epoch ms when the worker received the task / finished it */
      receivedAt: number;
      finishedAt: number;
      /** process RSS (bytes) right after the engine call */
      rssBytes: number;
    }
  | { kind: 'result'; taskId: number; ok: false; code: string; message: string };

/** Epoch milliseconds with sub-millisecond precision, comparable between threads. */
export const epochMs = (): number => performance.timeOrigin + performance.now();
