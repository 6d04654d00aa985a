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

  it('leaves the address bar alone when the fragment has no token, and trims one that has', () => {
    const replaced: string[] = [];
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url),
    } as unknown as History;
    const at = (hash: string) => ({ hash, pathname: '/', search: '?x=1' }) as Location;
    expect(takeTokenFromFragment(at('#view=wall'), history)).toBeUndefined();
    expect(replaced).toEqual([]);
    expect(takeTokenFromFragment(at('#token=%20abc%20'), history)).toBe('abc');
    expect(takeTokenFromFragment(at('#token='), history)).toBeUndefined();
    expect(replaced).toEqual(['/?x=1', '/?x=1']);
  });

  it('keeps each gateway’s token apart', () => {
    const storages = { session: new MemoryStorage(), local: new MemoryStorage() };
    saveCredentials(URL, { token: 't-a' }, true, storages);
    saveCredentials('ws://10.0.0.2:18789', { token: 't-b' }, true, storages);
    expect(loadCredentials(URL, storages).token).toBe('t-a');
    expect(loadCredentials('ws://10.0.0.2:18789', storages).token).toBe('t-b');
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

  it('stores no token when only a password is given', () => {
    const storages = { session: new MemoryStorage(), local: new MemoryStorage() };
    saveCredentials(URL, { token: 't-0' }, false, storages);
    saveCredentials(URL, { password: 'p-only' }, false, storages);
    expect(loadCredentials(URL, storages)).toEqual({
      token: undefined,
      password: 'p-only',
      remembered: false,
    });
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
