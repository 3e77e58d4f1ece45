/**
 * Rendering benchmark of the workbench's sweep view in browser mode (Debian Chromium, `--disable-gpu`, so
 * WebGL runs on SwiftShader): for every sweep of the NEXRAD volumes, the time to draw a new field (texture
 * upload + draw, waited for with a one-pixel readPixels) and to redraw it at a new zoom; then frame times
 * while panning (pointer drags) and zooming (wheel) over a 720 × 1832 sweep; and the time from choosing
 * a file to its first PPI. WebGL and the canvas-2D fallback are measured alike. Prints figures only.
 *
 *   npm run bench:render            (builds, then: tsx bench/render.ts [gesture ms])
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { radarFile, type RadarFileName } from '../test/support/radar-data';
import { launchChromium, startWebApp } from '../test/e2e/support/web-app';

const FILES: RadarFileName[] = ['KCRP20200101_000431_V06', 'KLBB20160601_150025_V06'];
/** ms of each pan or zoom gesture */
const GESTURE_MS = Math.max(500, Number(process.argv[2] ?? 3000));
const RENDERERS = ['webgl', 'canvas'] as const;

// In-page code runs in Chromium; the Node typecheck has no DOM library, so it sees these local shapes.
interface InPageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  click(): void;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  dispatchEvent(event: unknown): boolean;
}
declare const document: { querySelector(selector: string): InPageElement | null };
declare const PointerEvent: new (type: string, init: Record<string, unknown>) => unknown;
declare const WheelEvent: new (type: string, init: Record<string, unknown>) => unknown;
declare function requestAnimationFrame(callback: (t: number) => void): number;
declare const window: unknown;

const CANVAS = 'section[data-test="panel-original"] [data-test="sweep-canvas"]';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
const f1 = (x: number): string => x.toFixed(1).padStart(7);

async function draws(page: Page): Promise<number> {
  return Number((await page.locator(CANVAS).getAttribute('data-draws')) ?? 0);
}

/** Run `act`, wait for the view to draw again, return that draw's measured ms. */
async function measuredDraw(page: Page, act: () => Promise<unknown>): Promise<number> {
  const before = await draws(page);
  await act();
  await page.waitForFunction(
    ({ sel, n }) => Number(document.querySelector(sel)?.dataset['draws'] ?? 0) > n,
    { sel: CANVAS, n: before },
    { polling: 'raf', timeout: 30_000 },
  );
  return Number(await page.locator(CANVAS).getAttribute('data-draw-ms'));
}

/**
 * Open a file through the path prompt; ms from the confirm click (dispatched in the page, so the
 * harness's own click latency does not count) to the first animation frame after the new file's PPI was
 * drawn.
 */
async function openAndWait(page: Page, path: string, name: string): Promise<number> {
  await page.keyboard.press('o');
  await page.locator('[data-test="path-input"]').fill(path);
  const before = await draws(page).catch(() => 0);
  return page.evaluate(
    ({ sel, n, name }) =>
      new Promise<number>((done, fail) => {
        const start = performance.now();
        document.querySelector('[data-test="path-confirm"]')!.click();
        const poll = (): void => {
          const shown =
            document.querySelector('[data-test="file-name"]')?.textContent === name &&
            Number(document.querySelector(sel)?.dataset['draws'] ?? 0) > n;
          if (shown) done(performance.now() - start);
          else if (performance.now() - start > 60_000) fail(new Error(`${name} was not drawn within 60 s`));
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }),
    { sel: CANVAS, n: before, name },
  );
}

/** Five redraws of the shown field at the same view, each waited for (the measure hook of SweepCanvas). */
async function redraws5(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    (window as unknown as { unfoldBench: Record<string, (n: number) => number[]> }).unfoldBench['panel-original']!(5),
  );
}

/**
 * In-page source (plain JavaScript, so the Node typecheck needs no WebGL types): times a trivial
 * full-canvas WebGL fill of __W__ × __H__ pixels, 11 times, each waited for with a one-pixel readPixels.
 */
const FILL_FLOOR = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = __W__; canvas.height = __H__;
  const gl = canvas.getContext('webgl2');
  const program = gl.createProgram();
  const sources = [
    [gl.VERTEX_SHADER, '#version 300 es\\nin vec2 p; void main() { gl_Position = vec4(p, 0.0, 1.0); }'],
    [gl.FRAGMENT_SHADER, '#version 300 es\\nprecision highp float; out vec4 o; void main() { o = vec4(gl_FragCoord.xy / 1000.0, 0.0, 1.0); }'],
  ];
  for (const [type, source] of sources) {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  gl.useProgram(program);
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
  const pixel = new Uint8Array(4);
  const out = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    out.push(performance.now() - t0);
  }
  return out;
})()`;

/** Median ms of a trivial full-canvas WebGL fill of w × h pixels: the floor of any redraw on this GL. */
async function fillFloor(page: Page, w: number, h: number): Promise<number> {
  const times = (await page.evaluate(FILL_FLOOR.replace('__W__', String(w)).replace('__H__', String(h)))) as number[];
  return median(times);
}

/**
 * Pan (pointer drag) or zoom (wheel) driven like a real input device — an event every 8 ms for `ms`,
 * independent of the frame rate — while the page records its animation-frame intervals and the view's
 * redraws. Returns the frame intervals (ms) and the number of redraws.
 */
async function gesture(
  page: Page,
  kind: 'pan' | 'zoom',
  ms: number,
): Promise<{ intervals: number[]; draws: number; ms: number }> {
  return page.evaluate(
    async ({ sel, kind, ms }) => {
      const el = document.querySelector(sel)!;
      const r = el.getBoundingClientRect();
      const y = r.top + r.height / 2;
      let x = r.left + r.width / 2;
      const draws0 = Number(el.dataset['draws']);
      const stamps: number[] = [];
      let running = true;
      const tick = (t: number): void => {
        stamps.push(t);
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      if (kind === 'pan')
        el.dispatchEvent(
          new PointerEvent('pointerdown', { pointerId: 7, button: 0, clientX: x, clientY: y, bubbles: true }),
        );
      const started = performance.now();
      await new Promise<void>((done) => {
        let i = 0;
        const timer = setInterval(() => {
          i++;
          if (kind === 'pan') {
            x += Math.sin(i / 20) * 6;
            el.dispatchEvent(new PointerEvent('pointermove', { pointerId: 7, clientX: x, clientY: y, bubbles: true }));
          } else {
            const deltaY = Math.sin(i / 20) * 12;
            el.dispatchEvent(
              new WheelEvent('wheel', { deltaY, clientX: x, clientY: y, bubbles: true, cancelable: true }),
            );
          }
          if (performance.now() - started >= ms) {
            clearInterval(timer);
            done();
          }
        }, 8);
      });
      const elapsed = performance.now() - started;
      const draws = Number(el.dataset['draws']) - draws0;
      running = false;
      if (kind === 'pan') el.dispatchEvent(new PointerEvent('pointerup', { pointerId: 7, bubbles: true }));
      return { intervals: stamps.slice(1).map((t, i) => t - stamps[i]!), draws, ms: elapsed };
    },
    { sel: CANVAS, kind, ms },
  );
}

async function main(): Promise<void> {
  const paths = await Promise.all(FILES.map((f) => radarFile(f)));
  const app = await startWebApp({ file: paths[0]! });
  const browser = await launchChromium();
  // tsx compiles the in-page callbacks with esbuild's keepNames, which calls a __name helper the page lacks
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript('globalThis.__name = (f) => f;');
  try {
    const probe = await context.newPage();
    await probe.goto(app.url);
    const gpu = await probe.evaluate(() => {
      const gl = (document as unknown as { createElement(t: string): { getContext(k: string): unknown } })
        .createElement('canvas')
        .getContext('webgl2') as {
        getExtension(n: string): { UNMASKED_RENDERER_WEBGL: number } | null;
        getParameter(p: number): string;
        RENDERER: number;
      } | null;
      if (!gl) return 'no WebGL2';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    });
    await probe.close();
    console.log(`Unfold rendering benchmark — Chromium with --disable-gpu; WebGL renderer: ${gpu}`);
    console.log(
      `viewport 1600×1000 CSS px, device pixel ratio 1; gestures of ${GESTURE_MS} ms, an input event every 8 ms`,
    );
    console.log(
      `${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (other work on the machine slows every figure)\n`,
    );

    for (const renderer of RENDERERS) {
      const page = await context.newPage();
      await page.goto(app.url.replace('/?', `/?renderer=${renderer}&measure=1&`));
      await page
        .locator('[data-test="file-name"]')
        .filter({ hasText: FILES[0]! })
        .waitFor({ timeout: 60_000 })
        .catch(async (err: unknown) => {
          throw new Error(
            `${String(err)}\npage:\n${(await page.locator('body').innerText()).slice(0, 500)}\n${app.output()}`,
          );
        });
      await page.locator(CANVAS).and(page.locator('[data-draws]:not([data-draws="0"])')).waitFor();
      const size = await page.locator(CANVAS).boundingBox();
      console.log(`== ${renderer} (panel ${Math.round(size!.width)}×${Math.round(size!.height)} px)`);
      if (renderer === 'webgl') {
        const floor = await fillFloor(page, Math.round(size!.width), Math.round(size!.height));
        console.log(`floor: a trivial full-panel WebGL fill takes ${floor.toFixed(1)} ms here (median of 11)`);
      }
      console.log('file                       sweep  DBZH rays×gates  draw new field ms  redraw ms (median of 5)');
      const firstDraws: number[] = [];
      const redraws: number[] = [];
      for (const [i, file] of FILES.entries()) {
        if (i > 0) await openAndWait(page, paths[i]!, file);
        // reflectivity: the largest field of each sweep (1832 gates on the lowest tilts)
        await measuredDraw(page, () => page.locator('[data-test="field-DBZH"]').click());
        const sweeps = await page.locator('[data-test="sweep-list"] li').count();
        for (let s = 0; s < sweeps; s++) {
          const sweepItem = page.locator('[data-test="sweep-list"] li').nth(s);
          const draw = await measuredDraw(page, () => sweepItem.click());
          const grid = (await page.locator(CANVAS).getAttribute('data-field')) ?? '?';
          const redraw = median(await redraws5(page));
          firstDraws.push(draw);
          redraws.push(redraw);
          console.log(
            `${file.padEnd(26)} ${String(s).padStart(5)}  ${grid.padStart(15)}  ${f1(draw)}            ${f1(redraw)}`,
          );
        }
      }
      console.log(
        `median draw ${median(firstDraws).toFixed(1)} ms (max ${Math.max(...firstDraws).toFixed(1)}), median redraw ${median(redraws).toFixed(1)} ms`,
      );

      // gestures over the 720 × 1832 sweep (KCRP sweep 0, DBZH) in fresh pages without GPU waits: as shipped
      // (half resolution while moving, full when it stops) and at full resolution throughout
      for (const mode of ['interactive', 'full'] as const) {
        const live = await context.newPage();
        const query = `renderer=${renderer}${mode === 'full' ? '&interactive=full' : ''}`;
        await live.goto(app.url.replace('/?', `/?${query}&`));
        await live.locator('[data-test="file-name"]').filter({ hasText: FILES[0]! }).waitFor({ timeout: 60_000 });
        await live.locator('[data-test="sweep-list"] li').nth(0).click();
        await live.locator('[data-test="field-DBZH"]').click();
        await live.waitForTimeout(500);
        for (const kind of ['pan', 'zoom'] as const) {
          const { intervals, draws: n, ms } = await gesture(live, kind, GESTURE_MS);
          console.log(
            `${kind.padEnd(4)} ${mode === 'full' ? 'full res' : 'moving res'} 720×1832: ${((1000 * n) / ms).toFixed(1)} redraws/s ` +
              `(${n} in ${ms.toFixed(0)} ms); frame interval median ${median(intervals).toFixed(1)} ms, ` +
              `p95 ${p95(intervals).toFixed(1)} ms`,
          );
          await live.waitForTimeout(300);
        }
        await live.close();
      }
      await page.close();
      console.log('');
    }

    // time to first PPI after choosing a file (reader + transfer + first draw), WebGL
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('[data-test="file-name"]').filter({ hasText: FILES[0]! }).waitFor({ timeout: 60_000 });
    await page.locator(CANVAS).and(page.locator('[data-draws]:not([data-draws="0"])')).waitFor();
    const firstPpi = new Map<string, number[]>(FILES.map((f) => [f, []]));
    for (let round = 0; round < 5; round++) {
      for (const [i, file] of [...FILES.entries()].reverse())
        firstPpi.get(file)!.push(await openAndWait(page, paths[i]!, file));
    }
    for (const [file, ms] of firstPpi) {
      console.log(
        `choose → first PPI: ${file} median ${median(ms).toFixed(0)} ms (${ms.map((x) => x.toFixed(0)).join(', ')})`,
      );
    }
    await page.close();
  } finally {
    await browser.close();
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
