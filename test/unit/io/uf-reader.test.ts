// Universal Format reader on the real MC3E NPOL file (gzip-wrapped, FORTRAN record markers, RHI),
// against Py-ART's reading of it (test/fixtures/reference/MC3E_NPOL_2011_0524_2356_hid.uf) and README item 12.
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openVolume } from '../../../main/io/open-volume';
import { ReaderError } from '../../../main/io/reader-error';
import { radarFile } from '../../support/radar-data';
import { expectParity, referenceRun } from '../../support/reader-parity';

const NAME = 'MC3E_NPOL_2011_0524_2356_hid.uf.gz';
const scratch = mkdtempSync(join(tmpdir(), 'unfold-uf-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The unwrapped UF content with its 4-byte FORTRAN record markers removed: a bare UF file. */
function stripMarkers(content: Uint8Array): Uint8Array {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const parts: Uint8Array[] = [];
  for (let pos = 0; pos < content.length;) {
    const length = view.getUint32(pos, false);
    parts.push(content.subarray(pos + 4, pos + 4 + length));
    pos += length + 8;
  }
  return Buffer.concat(parts);
}

/** The same records with markers that declare 8 more bytes than the record, the padding being zeros. */
function padRecords(content: Uint8Array): Uint8Array {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const parts: Uint8Array[] = [];
  for (let pos = 0; pos < content.length;) {
    const length = view.getUint32(pos, false);
    const marker = Buffer.alloc(4);
    marker.writeUInt32LE(length + 8); // little-endian markers, as an x86 FORTRAN writer leaves them
    parts.push(marker, content.subarray(pos + 4, pos + 4 + length), Buffer.alloc(8), marker);
    pos += length + 8;
  }
  return Buffer.concat(parts);
}

describe('UF reader: MC3E NPOL RHI volume', () => {
  it('opens through the gzip wrapper with the geometry README item 12 gives', async () => {
    const volume = await openVolume(await radarFile(NAME));
    const h = volume.header;
    expect(h.format).toBe('universal-format');
    expect(h.formatDetail).toMatch(/4-byte record markers/);
    expect(h.scanType).toBe('rhi');
    // 2-digit year "11" in the mandatory header is 2011.
    expect(new Date(h.startTime * 1000).toISOString()).toMatch(/^2011-05-24T23:5/);
    expect(h.sweeps.map((s) => s.mode)).toEqual(['rhi', 'rhi', 'rhi']);
    expect(h.sweeps.map((s) => s.fixedAngle)).toEqual([171, 172, 173]);
    expect(h.sweeps.map((s) => s.nyquistSource)).toEqual(['file', 'file', 'file']);
    expect(h.site.latitude).toBeGreaterThan(36);
    expect(h.site.latitude).toBeLessThan(37);
    expect(h.site.longitude).toBeLessThan(-97);
    expect(h.moments).toEqual(expect.arrayContaining(['DBZH', 'VRADH', 'WRADH', 'ZDR', 'KDP', 'RHOHV', 'PHIDP']));
    const geometry = await volume.readGeometry(1);
    expect(geometry.azimuth.every((a) => Math.abs(a - 172) < 1)).toBe(true);
    expect(Math.max(...geometry.elevation)).toBeGreaterThan(20);
    expect(geometry.nyquistPerRay?.every((v) => Math.abs(v - 26.62) < 1e-4)).toBe(true);
    const field = await volume.readField(0, 'VRADH');
    expect(field.range[1]! - field.range[0]!).toBe(150);
    volume.close();
  });

  it('pads rays of varying gate count with NaN to the widest ray of each sweep', async () => {
    const volume = await openVolume(await radarFile(NAME));
    const field = await volume.readField(2, 'DBZH');
    const lastValid = Array.from({ length: field.rays }, (_, r) => {
      let last = -1;
      for (let g = 0; g < field.gates; g++) if (!Number.isNaN(field.data[r * field.gates + g]!)) last = g;
      return last;
    });
    // high-elevation rays are cut short (the beam leaves the troposphere), so ray lengths differ
    expect(Math.min(...lastValid)).toBeLessThan(field.gates / 2);
    expect(Math.max(...lastValid)).toBeLessThan(field.gates);
    volume.close();
  });

  it('reads velocity identical to Py-ART, sweep by sweep', async () => {
    const volume = await openVolume(await radarFile(NAME));
    await expectParity(volume, referenceRun('MC3E_NPOL_2011_0524_2356_hid.uf'), { wholeVolume: true });
    volume.close();
  });

  it('reads the same volume from bare UF (no record markers)', async () => {
    const bare = join(scratch, 'bare.uf');
    writeFileSync(bare, stripMarkers(gunzipSync(readFileSync(await radarFile(NAME)))));
    const volume = await openVolume(bare);
    expect(volume.header.formatDetail).toBe('Universal Format (UF)');
    await expectParity(volume, referenceRun('MC3E_NPOL_2011_0524_2356_hid.uf'), { wholeVolume: true });
    volume.close();
  });

  it('reads records whose little-endian markers declare padding beyond the UF record', async () => {
    const padded = join(scratch, 'padded.uf');
    writeFileSync(padded, padRecords(gunzipSync(readFileSync(await radarFile(NAME)))));
    const volume = await openVolume(padded);
    expect(volume.header.warnings).toEqual([]);
    await expectParity(volume, referenceRun('MC3E_NPOL_2011_0524_2356_hid.uf'), { wholeVolume: true });
    volume.close();
  });

  it('keeps the complete rays of a truncated file and says so', async () => {
    const content = gunzipSync(readFileSync(await radarFile(NAME)));
    const cut = join(scratch, 'cut.uf');
    writeFileSync(cut, content.subarray(0, Math.floor(content.length * 0.6)));
    const volume = await openVolume(cut);
    const rays = volume.header.sweeps.reduce((n, s) => n + s.rayCount, 0);
    expect(rays).toBeGreaterThan(300);
    expect(rays).toBeLessThan(585);
    expect(volume.header.warnings.join('\n')).toMatch(/cut short/);
    volume.close();
  });

  it('skips a ray whose headers are corrupt, and says so', async () => {
    const content = Buffer.from(gunzipSync(readFileSync(await radarFile(NAME))));
    content.writeInt16BE(0x7fff, 4 + 8); // first record: data header position far outside the record
    const bad = join(scratch, 'bad-header.uf');
    writeFileSync(bad, content);
    const volume = await openVolume(bad);
    expect(volume.header.sweeps.map((s) => s.rayCount)).toEqual([194, 196, 194]);
    expect(volume.header.warnings.join('\n')).toMatch(
      /skipped 1 corrupt record \(first: record 1 at byte 4: .*outside the record/,
    );
    volume.close();
  });

  it('rejects a file with no readable ray, with a ReaderError naming it', async () => {
    const content = Buffer.from(gunzipSync(readFileSync(await radarFile(NAME))));
    const first = content.subarray(0, content.readUInt32BE(0) + 8);
    // a single record whose data header claims -5 fields
    const dataHeader = first.readInt16BE(4 + 8);
    first.writeInt16BE(-5, 4 + (dataHeader - 1) * 2 + 4);
    const bad = join(scratch, 'one-bad-ray.uf');
    writeFileSync(bad, first);
    const error = await openVolume(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).message).toMatch(
      /^one-bad-ray\.uf: no readable UF ray \(record 1 at byte 4: implausible field count -5\)/,
    );
  });
});
