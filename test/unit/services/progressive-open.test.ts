/**
 * Opening a NEXRAD volume early: the reader hands out a preview as soon as the sweeps up to the first one
 * with velocity are whole, the volume service resolves openFile with it (`loading` true) and follows
 * with a 'volume-updated' summary of the whole volume. Sweeps read from the preview equal the final
 * volume's; sweeps not read yet, and dealias runs, wait for the rest; a record that turns out
 * unreadable later leaves the sweeps already read open, with a warning naming the record.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../common/api';
import type { OpenedVolume } from '../../../common/volume';
import { openVolume } from '../../../main/io/open-volume';
import { frameLdmRecords } from '../../../main/io/readers/nexrad/records';
import { VolumeService } from '../../../main/services/volumes';
import { radarFile } from '../../support/radar-data';

const SAMPLE = resolve(__dirname, '../../../resources/sample/KCRP20200101_000431_V06');

/** bit-exact comparison (NaN gates included), fast on million-gate fields */
const bytesOf = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function serviceWithUpdates(): { volumes: VolumeService; updates: VolumeSummary[]; updated: Promise<VolumeSummary> } {
  const updates: VolumeSummary[] = [];
  let resolveUpdated!: (s: VolumeSummary) => void;
  const updated = new Promise<VolumeSummary>((r) => (resolveUpdated = r));
  const volumes = new VolumeService(
    () => undefined,
    (summary) => {
      updates.push(summary);
      resolveUpdated(summary);
    },
  );
  return { volumes, updates, updated };
}

describe('NEXRAD preview (reader)', () => {
  it('hands out the surveillance and the first Doppler sweep before the volume is read, reading as the final volume does', async () => {
    const previews: OpenedVolume[] = [];
    const whole = await openVolume(SAMPLE, { onPreview: (v) => previews.push(v) });
    expect(previews).toHaveLength(1);
    const preview = previews[0]!;
    expect(preview.header.sweeps.length).toBeGreaterThanOrEqual(2);
    expect(preview.header.sweeps.length).toBeLessThan(whole.header.sweeps.length);
    const lastPreviewed = preview.header.sweeps.at(-1)!;
    expect(lastPreviewed.moments).toContain('VRADH');
    expect(preview.header.sweeps.slice(0, -1).some((s) => s.moments.includes('VRADH'))).toBe(false);
    for (const sweep of preview.header.sweeps) {
      expect(sweep).toEqual(whole.header.sweeps[sweep.index]);
      for (const moment of sweep.moments) {
        const early = await preview.readField(sweep.index, moment);
        const late = await whole.readField(sweep.index, moment);
        expect(bytesOf(early.data).equals(bytesOf(late.data)), `sweep ${sweep.index} ${moment}`).toBe(true);
      }
      expect(await preview.readGeometry(sweep.index)).toEqual(await whole.readGeometry(sweep.index));
    }
    expect(preview.header.site).toEqual(whole.header.site);
    expect(preview.header.warnings).toEqual([]);
  });

  it('readers that index a file at once never call it', async () => {
    let called = false;
    await openVolume(await radarFile('cor-main131125105503.RAW2049'), { onPreview: () => (called = true) });
    await openVolume(await radarFile('KLIX20050828_180149.gz'), { onPreview: () => (called = true) }); // message 1
    expect(called).toBe(false);
  });
});

describe('VolumeService.openFile with a preview', () => {
  it('resolves with the first sweeps while loading, then sends the whole volume under the same id', async () => {
    const { volumes, updates, updated } = serviceWithUpdates();
    const whole = await openVolume(SAMPLE);
    const summary = await volumes.openFile(SAMPLE);
    expect(summary.loading).toBe(true);
    expect(summary.header.sweeps.length).toBeLessThan(whole.header.sweeps.length);

    // a sweep that is not read yet: getSweep waits for the rest instead of failing
    const last = whole.header.sweeps.at(-1)!;
    const lastSweep = await volumes.getSweep(summary.id, last.index, last.moments[0]!);
    expect(lastSweep.rays).toBe(last.rayCount);

    const full = await updated;
    expect(updates).toHaveLength(1);
    expect(full.id).toBe(summary.id);
    expect(full.loading).toBe(false);
    expect(full.header).toEqual(whole.header);
    expect(volumes.get(summary.id).summary).toEqual(full);
    volumes.closeAll();
  });

  it('getComplete waits for the whole volume (what dealias runs use)', async () => {
    const { volumes } = serviceWithUpdates();
    const summary = await volumes.openFile(SAMPLE);
    expect(summary.loading).toBe(true);
    const entry = await volumes.getComplete(summary.id);
    expect(entry.summary.loading).toBe(false);
    expect(entry.volume.header.sweeps.length).toBeGreaterThan(summary.header.sweeps.length);
    volumes.closeAll();
  });

  it('a record that does not decompress after the preview keeps the sweeps already read, with a warning', async () => {
    const bytes = Buffer.from(readFileSync(await radarFile('KLBB20160601_150025_V06')));
    const framing = frameLdmRecords(bytes, 'KLBB');
    const late = framing.records.length - 3;
    const record = framing.records[late]!;
    record[Math.floor(record.length / 2)]! ^= 0x10; // in place: the framing views the file bytes
    const path = join(mkdtempSync(join(tmpdir(), 'unfold-preview-')), 'KLBB_late_flip');
    writeFileSync(path, bytes);
    await expect(openVolume(path)).rejects.toThrow(`LDM record ${late}`);

    const { volumes, updated } = serviceWithUpdates();
    const summary = await volumes.openFile(path);
    expect(summary.loading).toBe(true);
    const after = await updated;
    expect(after.loading).toBe(false);
    expect(after.header.sweeps).toEqual(summary.header.sweeps);
    expect(after.header.warnings.at(-1)).toMatch(
      new RegExp(`only the first sweeps could be read: .*LDM record ${late} .*does not decompress`),
    );
    const sweep = summary.header.sweeps.at(-1)!;
    const data = await volumes.getSweep(summary.id, sweep.index, 'VRADH');
    expect(data.data.some(Number.isFinite)).toBe(true);
    volumes.closeAll();
  });

  it('a volume closed while it loads is dropped when the rest arrives', async () => {
    const { volumes, updates } = serviceWithUpdates();
    const summary = await volumes.openFile(SAMPLE);
    volumes.close(summary.id);
    await expect(volumes.getComplete(summary.id)).rejects.toThrow('no open volume');
    // let the decoding finish: no update for a volume nobody holds
    await openVolume(SAMPLE);
    expect(updates).toHaveLength(0);
  });
});
