/**
 * Composition root of the main-process services. Electron (main/electron), the browser mode
 * (main/web) and the CLI (main/cli) all build the same services here; only the transport differs.
 */
import { mkdirSync } from 'node:fs';
import { DealiasService } from './dealias';
import { EventHub } from './events';
import { ExportService } from './export';
import { RecentFiles } from './recent-files';
import { RunHistory } from './run-history';
import { VolumeService } from './volumes';
import { WorkerPool } from '../workers/pool';

export interface ServiceConfig {
  appVersion: string;
  /** folder for the run history and recent files (Electron: app.getPath('userData')) */
  dataDir: string;
  /** absolute path of the bundled worker (out/main/dealias-worker.js) */
  workerScript: string;
  /** absolute path of unfold_native.node */
  addonPath: string;
  /** bundled sample volume, if shipped */
  samplePath: string | null;
  /** worker threads; default: cores − 1, at least 1 */
  poolSize?: number;
}

export interface Services {
  config: ServiceConfig;
  events: EventHub;
  pool: WorkerPool;
  volumes: VolumeService;
  history: RunHistory;
  recent: RecentFiles;
  dealias: DealiasService;
  exporter: ExportService;
  shutdown(): Promise<void>;
}

export function createServices(config: ServiceConfig): Services {
  mkdirSync(config.dataDir, { recursive: true });
  const events = new EventHub();
  const pool = new WorkerPool({
    workerScript: config.workerScript,
    init: { addonPath: config.addonPath },
    ...(config.poolSize ? { size: config.poolSize } : {}),
  });
  const recent = new RecentFiles(config.dataDir);
  const volumes = new VolumeService(
    (path) => void recent.add(path),
    (summary) => events.emit('volume-updated', summary),
  );
  const history = new RunHistory(config.dataDir);
  const dealias = new DealiasService({
    pool,
    volumes,
    history,
    appVersion: config.appVersion,
    onProgress: (progress) => events.emit('job-progress', progress),
  });
  const exporter = new ExportService(dealias, config.appVersion);
  return {
    config,
    events,
    pool,
    volumes,
    history,
    recent,
    dealias,
    exporter,
    async shutdown() {
      volumes.closeAll();
      await pool.close();
    },
  };
}
