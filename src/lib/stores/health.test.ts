import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/frames';
import { healthVerdict } from './health';

describe('healthVerdict', () => {
  it('reads the verdict of the real gateway’s snapshot', () => {
    const hello = fixture<{ payload: { snapshot: { health: { ok: boolean } } } }>('hello-ok.json');
    const health = hello.payload.snapshot.health;
    expect(healthVerdict(health)).toBe(health.ok ? 'ok' : 'bad');
    expect(healthVerdict({ ...health, ok: false })).toBe('bad');
  });

  it('calls the empty snapshot a just-started gateway sends pending, not unhealthy', () => {
    expect(healthVerdict({})).toBe('pending');
    expect(healthVerdict({ ok: 'yes' })).toBe('pending');
    expect(healthVerdict(undefined)).toBe('pending');
    expect(healthVerdict(['ok'])).toBe('pending');
  });
});
