import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleServerMiddleware, createHandoff } from './handoff.mjs';

describe('one-time token handoff', () => {
  it('exchanges a code once, and not after it expires', () => {
    let now = 0;
    const handoff = createHandoff({ token: 'gateway-token', ttlMs: 1_000, now: () => now });
    const first = handoff.mint();
    expect(first).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(handoff.exchange(first)).toBe('gateway-token');
    expect(handoff.exchange(first)).toBeUndefined();
    const second = handoff.mint();
    now = 1_001;
    expect(handoff.exchange(second)).toBeUndefined();
    expect(handoff.exchange('guess')).toBeUndefined();
  });
});

describe('the console server’s endpoints', () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  async function serve(): Promise<{ base: string; code: string; failures: string[] }> {
    const handoff = createHandoff({ token: 'gateway-token' });
    const failures: string[] = [];
    const middleware = consoleServerMiddleware({
      gateways: ['ws://127.0.0.1:18789'],
      anyGateway: false,
      handoff,
      onUnusableCode: () => failures.push('unusable'),
    });
    server = createServer((req, res) =>
      middleware(req, res, () => {
        res.statusCode = 404;
        res.end();
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { base: `http://127.0.0.1:${port}`, code: handoff.mint(), failures };
  }

  it('serves the gateways it was started for as same-origin JSON', async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/console-config.json`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      gateways: ['ws://127.0.0.1:18789'],
      anyGateway: false,
    });
  });

  it('hands the token to a same-origin POST once; a cross-site one gets nothing', async () => {
    const { base, code, failures } = await serve();
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/console-handoff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ code }),
      });
    const crossSite = await post({
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const ok = await post({ origin: base, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({ token: 'gateway-token' });
    const again = await post({ origin: base, 'sec-fetch-site': 'same-origin' });
    expect(again.status).toBe(410);
    expect(failures).toEqual(['unusable']);
  });
});
