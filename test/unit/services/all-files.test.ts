/**
 * Every real radar file in the shared set opens through the app's services, every moment of every sweep
 * decodes to a full, partly finite field with matching geometry, and every velocity volume dealiases
 * with the fastest variant; a file without velocity is refused with a clear message.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services';
import { addonPath, workerScript } from '../../support/built-app';
import { allRadarFileNames, radarFile } from '../../support/radar-data';

let services: Services;

beforeAll(() => {
  services = createServices({
    appVersion: 'test',
    dataDir: mkdtempSync(join(tmpdir(), 'unfold-all-files-')),
    workerScript: workerScript(),
    addonPath: addonPath(),
    samplePath: null,
    poolSize: 1,
  });
});
afterAll(() => services.shutdown());

describe.each(allRadarFileNames())('%s', (name) => {
  it('opens, and every moment of every sweep decodes with consistent geometry', async () => {
    const summary = await services.volumes.openFile(await radarFile(name));
    const { header } = summary;
    expect(header.sweeps.length).toBeGreaterThan(0);
    expect(header.moments.length).toBeGreaterThan(0);
    for (const sweep of header.sweeps) {
      expect(sweep.rayCount).toBeGreaterThan(0);
      let finiteInSweep = 0;
      for (const moment of sweep.moments) {
        const data = await services.volumes.getSweep(summary.id, sweep.index, moment);
        expect(data.rays).toBe(sweep.rayCount);
        expect(data.azimuth).toHaveLength(data.rays);
        expect(data.elevation).toHaveLength(data.rays);
        expect(data.range).toHaveLength(data.gates);
        expect(data.data).toHaveLength(data.rays * data.gates);
        for (const a of data.azimuth) expect(a >= -360 && a <= 720).toBe(true);
        for (let i = 1; i < data.range.length; i++) expect(data.range[i]!).toBeGreaterThan(data.range[i - 1]!);
        for (const x of data.data) if (Number.isFinite(x)) finiteInSweep++;
      }
      expect(finiteInSweep, `sweep ${sweep.index} has no finite value in any moment`).toBeGreaterThan(0);
    }
    services.volumes.close(summary.id);
  });

  it('dealiases every velocity sweep (fused), or says clearly why not', async () => {
    const summary = await services.volumes.openFile(await radarFile(name));
    const velocity = summary.header.moments.find((m) => m === 'VRADH');
    if (!velocity) {
      await expect(
        services.dealias.start({ volumeId: summary.id, sweeps: [], variant: 'fused', params: {} }),
      ).rejects.toThrow('has no radial velocity moment');
      return;
    }
    const { done } = await services.dealias.start({ volumeId: summary.id, sweeps: [], variant: 'fused', params: {} });
    const record = await done;
    expect(record.status, record.error).toBe('done');
    expect(record.validGates).toBeGreaterThan(0);
    services.volumes.close(summary.id);
  });
});
