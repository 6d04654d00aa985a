import { describe, expect, it } from 'vitest';
import { requiredScope, scopeSatisfied } from './scopes';

describe('requiredScope', () => {
  it('names the scope each kind of method needs, and admin for methods it does not know', () => {
    expect(
      [
        'health',
        'chat.send',
        'sessions.delete',
        'device.pair.approve',
        'exec.approval.resolve',
      ].map(requiredScope),
    ).toEqual([
      'operator.read',
      'operator.write',
      'operator.admin',
      'operator.pairing',
      'operator.approvals',
    ]);
    expect(requiredScope('something.new')).toBe('operator.admin');
  });
});

describe('scopeSatisfied', () => {
  it('admin satisfies everything, write satisfies read, and nothing else stands in', () => {
    expect(scopeSatisfied(['operator.admin'], 'operator.pairing')).toBe(true);
    expect(scopeSatisfied(['operator.write'], 'operator.read')).toBe(true);
    expect(scopeSatisfied(['operator.write'], 'operator.admin')).toBe(false);
    expect(scopeSatisfied(['operator.read'], 'operator.write')).toBe(false);
    expect(scopeSatisfied(['operator.pairing'], 'operator.pairing')).toBe(true);
    expect(scopeSatisfied(['operator.pairing'], 'operator.read')).toBe(false);
  });
});
