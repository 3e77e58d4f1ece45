/**
 * User settings of the workbench, kept in localStorage (per browser profile / per desktop install):
 * renderer choice, overlay, compare layout choices, export options. Query parameters override for one
 * session (benchmarks and tests): `?renderer=canvas|webgl`, `?interactive=full` (no reduced resolution
 * while panning).
 */
import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
import { INTERACTIVE_SCALE } from '../render/view-driver';

export type RendererPreference = 'auto' | 'webgl' | 'canvas';
/** What the fourth compare panel shows. */
export type DifferenceMode = 'fold-difference' | 'velocity-difference' | 'folds-a' | 'folds-b' | 'none';

export interface Settings {
  renderer: RendererPreference;
  showOverlay: boolean;
  differenceMode: DifferenceMode;
  /** show the original field as the first compare panel */
  compareShowsOriginal: boolean;
  /** write an integer fold-number field next to the corrected velocity */
  exportIncludesFolds: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  renderer: 'auto',
  showOverlay: true,
  differenceMode: 'fold-difference',
  compareShowsOriginal: true,
  exportIncludesFolds: true,
});

const STORAGE_KEY = 'unfold.settings.v1';

function load(): Settings {
  let stored: Partial<Settings> = {};
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (text) stored = JSON.parse(text) as Partial<Settings>;
  } catch {
    stored = {};
  }
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (typeof stored[key] === typeof DEFAULT_SETTINGS[key])
      (settings as unknown as Record<string, unknown>)[key] = stored[key];
  }
  return settings;
}

/** `?renderer=` from the page URL, if valid. */
function rendererOverride(): RendererPreference | null {
  const value = new URLSearchParams(globalThis.location?.search ?? '').get('renderer');
  return value === 'canvas' || value === 'webgl' || value === 'auto' ? value : null;
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = reactive<Settings>(load());
  const override = rendererOverride();

  watch(settings, (value) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(value));
    } catch {
      // storage full or disabled: settings stay for this session
    }
  });

  /** the renderer to use now (the query parameter wins over the stored choice) */
  const renderer = (): RendererPreference => override ?? settings.renderer;

  /** field-layer resolution while panning/zooming; `?interactive=full` keeps full resolution (benchmarks) */
  const interactiveScale = (): number =>
    new URLSearchParams(globalThis.location?.search ?? '').get('interactive') === 'full' ? 1 : INTERACTIVE_SCALE;

  function reset(): void {
    Object.assign(settings, DEFAULT_SETTINGS);
  }

  return { settings, renderer, interactiveScale, reset };
});
