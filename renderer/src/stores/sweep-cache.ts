/**
 * Small least-recently-used caches of the big arrays the views draw: sweeps read from files and the
 * dealiased sweeps of runs. Entries are promises, so concurrent requests share one API call; failures are
 * not kept. The arrays are never made reactive (a Vue proxy over 1.3 million gates would cost for nothing).
 */
import type { RunSweepData, SweepData } from '../../../common/api';
import type { MomentName } from '../../../common/moments';
import { api, unwrap } from '../api';

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Remember a promise under `key` unless it rejects. */
function cached<T>(cache: LruCache<Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = load();
  cache.set(key, promise);
  promise.catch(() => cache.delete(key));
  return promise;
}

export class SweepCache {
  private readonly sweeps = new LruCache<Promise<SweepData>>(12);
  private readonly runs = new LruCache<Promise<RunSweepData>>(8);

  sweep(volumeId: string, sweep: number, moment: MomentName): Promise<SweepData> {
    return cached(this.sweeps, `${volumeId}/${sweep}/${moment}`, async () =>
      unwrap(await api.getSweep(volumeId, sweep, moment)),
    );
  }

  runSweep(runId: string, sweep: number): Promise<RunSweepData> {
    return cached(this.runs, `${runId}/${sweep}`, async () => unwrap(await api.getRunSweep(runId, sweep)));
  }
}
