/**
 * Child process of the reader fuzzer: once its modules are loaded it says `{ ready: true }`, then
 * receives `{ id, path }` messages over IPC, exercises each file (`exercise.ts`) and answers
 * `{ id, outcome, ms, rss }`. The parent kills it when a case overruns its time limit, so a hanging
 * reader costs one case, not the run. Started by `pool.ts` through tsx.
 */
import { exercise, type ExerciseOptions, type Outcome } from './exercise';

export interface CaseRequest {
  id: number;
  path: string;
  options: ExerciseOptions;
}

export interface CaseReply {
  id: number;
  outcome: Outcome;
  /** milliseconds the case took */
  ms: number;
  /** bytes of resident memory after the case, so the parent can recycle a bloated child */
  rss: number;
}

function serve(): void {
  let current: { id: number; started: number } | null = null;
  const reply = (id: number, outcome: Outcome, started: number): void => {
    const message: CaseReply = { id, outcome, ms: performance.now() - started, rss: process.memoryUsage().rss };
    process.send?.(message);
  };
  // A reader that leaves a rejected promise behind is a bug too: charge it to the case that is running.
  process.on('unhandledRejection', (err) => {
    const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
    if (current)
      reply(
        current.id,
        { status: 'exception', stage: 'unhandled rejection', message: String(err), stack },
        current.started,
      );
  });
  process.on('message', (request: CaseRequest) => {
    const running = { id: request.id, started: performance.now() };
    current = running;
    void exercise(request.path, request.options).then((outcome) => {
      current = null;
      reply(running.id, outcome, running.started);
    });
  });
  process.send?.({ ready: true });
}

serve();
