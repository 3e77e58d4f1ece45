/**
 * Pointer and wheel gestures of a sweep view turned into view actions, without touching the DOM: drag
 * pans, a two-finger pinch zooms about its midpoint (and pans with it), the wheel zooms about the cursor
 * (trackpad pinches arrive as wheel events with ctrlKey and zoom faster). Positions are CSS pixels in the
 * panel. The component feeds events in and applies the actions to the view store.
 */

export type GestureAction =
  | { kind: 'pan'; dx: number; dy: number }
  | { kind: 'zoom'; factor: number; px: number; py: number }
  | { kind: 'hover'; px: number; py: number };

interface Pointer {
  x: number;
  y: number;
}

/** Zoom factor of a wheel event: exp(−deltaY × k), with deltaY normalised to pixels. */
export function wheelZoomFactor(deltaY: number, deltaMode: number, ctrlKey: boolean): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const k = ctrlKey ? 0.01 : 0.0015;
  return Math.exp(-Math.max(-400, Math.min(400, pixels)) * k);
}

export class GestureTracker {
  private readonly pointers = new Map<number, Pointer>();

  get active(): boolean {
    return this.pointers.size > 0;
  }

  down(id: number, x: number, y: number): void {
    this.pointers.set(id, { x, y });
  }

  up(id: number): void {
    this.pointers.delete(id);
  }

  /** Actions for a pointer move: hover when no button is down, pan for one pointer, pinch for two. */
  move(id: number, x: number, y: number): GestureAction[] {
    const current = this.pointers.get(id);
    if (!current) return [{ kind: 'hover', px: x, py: y }];
    if (this.pointers.size === 1) {
      this.pointers.set(id, { x, y });
      return [{ kind: 'pan', dx: x - current.x, dy: y - current.y }];
    }
    const other = [...this.pointers.entries()].find(([key]) => key !== id)?.[1];
    this.pointers.set(id, { x, y });
    if (!other) return [];
    const before = Math.hypot(current.x - other.x, current.y - other.y);
    const after = Math.hypot(x - other.x, y - other.y);
    const mid = { x: (x + other.x) / 2, y: (y + other.y) / 2 };
    const midBefore = { x: (current.x + other.x) / 2, y: (current.y + other.y) / 2 };
    const actions: GestureAction[] = [{ kind: 'pan', dx: mid.x - midBefore.x, dy: mid.y - midBefore.y }];
    if (before > 1 && after > 1) actions.push({ kind: 'zoom', factor: after / before, px: mid.x, py: mid.y });
    return actions;
  }

  wheel(deltaY: number, deltaMode: number, ctrlKey: boolean, x: number, y: number): GestureAction {
    return { kind: 'zoom', factor: wheelZoomFactor(deltaY, deltaMode, ctrlKey), px: x, py: y };
  }

  reset(): void {
    this.pointers.clear();
  }
}
