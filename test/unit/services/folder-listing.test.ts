/**
 * The campaign-folder listing: only radar files (recognised by content, also inside gzip), sorted by the
 * scan time in their names; other files and hidden files are left out.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VolumeService } from '../../../main/services/volumes';
import { radarFile } from '../../support/radar-data';

describe('VolumeService.listFolder', () => {
  it('lists radar files by scan time, recognising gzip-wrapped volumes by their content', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'unfold-campaign-'));
    for (const name of ['KLIX20050828_180149.gz', 'cor-main131125105503.RAW2049', 'MLL2217907250U.003.nc'] as const) {
      copyFileSync(await radarFile(name), join(folder, name));
    }
    writeFileSync(join(folder, 'notes_20300101_000000.txt'), 'field notes, not radar data');
    writeFileSync(join(folder, 'fake_20010101_000000.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]));
    copyFileSync(await radarFile('SUR210819000227.RAWKPJV'), join(folder, '.hidden.RAW'));
    const listing = await new VolumeService().listFolder(folder);
    expect(listing.entries.map((e) => e.name)).toEqual([
      'KLIX20050828_180149.gz', // 2005
      'cor-main131125105503.RAW2049', // 2013
      'MLL2217907250U.003.nc', // no time in the name: last
    ]);
    expect(listing.entries.map((e) => e.format)).toEqual(['NEXRAD Level II', expect.any(String), expect.any(String)]);
    expect(new Date(listing.entries[0]!.time! * 1000).toISOString()).toBe('2005-08-28T18:01:49.000Z');
  });

  it('names a folder that does not exist', async () => {
    await expect(new VolumeService().listFolder('/nonexistent/campaign')).rejects.toThrow(
      '/nonexistent/campaign: no such folder',
    );
  });
});
