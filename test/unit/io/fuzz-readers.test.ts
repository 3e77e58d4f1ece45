// The reader fuzzer: its mutations are deterministic and do what they say, and a short seeded run over
// every real radar file, through every registered reader, finds no crash, hang, stray exception or
// broken volume contract. (Long runs: `npm run fuzz:readers -- --cases 5000`.)
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { caseSeed, makeCase, Rng, type FuzzInput } from '../../../scripts/fuzz/mutations';
import { CasePool } from '../../../scripts/fuzz/pool';
import { runFuzz, type FuzzFinding } from '../../../scripts/fuzz/run-fuzz';

const SEED = 20_261_122;
const CASES = 150;

function inputs(): FuzzInput[] {
  const a = new Uint8Array(50_000).map((_, i) => (i * 7) & 0xff);
  const b = new Uint8Array(30_000).fill(0xab);
  return [
    { name: 'a', bytes: a },
    { name: 'b', bytes: b },
  ];
}

describe('fuzz mutations', () => {
  it('are a pure function of seed and case index', () => {
    const one = makeCase(7, 3, inputs());
    const two = makeCase(7, 3, inputs());
    expect(two.description).toBe(one.description);
    expect(Buffer.compare(Buffer.from(one.bytes), Buffer.from(two.bytes))).toBe(0);
    expect(makeCase(8, 3, inputs()).description).not.toBe(one.description);
    expect(caseSeed(1, 2)).not.toBe(caseSeed(2, 1));
  });

  it('change the input, each in its own way', () => {
    const files = inputs();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const c = makeCase(11, i, files);
      seen.add(c.kind);
      const original = files.find((f) => f.name === c.source)!.bytes;
      const changed =
        c.bytes.length !== original.length || Buffer.compare(Buffer.from(c.bytes), Buffer.from(original)) !== 0;
      // a truncation at the very end or a write of the byte already there can leave the bytes as they were
      if (!changed) expect(['truncate', 'field', 'byterun', 'bitflip']).toContain(c.kind);
      if (c.kind === 'truncate') expect(c.bytes.length).toBeLessThanOrEqual(original.length);
      if (c.kind === 'splice') expect(c.description).toMatch(/ \+ (a|b) from byte \d+/);
    }
    expect([...seen].sort()).toEqual(['bitflip', 'byterun', 'field', 'shift', 'splice', 'truncate']);
  });

  it('mutate gzip-wrapped files inside the wrapper most of the time', () => {
    const inner = new Uint8Array(20_000).map((_, i) => i & 0xff);
    const wrapped: FuzzInput[] = [{ name: 'w.gz', bytes: new Uint8Array(gzipSync(inner)) }];
    let insideCount = 0;
    for (let i = 0; i < 40; i++) {
      const c = makeCase(5, i, wrapped);
      if (c.description.startsWith('inside gzip: ')) {
        insideCount++;
        expect(() => gunzipSync(c.bytes)).not.toThrow();
      }
    }
    expect(insideCount).toBeGreaterThan(20);
    expect(insideCount).toBeLessThan(40);
  });

  it('draw integers uniformly enough to reach every file', () => {
    const rng = new Rng(1);
    const counts = new Array<number>(15).fill(0);
    for (let i = 0; i < 15_000; i++) counts[rng.int(15)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(850);
  });
});

describe('fuzz case pool', () => {
  it('reports every case as a crash when its children cannot start, instead of respawning forever', async () => {
    // outside the repository `--import tsx` cannot be resolved, so every child dies before it is ready
    const pool = new CasePool({ jobs: 1, timeoutMs: 5000, maxRssBytes: 2 ** 30, heapMiB: 256, root: tmpdir() });
    const results = await Promise.all([pool.run('/nonexistent/a'), pool.run('/nonexistent/b')]);
    pool.close();
    for (const { outcome } of results) {
      expect(outcome.status).toBe('crash');
      expect('message' in outcome ? outcome.message : '').toMatch(/the case runner cannot start/);
    }
  });
});

describe('reader fuzzing, short seeded run', () => {
  it(
    `${CASES} cases over every real file: no crash, hang or exception other than a ReaderError`,
    { timeout: 300_000 },
    async () => {
      const report = await runFuzz({ seed: SEED, cases: CASES, jobs: 2, timeoutMs: 20_000, momentsPerSweep: 1 });
      const describe = (f: FuzzFinding): string =>
        `case ${f.index} ${f.source} ${f.kind} (${f.description}): ${f.outcome.status} ${'message' in f.outcome ? f.outcome.message : ''}`;
      expect(report.findings.map(describe), `replay: npm run fuzz:readers -- --seed ${SEED} --case N`).toEqual([]);
      expect(report.total).toBe(CASES);
      // the run must exercise both paths: files that still read, and files the readers reject
      expect(report.byStatus.ok ?? 0).toBeGreaterThan(10);
      expect(report.byStatus['reader-error'] ?? 0).toBeGreaterThan(10);
      expect(Object.keys(report.bySource).length).toBe(15);
    },
  );
});
