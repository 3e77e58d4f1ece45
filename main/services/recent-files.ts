/**
 * The recently opened files, newest first, persisted as JSON in the app's data folder (written atomically).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write';

const MAX_RECENT = 12;

export class RecentFiles {
  private readonly file: string;
  private list: string[] | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent-files.json');
  }

  async get(): Promise<string[]> {
    if (this.list) return [...this.list];
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      this.list = Array.isArray(parsed)
        ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT)
        : [];
    } catch {
      this.list = [];
    }
    return [...this.list];
  }

  /** Move `path` to the front; failures to persist are not fatal (the list is a convenience). */
  add(path: string): Promise<void> {
    const write = async (): Promise<void> => {
      const current = await this.get();
      this.list = [path, ...current.filter((p) => p !== path)].slice(0, MAX_RECENT);
      await mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(this.list, null, 2)}\n`).catch(() => undefined);
    };
    this.tail = this.tail.then(write, write);
    return this.tail;
  }
}
