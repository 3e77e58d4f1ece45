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
  /** settles once the whole volume is read (or reading it stopped); at once unless it was previewed */
  complete: Promise<void>;
}

export class VolumeService {
  private readonly open = new Map<string, Entry>();

  /**
   * `onOpened`: a file was opened (for the recent-files list). `onUpdated`: a volume that was handed out
   * while still loading (`summary.loading`) has been read to its end; the summary has the whole header.
   */
  constructor(
    private readonly onOpened: (path: string) => void = () => undefined,
    private readonly onUpdated: (summary: VolumeSummary) => void = () => undefined,
  ) {}

  /**
   * Open a file. A NEXRAD volume resolves as soon as its sweeps up to the first with velocity are read
   * (`loading` true, the header lists the sweeps read so far) so that they can be drawn while the rest
   * decompresses; `onUpdated` follows with the whole volume. If the rest turns out unreadable, the sweeps already read stay
   * open and the header's warnings say why the others are missing.
   */
  async openFile(path: string, options: ReaderOptions = {}): Promise<VolumeSummary> {
    const absolute = resolve(path);
    const id = randomUUID().replace(/-/g, '');
    const name = basename(absolute);
    let markComplete!: () => void;
    const complete = new Promise<void>((settle) => (markComplete = settle));
    let previewed = false;
    let showPreview!: (summary: VolumeSummary) => void;
    const preview = new Promise<VolumeSummary>((show) => (showPreview = show));

    const whole = openVolume(absolute, {
      ...options,
      onPreview: (volume) => {
        previewed = true;
        const summary: VolumeSummary = { id, name, header: volume.header, loading: true };
        this.open.set(id, { summary, volume, complete });
        this.onOpened(absolute);
        showPreview(summary);
      },
    });
    const finished = whole.then(
      (volume): VolumeSummary => {
        const summary: VolumeSummary = { id, name, header: volume.header, loading: false };
        const entry = this.open.get(id);
        if (!previewed) {
          this.open.set(id, { summary, volume, complete });
          this.onOpened(absolute);
        } else if (entry) {
          entry.volume.close();
          entry.volume = volume;
          entry.summary = summary;
          this.onUpdated(summary);
        } else {
          volume.close(); // closed while it was loading
        }
        markComplete();
        return summary;
      },
      (err: unknown): null => {
        markComplete();
        if (!previewed) throw err;
        const entry = this.open.get(id);
        const why = err instanceof Error ? err.message : String(err);
        if (entry) {
          const header = { ...entry.summary.header };
          header.warnings = [...header.warnings, `only the first sweeps could be read: ${why}`];
          entry.summary = { ...entry.summary, header, loading: false };
          this.onUpdated(entry.summary);
        }
        return null;
      },
    );
    // A preview, when there is one, settles first (it is shown while the whole volume still loads); null
    // comes only after a preview.
    return (await Promise.race([preview, finished])) ?? preview;
  }

  get(volumeId: string): Entry {
    const entry = this.open.get(volumeId);
    if (!entry) throw new NotFoundError(`no open volume with id ${volumeId} (it was closed or never opened)`);
    return entry;
  }

  /** The volume once it is read to its end (dealias runs and anything else that needs every sweep). */
  async getComplete(volumeId: string): Promise<Entry> {
    await this.get(volumeId).complete;
    return this.get(volumeId);
  }

  async getSweep(volumeId: string, sweep: number, moment: MomentName): Promise<SweepData> {
    let entry = this.get(volumeId);
    // a sweep past those read so far: wait for the rest of a volume that is still loading
    if (entry.summary.loading && !entry.summary.header.sweeps[sweep]) entry = await this.getComplete(volumeId);
    const { summary, volume } = entry;
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
