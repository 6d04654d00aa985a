// @vitest-environment jsdom
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { disconnect } from '../lib/stores/connection';
import { locale } from '../lib/stores/i18n';
import { sessions } from '../lib/stores/sessions';
import { render } from '../lib/testing/dom';
import { useFakePlatform } from '../lib/testing/fake-platform';
import { answer, connectLive } from '../lib/testing/live';
import SessionsView from './SessionsView.svelte';

let view: ReturnType<typeof render> | undefined;
beforeEach(() => {
  useFakePlatform();
});
afterEach(() => {
  view?.destroy();
  cleanStores(sessions, locale);
  disconnect();
});

describe('the session list', () => {
  it('separates the parts under a title with “ · ”, and leaves out the parts the gateway did not give', async () => {
    const socket = await connectLive();
    view = render(SessionsView, {});
    await answer(socket, 'sessions.list', {
      sessions: [
        { key: 'agent:main:a', agentId: 'main', chatType: 'direct', model: 'm1' },
        { key: 'agent:main:b', agentId: 'main' },
      ],
    });
    await vi.waitFor(() => expect(view!.target.querySelectorAll('.meta')).toHaveLength(2));
    const metas = [...view.target.querySelectorAll('.meta')].map((meta) =>
      [...meta.querySelectorAll('bdi')].map((part) => part.textContent),
    );
    expect(metas).toEqual([['main', 'direct', 'm1'], ['main']]);
  });
});
