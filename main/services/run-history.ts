/**
 * The persisted run history: one JSON line per finished run in `runs.jsonl` in the app's data folder.
 * Appending a line is the only write in normal use, and each append is flushed to disk, so a crash while
 * writing loses at most that run; a torn last line is skipped (and reported) when the file is loaded.
 * Clearing and exporting write whole files atomically.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../../common/dealias';
import { describeWriteError, writeFileAtomic } from '../util/atomic-write';
import { runsToCsv } from './run-history-csv';

export interface HistoryLoad {
  runs: RunRecord[];
  /** lines that could not be parsed (a crash mid-append leaves at most one) */
  skippedLines: number;
}

export class RunHistory {
  readonly file: string;
  private runs: RunRecord[] = [];
  private loaded: Promise<HistoryLoad> | null = null;
  /** appends are serialised so lines never interleave */
  private tail: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'runs.jsonl');
  }

  load(): Promise<HistoryLoad> {
    this.loaded ??= this.readFromDisk();
    return this.loaded;
  }

  private async readFromDisk(): Promise<HistoryLoad> {
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let skippedLines = 0;
    const runs: RunRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const run = JSON.parse(line) as RunRecord;
        if (typeof run.id === 'string' && typeof run.variant === 'string') runs.push(run);
        else skippedLines++;
      } catch {
        skippedLines++;
      }
    }
    this.runs = runs;
    return { runs, skippedLines };
  }

  async list(): Promise<RunRecord[]> {
    await this.load();
    return [...this.runs];
  }

  async get(id: string): Promise<RunRecord | undefined> {
    await this.load();
    return this.runs.find((r) => r.id === id);
  }

  /** Append one run and flush it to disk before resolving. */
  append(run: RunRecord): Promise<void> {
    const write = async (): Promise<void> => {
      await this.load();
      await mkdir(join(this.file, '..'), { recursive: true });
      // A previous crash may have left a torn line without its newline: start on a fresh line then.
      const prefix = (await this.endsWithoutNewline()) ? '\n' : '';
      try {
        const handle = await open(this.file, 'a');
        try {
          await handle.appendFile(`${prefix}${JSON.stringify(run)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (err) {
        throw describeWriteError(this.file, err);
      }
      this.runs.push(run);
    };
    this.tail = this.tail.then(write, write);
    return this.tail;
  }

  private async endsWithoutNewline(): Promise<boolean> {
    try {
      const handle = await open(this.file, 'r');
      try {
        const { size } = await handle.stat();
        if (size === 0) return false;
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        return last[0] !== 0x0a;
      } finally {
        await handle.close();
      }
    } catch {
      return false;
    }
  }

  /** Remove every run (the UI asks for confirmation first). */
  clear(): Promise<void> {
    const write = async (): Promise<void> => {
      await mkdir(join(this.file, '..'), { recursive: true });
      await writeFileAtomic(this.file, '');
      this.runs = [];
      this.loaded = Promise.resolve({ runs: [], skippedLines: 0 });
    };
    this.tail = this.tail.then(write, write);
    return this.tail;
  }

  /** Write the history as CSV or JSON to `path`, atomically; resolves to the path written. */
  async exportTo(format: 'csv' | 'json', path: string): Promise<string> {
    const runs = await this.list();
    const text = format === 'csv' ? runsToCsv(runs) : `${JSON.stringify(runs, null, 2)}\n`;
    await writeFileAtomic(path, text);
    return path;
  }
}
