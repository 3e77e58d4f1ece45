/**
 * Scan times of radar files from their names, for sorting a campaign folder without opening every file.
 * Most archives put the start time in the name (NEXRAD `KLBB20160601_150025_V06`, CfRadial
 * `cfrad.20211011_201733.023_to_...`, ODIM `..._201503300845.h5`, GAMIC `2014-08-10--182000.ppi.mvol`,
 * IRIS `...131125105503.RAW2049`). Returns seconds since epoch (UTC) or null.
 */

const PATTERNS: Array<{ re: RegExp; parts: (m: RegExpExecArray) => number[] }> = [
  // 2014-08-10--182000
  { re: /(\d{4})-(\d{2})-(\d{2})--?(\d{2})(\d{2})(\d{2})/, parts: (m) => m.slice(1, 7).map(Number) },
  // 20160601_150025 or 20160601-150025 or 20160601150025
  { re: /(\d{4})(\d{2})(\d{2})[_-]?(\d{2})(\d{2})(\d{2})/, parts: (m) => m.slice(1, 7).map(Number) },
  // 201503300845 (minutes only)
  { re: /(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?!\d)/, parts: (m) => [...m.slice(1, 6).map(Number), 0] },
  // 131125105503 (two-digit year, IRIS)
  {
    re: /(?<!\d)(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?!\d)/,
    parts: (m) => [2000 + Number(m[1]), ...m.slice(2, 7).map(Number)],
  },
];

function plausible([y, mo, d, h, mi, s]: number[]): boolean {
  return y! >= 1980 && y! <= 2100 && mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= 31 && h! <= 23 && mi! <= 59 && s! <= 60;
}

export function timeFromFileName(name: string): number | null {
  for (const { re, parts } of PATTERNS) {
    const match = re.exec(name);
    if (!match) continue;
    const p = parts(match);
    if (!plausible(p)) continue;
    return Date.UTC(p[0]!, p[1]! - 1, p[2]!, p[3]!, p[4]!, p[5]!) / 1000;
  }
  return null;
}
