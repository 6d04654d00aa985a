// @vitest-environment jsdom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ProblemNotice from './ProblemNotice.svelte';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ProblemNotice', () => {
  it('shows a bidi override in a gateway-chosen request id as a marker, not as reordered text', () => {
    const component = mount(ProblemNotice, {
      target: document.body,
      props: {
        problem: {
          code: 'pairing-required',
          params: { requestId: 'abc\u202Edef', reason: 'not-paired' },
          fatal: false,
        },
      },
    });
    flushSync();
    const text = document.body.textContent ?? '';
    expect(text).toContain('abc⟨U+202E⟩def');
    expect(text).not.toContain('\u202E');
    unmount(component);
  });
});
