/**
 * Open volumes and their sweeps, for every client (workbench, CLI, dealias jobs, exporter). Volumes are
 * held by id until closed; sweep data is decoded on demand by the reader.
 */
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { FolderEntry, FolderListing, SweepData, VolumeSummary } from '../../common/api';
import type { MomentName } from '../../common/moments';
import type { OpenedVolume } from '../../common/volume';
import { openVolume, sniffFile } from '../io/open-volume';
import { ReaderError } from '../io/reader-error';
import type { ReaderOptions } from '../io/reader';
import { timeFromFileName } from './file-times';

export class NotFoundError extends Error {
  readonly code = 'not-found';
}

interface Entry {
  summary: VolumeSummary;
  volume: OpenedVolume;
}

export class VolumeService {
  private readonly open = new Map<string, Entry>();

  constructor(private readonly onOpened: (path: string) => void = () => undefined) {}

  async openFile(path: string, options: ReaderOptions = {}): Promise<VolumeSummary> {
    const absolute = resolve(path);
    const volume = await openVolume(absolute, options);
    const summary: VolumeSummary = {
      id: randomUUID().replace(/-/g, ''),
      name: basename(absolute),
      header: volume.header,
    };
    this.open.set(summary.id, { summary, volume });
    this.onOpened(absolute);
    return summary;
  }

  get(volumeId: string): Entry {
    const entry = this.open.get(volumeId);
    if (!entry) throw new NotFoundError(`no open volume with id ${volumeId} (it was closed or never opened)`);
    return entry;
  }

  async getSweep(volumeId: string, sweep: number, moment: MomentName): Promise<SweepData> {
    const { summary, volume } = this.get(volumeId);
    const header = summary.header.sweeps[sweep];
    if (!header) {
      throw new NotFoundError(
        `${summary.name}: there is no sweep ${sweep} (the volume has ${summary.header.sweeps.length})`,
      );
    }
    if (!header.moments.includes(moment)) {
      throw new ReaderError(
        'missing-moment',
        summary.header.path,
        `sweep ${sweep} has no ${moment} (it has ${header.moments.join(', ') || 'no moments'})`,
      );
    }
    const [geometry, field] = await Promise.all([volume.readGeometry(sweep), volume.readField(sweep, moment)]);
    return {
      volumeId,
      sweep,
      moment,
      rays: field.rays,
      gates: field.gates,
      range: field.range,
      azimuth: geometry.azimuth,
      elevation: geometry.elevation,
      data: field.data,
      units: field.units,
      nyquist: header.nyquist,
    };
  }

  close(volumeId: string): void {
    const entry = this.open.get(volumeId);
    if (!entry) return;
    entry.volume.close();
    this.open.delete(volumeId);
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  /** The radar files of a folder (recognised by magic bytes), sorted by scan time then name. */
  async listFolder(folder: string): Promise<FolderListing> {
    const absolute = resolve(folder);
    let names: string[];
    try {
      names = await readdir(absolute);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new NotFoundError(
        `${absolute}: ${code === 'ENOTDIR' ? 'not a folder' : code === 'ENOENT' ? 'no such folder' : `cannot list (${code})`}`,
      );
    }
    const entries: FolderEntry[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(absolute, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || info.size === 0) continue;
      const reader = await sniffFile(path);
      if (!reader) continue;
      entries.push({ path, name, format: reader.name, time: timeFromFileName(name), sizeBytes: info.size });
    }
    entries.sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.name.localeCompare(b.name));
    return { folder: absolute, entries };
  }
}
