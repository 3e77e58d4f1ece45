/**
 * Replaces the renderer's API module with the fake for the importing test file. Import this first:
 *   import { fake } from '../support/mock-api';
 * `fake.api` is the bridge, `fake.emit` pushes events, `resetFake()` restores default answers.
 */
import { vi } from 'vitest';
import { createFakeApi, type FakeApi } from './fake-api';

const holder = vi.hoisted(() => ({ current: null as unknown }));

vi.mock('../../../renderer/src/api/index', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../renderer/src/api/index')>();
  const { createFakeApi: create } = await import('./fake-api');
  holder.current ??= create();
  const fakeApi = holder.current as FakeApi;
  return {
    ...original,
    api: fakeApi.api,
    isDesktop: () => false,
    pathOfDroppedFile: vi.fn(async (file: File) => `/uploads/abc/${file.name}`),
  };
});

holder.current ??= createFakeApi();
export const fake = holder.current as FakeApi;

/** Restore every fake method's default answer and forget calls and listeners. */
export function resetFake(): void {
  const fresh = createFakeApi();
  for (const [name, fn] of Object.entries(fresh.api)) {
    if (name === 'on') continue; // stays bound to the fake's own listener map
    const target = fake.api[name as keyof FakeApi['api']] as unknown as {
      mockReset(): void;
      mockImplementation(f: unknown): void;
    };
    target.mockReset();
    target.mockImplementation((fn as unknown as { getMockImplementation(): unknown }).getMockImplementation());
  }
  fake.listeners.clear();
  fake.api.on.mockClear();
}
