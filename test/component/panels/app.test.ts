/**
 * The workbench shell: start-up opens the initial file, keyboard shortcuts and main's menu commands
 * drive the stores, overlays open and close.
 */
import { fake, resetFake } from '../support/mock-api';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.vue';
import { useViewStore } from '../../../renderer/src/stores/view';

const settle = async () => {
  for (let i = 0; i < 6; i++) await flushPromises();
};
const press = (key: string, init: KeyboardEventInit = {}) =>
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));

let wrapper: ReturnType<typeof mount>;
beforeEach(async () => {
  resetFake();
  localStorage.clear();
  wrapper?.unmount();
  const pinia = createPinia();
  wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [pinia], stubs: { SweepCanvas: true, RunCharts: true } },
  });
  await settle();
});

describe('App', () => {
  it('opens the initial file and lists its sweeps', () => {
    expect(wrapper.get('[data-test="file-name"]').text()).toBe('KTST20200101_000000_V06');
    expect(wrapper.findAll('[data-test="sweep-list"] li')).toHaveLength(2);
    expect(fake.api.listRuns).toHaveBeenCalled();
  });

  it('steps sweeps and fields with the keyboard', async () => {
    const view = useViewStore();
    press('[');
    expect(view.sweep).toBe(0);
    press(']');
    expect(view.sweep).toBe(1);
    press('f');
    expect(view.moment).toBe('NCP');
  });

  it('opens and closes the help overlay', async () => {
    press('?');
    await flushPromises();
    expect(wrapper.find('[data-test="help"]').exists()).toBe(true);
    press('Escape');
    await flushPromises();
    expect(wrapper.find('[data-test="help"]').exists()).toBe(false);
  });

  it('runs dealias from the keyboard and ignores keys typed into fields', async () => {
    const input = document.createElement('input');
    document.body.appendChild(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true }));
    expect(fake.api.startDealias).not.toHaveBeenCalled();
    press('d');
    await settle();
    expect(fake.api.startDealias).toHaveBeenCalledOnce();
    input.remove();
  });

  it('carries out menu commands and opens files main sends', async () => {
    fake.emit('menu-command', 'open-file');
    await settle();
    expect(wrapper.find('[data-test="path-prompt"]').exists()).toBe(true);
    await wrapper.get('[data-test="path-input"]').setValue('/data/typed.nc');
    await wrapper.get('[data-test="path-prompt"]').trigger('submit');
    await settle();
    expect(fake.api.openFile).toHaveBeenLastCalledWith('/data/typed.nc');
    fake.emit('open-file', '/data/from-os.nc');
    await settle();
    expect(wrapper.get('[data-test="file-name"]').text()).toBe('from-os.nc');
  });
});
