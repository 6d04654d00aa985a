import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectBase, GATEWAY_SERVED_ATTRIBUTE, normalizeBase, withBase } from './base-path';
import { servingGateway } from './platform';
import { createAppRouter } from './router';

/** An `<html>` as a gateway serves it, with its base-path mark (or none: another server). */
const html = (base?: string) =>
  ({
    getAttribute: (name: string) => (name === GATEWAY_SERVED_ATTRIBUTE ? (base ?? null) : null),
    hasAttribute: (name: string) => name === GATEWAY_SERVED_ATTRIBUTE && base !== undefined,
  }) as unknown as Element;

afterEach(() => vi.unstubAllGlobals());

describe('the base path', () => {
  it('is what the gateway marked, normalised as the gateway does', () => {
    expect(detectBase(html('/console'))).toBe('/console');
    expect(detectBase(html('/console/'))).toBe('/console');
    expect(detectBase(html('ops/console'))).toBe('/ops/console');
    expect(detectBase(html(''))).toBe('');
    expect(detectBase(html('/'))).toBe('');
    expect(detectBase(html())).toBe('');
    expect(detectBase(undefined)).toBe('');
  });

  it('never leaves the origin or the path: odd marks count as no base', () => {
    for (const odd of ['//evil.example', '/a/../b', '/./x', 'https://x', '/a?b', '/a#b', '/a//b'])
      expect(normalizeBase(odd)).toBe('');
  });

  it('prefixes in-app paths only', () => {
    expect(withBase('/', '/console')).toBe('/console/');
    expect(withBase('/sessions?x=1', '/console')).toBe('/console/sessions?x=1');
    expect(withBase('/sessions', '')).toBe('/sessions');
    expect(withBase('#main', '/console')).toBe('#main');
    expect(withBase('http://h/console/logs', '/console')).toBe('http://h/console/logs');
  });
});

describe('the router under a base path', () => {
  it('matches the browser addresses under the base, deep links included', () => {
    const router = createAppRouter('/console');
    router.open('http://gw.test/console/');
    expect(router.get()?.route).toBe('overview');
    router.open('http://gw.test/console/sessions/agent%3Amain%3Ax');
    expect(router.get()).toMatchObject({ route: 'session', params: { key: 'agent:main:x' } });
    router.open('http://gw.test/console/logs');
    expect(router.get()?.route).toBe('logs');
    // Outside the base is not the console's.
    router.open('http://gw.test/logs');
    expect(router.get()).toBeUndefined();
  });

  it('opens in-app paths under the base, in the history too', () => {
    const pushState = vi.fn();
    vi.stubGlobal('history', { pushState, replaceState: vi.fn() });
    const router = createAppRouter('/console');
    router.open('/sessions');
    expect(router.get()?.route).toBe('sessions');
    expect(pushState).toHaveBeenLastCalledWith(null, null, '/console/sessions');
    router.open('/');
    expect(router.get()?.route).toBe('overview');
    expect(pushState).toHaveBeenLastCalledWith(null, null, '/console/');
  });

  it('is unchanged at the root', () => {
    const router = createAppRouter('');
    router.open('/sessions/abc');
    expect(router.get()).toMatchObject({ route: 'session', params: { key: 'abc' } });
    router.open('/console/sessions');
    expect(router.get()).toBeUndefined();
  });
});

describe('the gateway that served the page', () => {
  it('is the page origin under the base path, as a WebSocket', () => {
    vi.stubGlobal('document', { documentElement: html('/console') });
    vi.stubGlobal('location', { protocol: 'https:', host: 'gw.test:8443' });
    expect(servingGateway()).toBe('wss://gw.test:8443/console');
    vi.stubGlobal('document', { documentElement: html('') });
    expect(servingGateway()).toBe('wss://gw.test:8443');
    vi.stubGlobal('document', { documentElement: html() });
    expect(servingGateway()).toBeUndefined();
  });
});
