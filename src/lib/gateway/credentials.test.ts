import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../testing/memory-storage';
import {
  forgetCredentials,
  loadCredentials,
  saveCredentials,
  takeTokenFromFragment,
} from './credentials';

const URL = 'ws://127.0.0.1:18789';

describe('credentials', () => {
  it('takes a #token= fragment once and removes it from the address bar', () => {
    const replaced: string[] = [];
    const location = {
      hash: '#token=abc123&view=wall',
      pathname: '/sessions',
      search: '',
    } as Location;
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url),
    } as unknown as History;
    expect(takeTokenFromFragment(location, history)).toBe('abc123');
    expect(replaced).toEqual(['/sessions#view=wall']);
  });

  it('keeps a token in sessionStorage unless remembered, and a password in memory only', () => {
    const storages = { session: new MemoryStorage(), local: new MemoryStorage() };
    saveCredentials(URL, { token: 't-1', password: 'p-1' }, false, storages);
    expect(storages.session.dump()).toContain('t-1');
    expect(storages.local.dump()).not.toContain('t-1');
    expect(storages.session.dump() + storages.local.dump()).not.toContain('p-1');
    expect(loadCredentials(URL, storages)).toEqual({
      token: 't-1',
      password: 'p-1',
      remembered: false,
    });

    saveCredentials(URL, { token: 't-2' }, true, storages);
    expect(storages.local.dump()).toContain('t-2');
    expect(storages.session.dump()).not.toContain('t-1');
    expect(loadCredentials(URL, storages).remembered).toBe(true);
  });

  it('forgets everything for a gateway', () => {
    const storages = { session: new MemoryStorage(), local: new MemoryStorage() };
    saveCredentials(URL, { token: 't-1', password: 'p' }, true, storages);
    forgetCredentials(URL, storages);
    expect(loadCredentials(URL, storages)).toEqual({
      token: undefined,
      password: undefined,
      remembered: false,
    });
  });
});
