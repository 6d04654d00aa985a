// @vitest-environment jsdom
import { flushSync, tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, connectLive, reconnectLive, sentCount } from '../lib/testing/live';
import {
  answerHistory,
  click,
  historyOf,
  openSessionView,
  useSessionViewTests,
} from '../lib/testing/session-view';

// The four bugs of issue 9, each seen through the view as an operator sees it.

const fresh = useSessionViewTests();
beforeEach(() => {
  vi.stubGlobal('confirm', () => true);
});

/** Lets every queued reaction run (effects, listeners, answers already received). */
async function settle() {
  await tick();
  await new Promise((done) => setTimeout(done, 0));
  flushSync();
}

describe('the session view', () => {
  it('keeps the open transcript and its live messages while runs start in 21 other sessions', async () => {
    const key = fresh('open');
    const socket = await connectLive();
    const view = openSessionView(key);
    await answerHistory(socket, key, { messages: [{ role: 'user', content: 'first words' }] });
    await vi.waitFor(() => expect(view.target.textContent).toContain('first words'));
    for (let i = 0; i < 21; i++) {
      const other = fresh('busy');
      socket.receive({
        type: 'event',
        event: 'chat',
        payload: { runId: other, sessionKey: other, seq: 1, state: 'delta', deltaText: 'x' },
      });
    }
    socket.receive({
      type: 'event',
      event: 'session.message',
      payload: {
        sessionKey: key,
        message: { role: 'user', content: 'later words', idempotencyKey: 'k2' },
      },
    });
    await vi.waitFor(() => expect(view.target.textContent).toContain('later words'));
    expect(view.target.textContent).toContain('first words');
  });

  it('reads history once per connection, and subscribes to the session once per connection', async () => {
    const key = fresh('reconnect');
    const first = await connectLive();
    openSessionView(key);
    await answerHistory(first, key, { messages: [] });
    await settle();
    expect(historyOf(first, key)).toHaveLength(1);
    expect(sentCount(first, 'sessions.messages.subscribe')).toBe(1);

    const second = await reconnectLive();
    await vi.waitFor(() => expect(historyOf(second, key)).toHaveLength(1));
    await answerHistory(second, key, { messages: [] });
    await settle();
    expect(historyOf(second, key)).toHaveLength(1);
    expect(sentCount(second, 'sessions.messages.subscribe')).toBe(1);
  });

  it('shows the new, empty conversation as soon as a reset is done', async () => {
    const key = fresh('reset');
    const socket = await connectLive((hello) => {
      (hello.payload as unknown as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
    });
    const view = openSessionView(key);
    await answerHistory(socket, key, { messages: [{ role: 'user', content: 'old words' }] });
    await vi.waitFor(() => expect(view.target.textContent).toContain('old words'));
    click(view.target, 'Reset');
    await answer(socket, 'sessions.reset', { ok: true, key });
    await answer(socket, 'sessions.list', { sessions: [] });
    await vi.waitFor(() => expect(view.target.textContent).toContain('Done.'));
    expect(view.target.textContent).not.toContain('old words');
    expect(historyOf(socket, key)).toHaveLength(2);
    await answerHistory(socket, key, { messages: [] });
    await vi.waitFor(() => expect(view.target.textContent).toContain('No messages yet'));
  });

  it('shows a run in flight on open, with a Stop that stops that run', async () => {
    const key = fresh('inflight');
    const socket = await connectLive();
    const view = openSessionView(key);
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'go' }],
      sessionInfo: { activeRunIds: ['run-live'] },
    });
    await vi.waitFor(() =>
      expect(view.target.querySelector('[data-testid="run"]')?.getAttribute('data-run-state')).toBe(
        'running',
      ),
    );
    // The model's name is another party's text: isolated, its bidi controls dropped.
    socket.receive({
      type: 'event',
      event: 'agent',
      payload: {
        runId: 'run-live',
        sessionKey: key,
        stream: 'lifecycle',
        data: { phase: 'model', model: 'gpt\u202Eevil' },
      },
    });
    await vi.waitFor(() =>
      expect(view.target.querySelector('[data-testid="run"] header')?.textContent).toContain(
        'Model \u2068gptevil\u2069',
      ),
    );
    click(view.target, 'Stop');
    await vi.waitFor(() =>
      expect(socket.lastRequest('chat.abort').params).toEqual({
        sessionKey: key,
        runId: 'run-live',
      }),
    );
  });
});
