/**
 * A fixed-size pool of worker_threads that run dealias tasks. Each worker loads the native addon once
 * (it is context-aware, so every worker gets its own instance). Tasks carry typed arrays that are
 * transferred, not copied, in both directions. A worker that crashes or exits fails only the task it
 * was running (with a typed error) and is replaced, so the pool keeps its size.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TaskReply, TaskRequest, WorkerInit } from './protocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class WorkerCrashError extends Error {
  readonly code = 'worker-crashed';
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

/** The error a task reported: its code comes from the engine (DealiasError codes) or 'internal'. */
export class TaskError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'TaskError';
    this.code = code;
  }
}

interface Pending {
  request: TaskRequest;
  transfer: ArrayBuffer[];
  resolve: (reply: Extract<TaskReply, { ok: true }>) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  ready: Promise<void>;
}

/** Pool size for this machine: available cores − 1 (main keeps one), at least 1. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export interface PoolOptions {
  /** absolute path of the bundled worker script (out/main/dealias-worker.js) */
  workerScript: string;
  init: WorkerInit;
  size?: number;
}

export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextTaskId = 1;
  private closed = false;
  /** engine facts reported by the first worker that loaded the addon */
  engineInfo: Promise<{ version: string; simdLevel: string }>;
  private resolveEngineInfo!: (info: { version: string; simdLevel: string }) => void;

  constructor(private readonly options: PoolOptions) {
    this.size = options.size ?? defaultPoolSize();
    this.engineInfo = new Promise((resolve) => (this.resolveEngineInfo = resolve));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerScript, { workerData: this.options.init });
    let markReady!: () => void;
    let markFailed!: (err: Error) => void;
    const slot: Slot = {
      worker,
      busy: null,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        markFailed = reject;
      }),
    };
    slot.ready.catch(() => undefined); // failures surface through the tasks
    worker.on('message', (reply: TaskReply) => {
      if (reply.kind === 'ready') {
        this.resolveEngineInfo({ version: reply.engineVersion, simdLevel: reply.simdLevel });
        markReady();
        this.pump();
        return;
      }
      if (reply.kind === 'load-failed') {
        markFailed(new TaskError('engine-unavailable', reply.message));
        return;
      }
      const pending = slot.busy;
      slot.busy = null;
      if (pending) {
        if (reply.ok) pending.resolve(reply);
        else pending.reject(new TaskError(reply.code, reply.message));
      }
      this.pump();
    });
    const onDeath = (why: string): void => {
      const pending = slot.busy;
      slot.busy = null;
      markFailed(new WorkerCrashError(why));
      if (pending) pending.reject(new WorkerCrashError(`the dealias worker stopped while running a task: ${why}`));
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !this.closed) {
        this.slots[index] = this.spawn();
      }
    };
    worker.on('error', (err) => onDeath(err.message));
    worker.on('exit', (code) => {
      if (!this.closed) onDeath(`exit code ${code}`);
    });
    return slot;
  }

  /** Run one task on the next free worker. `transfer` buffers are moved to the worker (unusable here after). */
  run(
    request: DistributiveOmit<TaskRequest, 'taskId'>,
    transfer: ArrayBuffer[],
  ): Promise<Extract<TaskReply, { ok: true }>> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { ...request, taskId: this.nextTaskId++ } as TaskRequest, transfer, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.ready.then(
        () => slot.worker.postMessage(pending.request, pending.transfer),
        (err: Error) => {
          slot.busy = null;
          pending.reject(err);
        },
      );
    }
  }

  /** Make the next free worker die while it holds a task (tests of crash recovery only). */
  crashOneForTest(): Promise<unknown> {
    return this.run({ kind: 'crash-for-test' }, []);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the worker pool was closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
