import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../csp.config.js';
import config from '../vite.config';

describe('security headers', () => {
  it('refuse framing and carry the whole CSP, narrowed to a known gateway', () => {
    const headers = securityHeaders("'self' ws://127.0.0.1:18789");
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['Content-Security-Policy']).toContain(
      "connect-src 'self' ws://127.0.0.1:18789;",
    );
    expect(headers['Content-Security-Policy']).toContain("script-src 'self'");
  });

  it('leave frame-ancestors out of the meta policy, where browsers ignore it with a warning', () => {
    expect(contentSecurityPolicy()).not.toContain('frame-ancestors');
  });

  it('are sent by vite preview and by the dev server', () => {
    for (const server of [config.preview, config.server]) {
      expect(server?.headers?.['X-Frame-Options']).toBe('DENY');
      expect(String(server?.headers?.['Content-Security-Policy'])).toContain(
        "frame-ancestors 'none'",
      );
    }
  });
});
