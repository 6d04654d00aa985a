import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../stores/transcript-entries';
import { newRun, type RunView } from '../stores/runs';
import { arrival, NEWS_CHARS, newsText, shownRole, tailOf } from './transcript-news';

const message = (key: string, role = 'assistant'): TranscriptItem => ({
  key,
  message: { role, content: key },
});
const run = (key: string, state: RunView['state']): TranscriptItem => ({
  key,
  run: { ...newRun(key, 'agent:main:main', 0), state },
});

describe('arrival', () => {
  it('announces nothing on the first load', () => {
    expect(arrival(undefined, [message('a'), message('b')])).toBeUndefined();
  });

  it('announces a message appended at the end', () => {
    const before = tailOf([message('a')]);
    expect(arrival(before, [message('a'), message('b', 'user')])?.key).toBe('b');
  });

  it('announces nothing when older history is prepended or nothing changed', () => {
    const before = tailOf([message('b')]);
    expect(arrival(before, [message('a'), message('b')])).toBeUndefined();
    expect(arrival(before, [message('b')])).toBeUndefined();
  });

  it('announces a run once, when it finishes, not while it streams', () => {
    const items = [message('a')];
    const started = [...items, run('r', 'running')];
    expect(arrival(tailOf(items), started)).toBeUndefined();
    expect(arrival(tailOf(started), [...items, run('r', 'running')])).toBeUndefined();
    const ended = [...items, run('r', 'final')];
    expect(arrival(tailOf(started), ended)?.key).toBe('r');
    expect(arrival(tailOf(ended), ended)).toBeUndefined();
  });
});

describe('shownRole', () => {
  it('keeps the known roles and shows anything else as a plain message', () => {
    for (const role of ['user', 'assistant', 'tool', 'system'] as const) {
      expect(shownRole({ role })).toBe(role);
    }
    expect(shownRole({ role: 'toolResult' })).toBe('other');
    expect(shownRole({})).toBe('other');
  });
});

describe('newsText', () => {
  it('announces the start of a long reply, not all of it', () => {
    expect(newsText('short')).toBe('short');
    expect(newsText('x'.repeat(1_000_000))).toBe(`${'x'.repeat(NEWS_CHARS)}…`);
  });
});
