// @vitest-environment jsdom
import { map } from 'nanostores';
import { mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { readApproval } from '../stores/approval-items';
import ApprovalDetail from './ApprovalDetail.svelte';

afterEach(() => {
  document.body.innerHTML = '';
});

/** Shows one exec approval as the inbox would, asking for `command`. */
function show(command: string) {
  const item = readApproval(
    {
      id: 'a1',
      request: { command, host: 'gateway', allowedDecisions: ['allow-once', 'deny'] },
      createdAtMs: Date.now(),
      expiresAtMs: Date.now() + 60_000,
    },
    'exec',
  )!;
  return mount(ApprovalDetail, {
    target: document.body,
    props: {
      item,
      busy: map({}),
      outcome: map({}),
      onDecide: () => {},
      onAnswer: () => {},
      onSkip: () => {},
    },
  });
}

const shown = () => document.querySelector('[data-testid="approval-command"]')?.textContent;
const warning = () => document.querySelector('[data-testid="approval-hidden"]');

describe('an approval’s command', () => {
  it('shows bidi overrides and hidden characters as markers, with a warning', () => {
    // Reads "ls safe-file" on screen, runs "ls elif-efas; rm -rf ~" (U+202E reverses the rest).
    const view = show('ls \u202E~ fr- mr ;safe-file\u200B');
    expect(shown()).toBe('ls ⟨U+202E⟩~ fr- mr ;safe-file⟨U+200B⟩');
    expect(warning()?.textContent).toContain('hidden or direction-changing characters');
    unmount(view);
  });

  it('shows a plain command as it is, with no warning', () => {
    const view = show('git push --force');
    expect(shown()).toBe('git push --force');
    expect(warning()).toBeNull();
    unmount(view);
  });
});
