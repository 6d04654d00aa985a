import { describe, expect, it } from 'vitest';
import { LAZY_VIEWS, sessionView, viewChunkFor, wallView } from './lazy-views';

describe('the view chunk a start address fetches early', () => {
  it('names the chunk of every lazy page, the wall and a session', () => {
    expect(viewChunkFor('logs')).toBe(LAZY_VIEWS.logs);
    expect(viewChunkFor('session')).toBe(sessionView);
    expect(viewChunkFor('wall')).toBe(wallView);
  });

  it('names none for the overview (in the first view), an unknown route or none', () => {
    expect(viewChunkFor('overview')).toBeUndefined();
    expect(viewChunkFor('connect')).toBeUndefined();
    expect(viewChunkFor(undefined)).toBeUndefined();
  });
});
