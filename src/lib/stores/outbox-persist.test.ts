import { cleanStores, keepMount } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive } from '../testing/live';
import { disconnect } from './connection';
import { discardQueued, outbox, queueOf, resumeOutbox, send } from './outbox';
import { hasQueued } from './outbox-key';
import { platform } from './platform';
import { activeRuns, runs } from './run-map';

const GATEWAY = 'ws://127.0.0.1:18789';
const KEPT = `openclaw-console:outbox:${GATEWAY}`;
const sends = (socket: FakeWebSocket) => socket.sent.filter((f) => f.method === 'chat.send');
const kept = () => JSON.parse(platform().storages.local.getItem(KEPT) ?? '{}');

let page: FakePage;
beforeEach(() => {
  page = useFakePlatform();
});
afterEach(async () => {
  disconnect();
  await vi.waitFor(() =>
    expect([...outbox.get().values()].flat().some((q) => q.state === 'sending')).toBe(false),
  );
  for (const [key, queue] of outbox.get()) queue.forEach((q) => discardQueued(key, q.id));
  // The outbox listens for other tabs while mounted: on this test's fake page, not the next's.
  cleanStores(outbox, runs, activeRuns);
});

describe('the kept outbox', () => {
  it('keeps a message queued offline on this device, per gateway, before anything is sent', async () => {
    const socket = await connectLive();
    disconnect();
    send('agent:main:kept', 'typed while the gateway was down');
    expect(kept()).toEqual({
      'agent:main:kept': [
        expect.objectContaining({ text: 'typed while the gateway was down', state: 'queued' }),
      ],
    });
    expect(hasQueued(GATEWAY)).toBe(true);
    expect(hasQueued('ws://elsewhere:1')).toBe(false);
    expect(sends(socket)).toHaveLength(0);
  });

  it('sends what a reloaded or crashed page left, once, with its idempotency key', async () => {
    // As a page that died mid-send left it: one message still marked as sending.
    platform().storages.local.setItem(
      KEPT,
      JSON.stringify({
        'agent:main:left': [{ id: 'left-1', text: 'from before', state: 'sending', via: 'chat' }],
        'agent:main:odd': [{ text: 'no id' }, 'junk'],
      }),
    );
    const socket = await connectLive();
    resumeOutbox();
    await vi.waitFor(() => expect(sends(socket)).toHaveLength(1));
    expect(sends(socket)[0]!.params).toMatchObject({
      sessionKey: 'agent:main:left',
      message: 'from before',
      idempotencyKey: 'left-1',
    });
    socket.receive({ type: 'res', id: sends(socket)[0]!.id, ok: true, payload: { runId: 'r1' } });
    await vi.waitFor(() => expect(hasQueued(GATEWAY)).toBe(false));
    resumeOutbox();
    expect(sends(socket)).toHaveLength(1);
  });

  it('does not send what another tab sent while this one waited for the lock', async () => {
    const socket = await connectLive();
    const queue = queueOf('agent:main:two-tabs');
    keepMount(queue);
    // The other tab holds the session's lock, sends the message and removes it from storage.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = platform().withLock(
      `openclaw-console:outbox:${GATEWAY}:agent:main:two-tabs`,
      () => gate,
    );
    send('agent:main:two-tabs', 'only once');
    expect(queue.get()).toHaveLength(1);
    platform().storages.local.removeItem(KEPT);
    page.fire('window', 'storage');
    expect(queue.get()).toHaveLength(0);
    release();
    await held;
    await Promise.resolve();
    await vi.waitFor(() => expect(queue.get()).toHaveLength(0));
    expect(sends(socket)).toHaveLength(0);
    cleanStores(queue);
  });

  it('leaves the queues as they are when another tab changes something else (a draft)', async () => {
    await connectLive();
    disconnect();
    const queue = queueOf('agent:main:quiet');
    keepMount(queue);
    send('agent:main:quiet', 'waiting');
    const shown = queue.get();
    platform().storages.local.setItem('openclaw-console:draft:other', 'typed in another tab');
    page.fire('window', 'storage');
    expect(queue.get()).toBe(shown);
    cleanStores(queue);
  });

  it('never sends a message kept for one gateway to another', async () => {
    platform().storages.local.setItem(
      'openclaw-console:outbox:ws://other-gateway:18789',
      JSON.stringify({ 'agent:main:main': [{ id: 'x', text: 'for the other', via: 'chat' }] }),
    );
    const socket = await connectLive();
    resumeOutbox();
    send('agent:main:here', 'for this one');
    await vi.waitFor(() => expect(sends(socket)).toHaveLength(1));
    expect(sends(socket)[0]!.params).toMatchObject({ message: 'for this one' });
    expect(hasQueued('ws://other-gateway:18789')).toBe(true);
  });
});
