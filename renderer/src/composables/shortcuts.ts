/**
 * Keyboard shortcuts: one table (listed by the help overlay) and a matcher from key events to actions.
 * Letters match case-insensitively and only with the modifiers their spec names; symbols ignore Shift
 * (it is how '?' and '+' are typed). "Ctrl" also matches ⌘ on macOS.
 */

export type ShortcutAction =
  | 'open-file'
  | 'open-folder'
  | 'next-file'
  | 'previous-file'
  | 'next-sweep'
  | 'previous-sweep'
  | 'next-field'
  | 'previous-field'
  | 'zoom-in'
  | 'zoom-out'
  | 'reset-view'
  | 'pan-left'
  | 'pan-right'
  | 'pan-up'
  | 'pan-down'
  | 'run-dealias'
  | 'cancel-dealias'
  | 'toggle-compare'
  | 'export'
  | 'toggle-help'
  | 'close';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['o', 'Ctrl+O'], action: 'open-file', description: 'Open a radar file' },
  { keys: ['Shift+O', 'Ctrl+Shift+O'], action: 'open-folder', description: 'Open a campaign folder' },
  { keys: ['n'], action: 'next-file', description: 'Next file of the folder (by time)' },
  { keys: ['p'], action: 'previous-file', description: 'Previous file of the folder' },
  { keys: [']', 'PageDown'], action: 'next-sweep', description: 'Next sweep' },
  { keys: ['[', 'PageUp'], action: 'previous-sweep', description: 'Previous sweep' },
  { keys: ['f'], action: 'next-field', description: 'Next field (moment)' },
  { keys: ['Shift+F'], action: 'previous-field', description: 'Previous field' },
  { keys: ['+', '='], action: 'zoom-in', description: 'Zoom in (also: wheel, pinch)' },
  { keys: ['-'], action: 'zoom-out', description: 'Zoom out' },
  { keys: ['0', 'Ctrl+0'], action: 'reset-view', description: 'Reset zoom and pan (also: double-click)' },
  { keys: ['ArrowLeft'], action: 'pan-left', description: 'Pan left (also: drag)' },
  { keys: ['ArrowRight'], action: 'pan-right', description: 'Pan right' },
  { keys: ['ArrowUp'], action: 'pan-up', description: 'Pan up' },
  { keys: ['ArrowDown'], action: 'pan-down', description: 'Pan down' },
  { keys: ['d', 'Ctrl+R'], action: 'run-dealias', description: 'Dealias (this sweep or the volume)' },
  { keys: ['Shift+D'], action: 'cancel-dealias', description: 'Cancel the running dealias job' },
  { keys: ['c'], action: 'toggle-compare', description: 'Switch between single and compare view' },
  { keys: ['e', 'Ctrl+E'], action: 'export', description: 'Export corrected NetCDF…' },
  { keys: ['?', 'F1'], action: 'toggle-help', description: 'Show or hide this help' },
  { keys: ['Escape'], action: 'close', description: 'Close dialogs and help' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function matches(spec: string, e: KeyLike): boolean {
  const parts = spec.split('+');
  // a spec of '+' alone (or ending in '+') means the plus key
  const key = spec.endsWith('+') ? '+' : parts.pop()!;
  const mods = new Set(spec.endsWith('+') ? parts.slice(0, -2) : parts);
  const ctrl = e.ctrlKey || e.metaKey;
  if (mods.has('Ctrl') !== ctrl || e.altKey) return false;
  const isLetter = /^[a-z]$/i.test(key);
  if (isLetter) return e.key.toLowerCase() === key.toLowerCase() && mods.has('Shift') === e.shiftKey;
  if (mods.has('Shift') && !e.shiftKey) return false;
  return e.key === key;
}

export function matchShortcut(e: KeyLike): ShortcutAction | null {
  for (const s of SHORTCUTS) if (s.keys.some((k) => matches(k, e))) return s.action;
  return null;
}

/** True for events typed into a form field, which shortcuts leave alone (except Escape). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
}
