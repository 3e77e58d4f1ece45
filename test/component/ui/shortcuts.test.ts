/**
 * Keyboard shortcuts and pointer gestures as pure functions.
 */
import { describe, expect, it } from 'vitest';
import { isTyping, matchShortcut, SHORTCUTS } from '../../../renderer/src/composables/shortcuts';
import { GestureTracker, wheelZoomFactor } from '../../../renderer/src/render/gestures';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('shortcuts', () => {
  it('maps keys to actions with their modifiers', () => {
    expect(matchShortcut(key('o'))).toBe('open-file');
    expect(matchShortcut(key('O', { shift: true }))).toBe('open-folder');
    expect(matchShortcut(key('o', { ctrl: true }))).toBe('open-file');
    expect(matchShortcut(key('o', { meta: true }))).toBe('open-file');
    expect(matchShortcut(key(']'))).toBe('next-sweep');
    expect(matchShortcut(key('PageUp'))).toBe('previous-sweep');
    expect(matchShortcut(key('+', { shift: true }))).toBe('zoom-in');
    expect(matchShortcut(key('='))).toBe('zoom-in');
    expect(matchShortcut(key('-'))).toBe('zoom-out');
    expect(matchShortcut(key('?', { shift: true }))).toBe('toggle-help');
    expect(matchShortcut(key('D', { shift: true }))).toBe('cancel-dealias');
    expect(matchShortcut(key('d'))).toBe('run-dealias');
    expect(matchShortcut(key('e', { ctrl: true }))).toBe('export');
    expect(matchShortcut(key('Escape'))).toBe('close');
  });

  it('ignores unknown keys and Alt combinations', () => {
    expect(matchShortcut(key('q'))).toBeNull();
    expect(matchShortcut(key('o', { alt: true }))).toBeNull();
    expect(matchShortcut(key('x', { ctrl: true }))).toBeNull();
  });

  it('has one entry per action and a description for each', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(SHORTCUTS.every((s) => s.description.length > 5 && s.keys.length > 0)).toBe(true);
  });

  it('leaves keys typed into form fields alone', () => {
    expect(isTyping(document.createElement('input'))).toBe(true);
    expect(isTyping(document.createElement('select'))).toBe(true);
    expect(isTyping(document.createElement('div'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe('gestures', () => {
  it('hovers without buttons, pans while dragging', () => {
    const g = new GestureTracker();
    expect(g.move(1, 10, 10)).toEqual([{ kind: 'hover', px: 10, py: 10 }]);
    g.down(1, 10, 10);
    expect(g.move(1, 15, 7)).toEqual([{ kind: 'pan', dx: 5, dy: -3 }]);
    g.up(1);
    expect(g.active).toBe(false);
  });

  it('pinches: zooms by the change of finger distance about the midpoint', () => {
    const g = new GestureTracker();
    g.down(1, 100, 100);
    g.down(2, 200, 100);
    const actions = g.move(2, 300, 100);
    expect(actions[0]).toEqual({ kind: 'pan', dx: 50, dy: 0 });
    expect(actions[1]).toMatchObject({ kind: 'zoom', px: 200, py: 100 });
    expect((actions[1] as { factor: number }).factor).toBeCloseTo(2, 12);
  });

  it('zooms in for wheel up, out for wheel down, faster for trackpad pinches', () => {
    expect(wheelZoomFactor(-100, 0, false)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0, false)).toBeLessThan(1);
    expect(wheelZoomFactor(-3, 1, false)).toBeCloseTo(wheelZoomFactor(-48, 0, false), 12);
    expect(wheelZoomFactor(-10, 0, true)).toBeGreaterThan(wheelZoomFactor(-10, 0, false));
  });
});
