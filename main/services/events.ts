/**
 * Typed events main pushes to whichever renderer transport is attached (Electron webContents, or the
 * browser mode's event stream). Transports subscribe; services only emit.
 */
import type { ApiEvents } from '../../common/api';

type Listener = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;

export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
