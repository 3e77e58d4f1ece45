/**
 * The services behind the CLI: the same ones the desktop app and browser mode use, with the run history
 * in a data folder of the user's choosing (default: a temporary folder, so scripted runs do not fill the
 * workbench's history), torn down when the command ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvents, DealiasRequest } from '../../common/api';
import type { RunRecord } from '../../common/dealias';
import { appPaths } from '../paths';
import { createServices, type Services } from '../services';
import { APP_VERSION } from '../version';

export async function withServices<T>(
  dataDir: string | undefined,
  poolSize: number | undefined,
  body: (services: Services) => Promise<T>,
): Promise<T> {
  const temporary = dataDir ? null : mkdtempSync(join(tmpdir(), 'unfold-cli-'));
  const paths = appPaths(__dirname);
  const services = createServices({
    appVersion: APP_VERSION,
    dataDir: dataDir ?? temporary!,
    workerScript: paths.workerScript,
    addonPath: paths.addonPath,
    samplePath: paths.samplePath,
    ...(poolSize ? { poolSize } : {}),
  });
  try {
    return await body(services);
  } finally {
    await services.shutdown();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

/** Run a dealias request to its end; a failed run rejects with the engine's message. */
export async function runToEnd(
  services: Services,
  request: DealiasRequest,
  onSweep?: (done: number, total: number) => void,
): Promise<RunRecord> {
  const unsubscribe = onSweep
    ? services.events.subscribe((event, payload) => {
        if (event !== 'job-progress') return;
        const progress = payload as ApiEvents['job-progress'];
        onSweep(progress.sweepsDone, progress.sweepsTotal);
      })
    : () => undefined;
  try {
    const { done } = await services.dealias.start(request);
    const record = await done;
    if (record.status === 'failed') throw new Error(record.error ?? 'the run failed');
    return record;
  } finally {
    unsubscribe();
  }
}
