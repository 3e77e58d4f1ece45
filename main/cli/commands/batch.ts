/**
 * `unfold batch DIR|GLOB --out DIR`: dealias and export every radar file; one log line per file, a
 * progress bar on a terminal, a summary, and a non-zero exit if any file failed (the others still run).
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { sniffFile } from '../../io/open-volume';
import { withServices } from '../context';
import { ms } from '../format';
import type { DealiasCliOptions } from '../main';
import { ProgressLine } from '../progress';
import { dealiasFile } from './dealias';

export const BATCH_HELP = `usage: unfold batch DIR|GLOB --out DIR [--variant NAME] [--jobs N] [options]

Dealias every radar file of a folder (or matching a pattern like 'data/K*_V06') and write each corrected
volume as <name>.unfold.nc into the --out folder. Takes the same dealias options as 'unfold dealias'.
  --jobs N   files processed at once (default 1; each file's sweeps use the worker pool)
  --json     print a JSON summary at the end`;

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** Radar files (by magic bytes) of a folder, or of the folder part of a pattern whose name part matches. */
export async function batchInputs(target: string): Promise<string[]> {
  const absolute = resolve(target);
  const info = await stat(absolute).catch(() => null);
  const folder = info?.isDirectory() ? absolute : dirname(absolute);
  const matcher = info?.isDirectory() ? null : globToRegExp(basename(absolute));
  const names = (await readdir(folder)).filter((n) => !n.startsWith('.') && (!matcher || matcher.test(n))).sort();
  const files: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    if (!(await stat(path)).isFile()) continue;
    if (await sniffFile(path)) files.push(path);
  }
  return files;
}

export function outputName(input: string): string {
  let name = basename(input);
  for (const ext of ['.gz', '.bz2']) if (name.endsWith(ext)) name = name.slice(0, -ext.length);
  const ext = extname(name);
  if (['.nc', '.h5', '.hdf5', '.uf', '.mvol'].includes(ext)) name = name.slice(0, -ext.length);
  return `${name}.unfold.nc`;
}

export async function batchCommand(
  target: string,
  outDir: string,
  jobs: number,
  options: DealiasCliOptions,
): Promise<number> {
  const files = await batchInputs(target);
  if (files.length === 0) {
    console.error(`unfold batch: no radar files found in ${target}`);
    return 1;
  }
  await mkdir(resolve(outDir), { recursive: true });
  const results: Array<{
    file: string;
    ok: boolean;
    output?: string;
    totalMs?: number;
    gatesChanged?: number;
    error?: string;
  }> = [];
  const progress = options.json ? undefined : new ProgressLine();
  await withServices(options.dataDir, undefined, async (services) => {
    const queue = [...files];
    const worker = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const out = join(resolve(outDir), outputName(file));
        try {
          const { record } = await dealiasFile(services, file, { ...options, out, sweeps: [] });
          results.push({
            file,
            ok: true,
            output: out,
            totalMs: record.timings.totalMs,
            gatesChanged: record.gatesChanged,
          });
          progress?.clear();
          if (!options.json)
            console.log(
              `ok      ${basename(file)} → ${out} (${ms(record.timings.totalMs)} ms, ${record.gatesChanged} gates changed)`,
            );
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          results.push({ file, ok: false, error: message });
          progress?.clear();
          if (!options.json) console.log(`FAILED  ${basename(file)}: ${message}`);
        }
        progress?.update(results.length, files.length, 'files');
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  });
  progress?.clear();
  const failed = results.filter((r) => !r.ok).length;
  if (options.json)
    console.log(JSON.stringify({ files: results, succeeded: results.length - failed, failed }, null, 2));
  else
    console.log(
      `\n${results.length - failed} of ${results.length} files dealiased and written to ${resolve(outDir)}; ${failed} failed`,
    );
  return failed > 0 ? 1 : 0;
}
