/**
 * The dispatcher is the gate every API call passes (IPC and browser mode): it must reject malformed
 * arguments with a typed error before any service sees them, and turn service failures into ApiErrors.
 */
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import type { Handlers } from '../../../main/api/handlers';
import { ReaderError } from '../../../main/io/reader-error';

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const unexpected = vi.fn(() => Promise.reject(new Error('handler should not have been called')));
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => (key in target ? target[key as keyof Handlers] : unexpected),
  });
}

describe('dispatch', () => {
  it('rejects an unknown method', async () => {
    const result = await dispatch(fakeHandlers(), 'deleteEverything', []);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'unknown method deleteEverything' },
    });
  });

  it('rejects a malformed argument with a typed error naming the argument', async () => {
    const getSweep = vi.fn();
    const result = await dispatch(fakeHandlers({ getSweep }), 'getSweep', ['abc', -1, 'VRADH']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message).toContain('getSweep#1');
    expect(result.error.message).toContain('got -1');
    expect(getSweep).not.toHaveBeenCalled();
  });

  it('rejects unexpected keys and wrong types inside a request object', async () => {
    const startDealias = vi.fn();
    const handlers = fakeHandlers({ startDealias });
    const extraKey = await dispatch(handlers, 'startDealias', [
      { volumeId: 'v1', sweeps: [0], variant: 'fused', params: {}, shell: 'rm -rf /' },
    ]);
    expect(extraKey.ok || extraKey.error.message).toContain('unexpected key "shell"');
    const badVariant = await dispatch(handlers, 'startDealias', [
      { volumeId: 'v1', sweeps: [0], variant: 'quantum', params: {} },
    ]);
    expect(badVariant.ok || badVariant.error.message).toContain('one of dense, sparse, heap, fused, parallel');
    const badParam = await dispatch(handlers, 'startDealias', [
      { volumeId: 'v1', sweeps: [0], variant: 'fused', params: { intervalSplits: 'three' } },
    ]);
    expect(badParam.ok || badParam.error.message).toContain('intervalSplits');
    expect(startDealias).not.toHaveBeenCalled();
  });

  it('rejects too many arguments and non-list arguments', async () => {
    expect((await dispatch(fakeHandlers(), 'listRuns', [1])).ok).toBe(false);
    expect((await dispatch(fakeHandlers(), 'listRuns', { 0: 1 })).ok).toBe(false);
  });

  it('passes valid arguments through and wraps the value', async () => {
    const openFile = vi.fn(async (path: string) => ({ id: 'x', name: path, header: {} as never, loading: false }));
    const result = await dispatch(fakeHandlers({ openFile }), 'openFile', ['/data/KLBB']);
    expect(openFile).toHaveBeenCalledWith('/data/KLBB');
    expect(result).toEqual({ ok: true, value: { id: 'x', name: '/data/KLBB', header: {}, loading: false } });
  });

  it('maps a reader failure to a typed reader error with the file name', async () => {
    const openFile = vi.fn(() => Promise.reject(new ReaderError('corrupt', '/x/bad.nc', 'the header is truncated')));
    const result = await dispatch(fakeHandlers({ openFile }), 'openFile', ['/x/bad.nc']);
    expect(result).toEqual({ ok: false, error: { code: 'reader', message: 'bad.nc: the header is truncated' } });
  });
});
