import { cleanStores, keepMount } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { adoptDraft, clearDraft, drafts, keptDrafts, setDraft } from './drafts';
import { platform } from './platform';

const KEY = 'agent:main:drafts';
const entries = () => JSON.parse(keptDrafts.get()[KEY] ?? '{}');
/** Another tab, open now: it holds its lock as a live tab does. */
async function openTab(id: string) {
  void platform().withLock(`openclaw-console:tab:${id}`, () => new Promise<never>(() => {}));
  await Promise.resolve();
}

beforeEach(() => {
  useFakePlatform();
  keepMount(drafts);
});
afterEach(() => {
  keptDrafts.setKey(KEY, undefined as unknown as string);
  cleanStores(drafts);
});

describe('drafts', () => {
  it('keeps each tab’s draft of a session apart: sending in one never clears the other’s', async () => {
    await openTab('other');
    keptDrafts.setKey(KEY, JSON.stringify({ other: { text: 'from the other tab', at: 5 } }));
    await adoptDraft(KEY);
    expect(drafts.get()[KEY]).toBeUndefined();
    setDraft(KEY, 'from this tab');
    expect(drafts.get()[KEY]).toBe('from this tab');
    clearDraft(KEY);
    expect(drafts.get()[KEY]).toBeUndefined();
    expect(Object.values(entries())).toEqual([{ text: 'from the other tab', at: 5 }]);
  });

  it('takes over the newest draft a closed or crashed tab left, once', async () => {
    keptDrafts.setKey(
      KEY,
      JSON.stringify({
        old: { text: 'older', at: Date.now() - 60_000 },
        gone: { text: 'newest', at: Date.now() },
      }),
    );
    await adoptDraft(KEY);
    expect(drafts.get()[KEY]).toBe('newest');
    expect(Object.keys(entries())).toHaveLength(2);
    expect(
      Object.values(entries())
        .map((e) => (e as { text: string }).text)
        .sort(),
    ).toEqual(['newest', 'older']);
  });

  it('reads a draft an earlier version kept as plain text', async () => {
    keptDrafts.setKey(KEY, 'plain text draft');
    await adoptDraft(KEY);
    expect(drafts.get()[KEY]).toBe('plain text draft');
  });
});
