import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { idbDelete, idbGet, idbKeys, idbSet } from './idb';

describe('IndexedDB key-value store', () => {
  it('writes, reads back a structured clone, and deletes', async () => {
    expect(await idbGet('absent')).toBeUndefined();
    const value = { bytes: new Uint8Array([1, 2, 3]), nested: { at: 5 } };
    await idbSet('identity:default', value);
    await idbSet('identity:observer', 'other');
    const read = await idbGet<typeof value>('identity:default');
    expect(read).toEqual(value);
    expect(read).not.toBe(value);
    await idbDelete('identity:default');
    expect(await idbGet('identity:default')).toBeUndefined();
    expect(await idbGet('identity:observer')).toBe('other');
  });

  it('lists the keys under a prefix, and only those', async () => {
    await idbSet('device-token:ws://a|x', 1);
    await idbSet('device-token:ws://a|y', 2);
    await idbSet('device-token:ws://b|x', 3);
    expect((await idbKeys('device-token:ws://a|')).sort()).toEqual([
      'device-token:ws://a|x',
      'device-token:ws://a|y',
    ]);
  });
});
