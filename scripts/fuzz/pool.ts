/**
 * A pool of child processes that exercise fuzz cases (`case-runner.ts`), with a watchdog: a case
 * that overruns its time limit has its child killed and is reported as a timeout; a child that dies
 * (native crash, out of memory) is reported as a crash with the tail of its stderr; a child whose
 * memory has grown past a limit is replaced between cases. Children start through tsx, so the
 * readers run from their TypeScript sources exactly as the tests run them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CaseReply, CaseRequest } from './case-runner';
import type { ExerciseOptions, Outcome } from './exercise';

export interface PoolOptions {
  /** child processes working at once */
  jobs: number;
  /** ms a case may take before its child is killed */
  timeoutMs: number;
  /** resident bytes after which a child is replaced between cases */
  maxRssBytes: number;
  /** V8 heap limit of each child, MiB */
  heapMiB: number;
  /** repository root (cwd of the children, where tsx is installed) */
  root: string;
}

export interface CaseResult {
  outcome: Outcome;
  ms: number;
}

interface Task {
  id: number;
  path: string;
  options: ExerciseOptions;
  resolve: (result: CaseResult) => void;
}

interface Worker {
  child: ChildProcess;
  /** said it was ready (modules loaded) */
  ready: boolean;
  /** being replaced: takes no more cases */
  retiring: boolean;
  task: (Task & { timer: NodeJS.Timeout; started: number }) | null;
  stderr: string;
}

const STDERR_TAIL = 2000;
const MAX_START_FAILURES = 3;

export class CasePool {
  private readonly queue: Task[] = [];
  private readonly workers = new Set<Worker>();
  private nextId = 0;
  private closed = false;
  /** children in a row that died before saying they were ready; the pool gives up at MAX_START_FAILURES */
  private startFailures = 0;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.jobs; i++) this.spawn();
  }

  /** Exercise the file at `path` in a child; resolves with its outcome (never rejects). */
  run(path: string, options: ExerciseOptions = {}): Promise<CaseResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, path, options, resolve });
      this.dispatch();
    });
  }

  /** Stop every child. */
  close(): void {
    this.closed = true;
    for (const w of this.workers) w.child.kill('SIGKILL');
    this.workers.clear();
  }

  private spawn(): void {
    const child = fork(join(__dirname, 'case-runner.ts'), [], {
      cwd: this.options.root,
      execArgv: ['--import', 'tsx', `--max-old-space-size=${this.options.heapMiB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const worker: Worker = { child, ready: false, retiring: false, task: null, stderr: '' };
    this.workers.add(worker);
    child.stderr?.on('data', (chunk: Buffer) => {
      worker.stderr = (worker.stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    child.on('message', (message: CaseReply | { ready: true }) => this.onMessage(worker, message));
    child.on('exit', (code, signal) => this.onExit(worker, code, signal));
  }

  private onMessage(worker: Worker, message: CaseReply | { ready: true }): void {
    if ('ready' in message) {
      worker.ready = true;
      this.startFailures = 0;
    } else if (worker.task && worker.task.id === message.id) {
      this.finish(worker, { outcome: message.outcome, ms: message.ms });
      if (message.rss > this.options.maxRssBytes) this.retire(worker);
    }
    this.dispatch();
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    this.workers.delete(worker);
    const tail = worker.stderr.trim().split('\n').slice(-12).join('\n');
    const died = `the child process died (exit code ${code}, signal ${signal})${tail ? `:\n${tail}` : ''}`;
    if (worker.task) {
      this.finish(worker, { outcome: { status: 'crash', message: died }, ms: performance.now() - worker.task.started });
    } else if (!worker.ready && !this.closed && ++this.startFailures >= MAX_START_FAILURES) {
      // The case runner itself cannot start (a broken import, say): fail every case instead of respawning forever.
      this.closed = true;
      for (const task of this.queue.splice(0)) {
        task.resolve({ outcome: { status: 'crash', message: `the case runner cannot start; ${died}` }, ms: 0 });
      }
      return;
    }
    if (!this.closed) {
      this.spawn();
      this.dispatch();
    }
  }

  private finish(worker: Worker, result: CaseResult): void {
    const task = worker.task;
    if (!task) return;
    clearTimeout(task.timer);
    worker.task = null;
    task.resolve(result);
  }

  /** Replace a child: kill it; its exit handler spawns the successor. */
  private retire(worker: Worker): void {
    worker.retiring = true;
    worker.child.kill('SIGKILL');
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (!worker.ready || worker.retiring || worker.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      const timer = setTimeout(() => {
        const limit = this.options.timeoutMs;
        this.finish(worker, { outcome: { status: 'timeout', message: `no answer within ${limit} ms` }, ms: limit });
        this.retire(worker);
      }, this.options.timeoutMs);
      worker.task = { ...task, timer, started: performance.now() };
      const request: CaseRequest = { id: task.id, path: task.path, options: task.options };
      worker.child.send(request);
    }
  }
}
