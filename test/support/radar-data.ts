/**
 * Locates the real radar files tests use. Order: ../shared/data/radar (developers' machines and CI),
 * then a download cache (.cache/radar-data, or $UNFOLD_DATA_CACHE) filled from each file's pinned
 * public source and checked against its sha256. A clone without ../shared and without network fails
 * with a message that says so; no test silently passes on missing data.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
export const SHARED_RADAR_DIR = resolve(ROOT, '../shared/data/radar');
const CACHE_DIR = process.env['UNFOLD_DATA_CACHE'] ?? join(ROOT, '.cache', 'radar-data');

const ORD = 'openradar/open-radar-data/7f92652092054d171e7b63530fb5cbdb6a2e2e5b/data';
const WRADLIB = 'wradlib/wradlib-data/b6676cd04892993e079971c0f41df3101b76922a/data/hdf5';

interface PinnedFile {
  /** raw.githubusercontent.com path: owner/repo/commit/path */
  source: string;
  sha256: string;
}

/** The 15 real files of shared/data/radar, with where they come from (see that folder's README). */
export const RADAR_FILES: Readonly<Record<string, PinnedFile>> = {
  KLBB20160601_150025_V06: {
    source: `${ORD}/KLBB20160601_150025_V06`,
    sha256: 'b5b8639605a0c88be1ed1f1941333304e559fcf31f8ca3c98aac1520c9896914',
  },
  'KLIX20050828_180149.gz': {
    source: `${ORD}/KLIX20050828_180149.gz`,
    sha256: '9d7479c133d8aea2947e5a1392c1f417009a0be1013b5a7c70f8e3e13202723a',
  },
  KCRP20200101_000431_V06: {
    source: 'danielway/nexrad/1591b64f7b34b14a88b1f020384c252052c8255f/downloads/KCRP20200101_000431_V06',
    sha256: '1d35099ebbe97789af754399311af7275fb205effa635f189d0e990cc1b72c93',
  },
  '40_20181220_060630.pvol.h5': {
    source: `${WRADLIB}/40_20181220_060630.pvol.h5`,
    sha256: '4f52a5c7b372fa64107cd204a27ba0b30274cc51b79c4054745419d689211f43',
  },
  'selul_pvol_201503300845.h5': {
    source: 'baltrad/rave/cf78d80b5c2dca38df55e1ee59c924c6876f9cb6/test/pytest/fixtures/selul_pvol_201503300845.h5',
    sha256: '418e753d267c81d5130e07ed269acec434a643474061e066fcf47d9560fc1ebe',
  },
  'cfrad.20211011_223602.712_to_20211011_223612.091_DOW8_RHI.nc': {
    source: `${ORD}/cfrad.20211011_223602.712_to_20211011_223612.091_DOW8_RHI.nc`,
    sha256: '1b6a76045a77a03874865e5f835c59cfafc30b35a7490561b2baa8fe7891d78e',
  },
  'MLL2217907250U.003.nc': {
    source: `${ORD}/MLL2217907250U.003.nc`,
    sha256: '6954f4c71e625f39ee738be229a7a2b8262e0d0af96827615473228614e1a3a1',
  },
  'houkasacrcfrM1.a1.20210922.150006.nc': {
    source: `${ORD}/houkasacrcfrM1.a1.20210922.150006.nc`,
    sha256: '50f21af56565b7a559a4c12010a939fb80871d8f2cffa5a8330a20721b91749e',
  },
  'example_plot_ppi_single_sweep.nc': {
    source: `${ORD}/example_plot_ppi_single_sweep.nc`,
    sha256: '5b2d29b764b33231cd5fcfde70a600a96122910c519755662fe8dde6ce0038dd',
  },
  'cor-main131125105503.RAW2049': {
    source: `${ORD}/cor-main131125105503.RAW2049`,
    sha256: 'db2c58c21a5ea828b24e4397aac42127fbbf8df6577b99eea0b888ab20dde4a9',
  },
  'MC3E_NPOL_2011_0524_2356_hid.uf.gz': {
    source: `${ORD}/MC3E_NPOL_2011_0524_2356_hid.uf.gz`,
    sha256: '456cb11a0a566defd01efd398956f3f46b098694845b6961fc4268b03f6045f7',
  },
  '2014-08-10--182000.ppi.mvol': {
    source: `${WRADLIB}/2014-08-10--182000.ppi.mvol`,
    sha256: 'c9a0f11fdcde4ea2623511e570b9b5a06ea7ac83d144290447041e88de7b3926',
  },
  'SUR210819000227.RAWKPJV': {
    source: `${ORD}/SUR210819000227.RAWKPJV`,
    sha256: 'c1859c46571d9d0db9aaa86f23d4724a8f8a4e8ad9201209d83656b1010d9106',
  },
  'cfrad.20211011_201733.023_to_20211011_201745.299_DOW8_RHI.nc': {
    source: `${ORD}/cfrad.20211011_201733.023_to_20211011_201745.299_DOW8_RHI.nc`,
    sha256: '53c4dcc3086c2fab0ab7b73649e63f7e9e798d10a64915ea67ad6de59d2cd47f',
  },
};

/**
 * Files committed in the repository because they have no public source to download from:
 * the NetCDF-3 classic copy of the KaSACR file is derived (`nccopy -k classic`), see test/fixtures/radar.
 */
const COMMITTED_DIR = resolve(ROOT, 'test/fixtures/radar');
export const COMMITTED_FILES = ['houkasacrcfrM1.a1.20210922.150006.classic.nc'] as const;

export type RadarFileName = keyof typeof RADAR_FILES | (typeof COMMITTED_FILES)[number];

export function allRadarFileNames(): RadarFileName[] {
  return [...Object.keys(RADAR_FILES), ...COMMITTED_FILES] as RadarFileName[];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function download(name: string, pinned: PinnedFile): Promise<string> {
  const target = join(CACHE_DIR, name);
  if (existsSync(target)) return target;
  const url = `https://raw.githubusercontent.com/${pinned.source}`;
  let bytes: Uint8Array;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    throw new Error(
      `radar test file ${name} is not in ${SHARED_RADAR_DIR} and could not be downloaded from ${url}: ${String(err)}`,
      { cause: err },
    );
  }
  const digest = sha256(bytes);
  if (digest !== pinned.sha256) throw new Error(`downloaded ${name} has sha256 ${digest}, expected ${pinned.sha256}`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${target}.part`, bytes);
  renameSync(`${target}.part`, target);
  return target;
}

/** Absolute path of a real radar file, downloading it into the cache if needed. */
export async function radarFile(name: RadarFileName): Promise<string> {
  if ((COMMITTED_FILES as readonly string[]).includes(name)) return join(COMMITTED_DIR, name);
  const shared = join(SHARED_RADAR_DIR, name);
  if (existsSync(shared)) return shared;
  const pinned = RADAR_FILES[name];
  if (!pinned) throw new Error(`unknown radar test file ${name}`);
  return download(name, pinned);
}

/** True when the file's bytes match its pinned sha256 (used by a test of this module itself). */
export function matchesPinnedHash(name: keyof typeof RADAR_FILES, path: string): boolean {
  return sha256(readFileSync(path)) === RADAR_FILES[name]!.sha256;
}
