import { describe, expect, it } from 'vitest';
import { base64Url, hex } from './encoding';

describe('byte encodings for device auth', () => {
  it('base64url without padding, with the URL-safe letters', () => {
    expect(base64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64Url(new Uint8Array([0xfb]))).toBe('-w');
    // A signature is 64 bytes: two padding characters in plain base64, none here.
    const signature = base64Url(new Uint8Array(64).fill(0xff));
    expect(signature).toHaveLength(86);
    expect(signature).toBe(Buffer.from(new Uint8Array(64).fill(0xff)).toString('base64url'));
  });

  it('lower-case hex, two digits a byte', () => {
    expect(hex(new Uint8Array([0, 15, 171, 255]))).toBe('000fabff');
  });
});
