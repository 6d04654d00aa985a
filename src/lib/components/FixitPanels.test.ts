// @vitest-environment jsdom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { connectLive } from '../testing/live';
import { disconnect } from '../stores/connection';
import FixitPanels from './FixitPanels.svelte';

afterEach(() => {
  disconnect();
  document.body.innerHTML = '';
});

describe('announcements by operators', () => {
  it('show another operator’s bidi overrides as markers, so a name cannot pass for another', async () => {
    useFakePlatform();
    const socket = await connectLive();
    const view = mount(FixitPanels, { target: document.body });
    // What the real gateway lists after a `system-event` whose text hides "nimda.rotarepo".
    socket.receive({
      type: 'event',
      event: 'presence',
      payload: {
        presence: [
          { text: 'operator \u202Enimda.rotarepo did a thing', reason: 'console-action', ts: 1 },
        ],
      },
    });
    await vi.waitFor(() => {
      flushSync();
      expect(document.querySelector('[data-testid="announcement"]')?.textContent).toBe(
        'operator ⟨U+202E⟩nimda.rotarepo did a thing',
      );
    });
    unmount(view);
  });
});
