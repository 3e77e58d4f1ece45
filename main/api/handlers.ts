/**
 * The API methods implemented on top of the services. Handlers receive arguments already validated
 * (see dispatch.ts) and may throw; dispatch turns what they throw into typed ApiErrors.
 */
import type { AppInfo, ApiMethod, ApiValue, ApiArgs } from '../../common/api';
import { DEFAULT_PARAMS, VARIANTS } from '../../common/dealias';
import type { Services } from '../services';

/** Native dialogs exist only in the Electron shell; browser mode answers 'unsupported'. */
export interface Dialogs {
  chooseFile(): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
  chooseSavePath(defaultName: string): Promise<string | null>;
}

export class UnsupportedError extends Error {
  readonly code = 'unsupported';
}

export type Handlers = { [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<ApiValue<M>> };

export interface HandlerContext {
  services: Services;
  mode: AppInfo['mode'];
  dialogs: Dialogs | null;
  /** file to open at start (command line), else the sample on first launch */
  initialFile: string | null;
}

function requireDialogs(dialogs: Dialogs | null): Dialogs {
  if (!dialogs) throw new UnsupportedError('native dialogs are only available in the desktop app; type a path instead');
  return dialogs;
}

export function createHandlers(context: HandlerContext): Handlers {
  const { services, dialogs } = context;
  const { volumes, dealias, history, recent, exporter, pool, config } = services;
  return {
    async appInfo() {
      const engine = await pool.engineInfo;
      return {
        name: 'Unfold',
        version: config.appVersion,
        mode: context.mode,
        engineVersion: engine.version,
        simdLevel: engine.simdLevel,
        variants: VARIANTS,
        defaultParams: { ...DEFAULT_PARAMS },
        poolSize: pool.size,
        samplePath: config.samplePath,
        initialFile: context.initialFile,
      };
    },
    openFile: (path) => volumes.openFile(path),
    chooseFile: () => requireDialogs(dialogs).chooseFile(),
    chooseFolder: () => requireDialogs(dialogs).chooseFolder(),
    chooseSavePath: (name) => requireDialogs(dialogs).chooseSavePath(name),
    listFolder: (path) => volumes.listFolder(path),
    recentFiles: () => recent.get(),
    async closeVolume(id) {
      volumes.close(id);
      return null;
    },
    getSweep: (id, sweep, moment) => volumes.getSweep(id, sweep, moment),
    async startDealias(request) {
      const { jobId, runId } = await dealias.start(request);
      return { jobId, runId };
    },
    async cancelJob(jobId) {
      dealias.cancel(jobId);
      return null;
    },
    listRuns: () => history.list(),
    getRunSweep: (runId, sweep) => dealias.getRunSweep(runId, sweep),
    async clearRuns() {
      await history.clear();
      return null;
    },
    exportRuns: (format, path) => history.exportTo(format, path),
    exportCorrected: (runId, path, options) =>
      exporter.exportCorrected(runId, path, options, (fraction, stage) =>
        services.events.emit('export-progress', { runId, path, fraction, stage }),
      ),
  };
}
