// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { isLive } from '../lib/stores/connection';
import { drafts } from '../lib/stores/drafts';
import { openSessionPage, router, sessionHref } from '../lib/stores/router';
import { answer, connectLive, reconnectLive, sentCount } from '../lib/testing/live';
import {
  answerHistory,
  click,
  historyOf,
  openSessionView,
  useSessionViewTests,
} from '../lib/testing/session-view';

// The session page's actions as the view offers them: it only renders and calls them.

const fresh = useSessionViewTests();

const field = (root: HTMLElement, id: string) =>
  root.querySelector<HTMLInputElement & HTMLTextAreaElement>(`#${id}`)!;

function type(input: HTMLInputElement | HTMLTextAreaElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('the session page', () => {
  it('shows an action working, then its outcome, and forgets the outcome on another session', async () => {
    const key = fresh('rename');
    const socket = await connectLive();
    const view = openSessionView(key);
    type(field(view.target, 'session-label'), 'New name');
    click(view.target, 'Rename');
    await vi.waitFor(() =>
      expect(socket.lastRequest('sessions.patch').params).toEqual({ key, label: 'New name' }),
    );
    flushSync();
    const button = [...view.target.querySelectorAll('button')].find(
      (b) => b.textContent === 'Rename',
    )!;
    expect(button.disabled).toBe(true);
    await answer(socket, 'sessions.patch', { ok: true });
    await answer(socket, 'sessions.list', { sessions: [{ key, label: 'New name' }] });
    await vi.waitFor(() =>
      expect(view.target.querySelector('[role="status"]')?.textContent).toContain('Done.'),
    );
    expect(button.disabled).toBe(false);
    expect(view.target.querySelector('h2')?.textContent).toBe('New name');

    const other = fresh('other');
    openSessionPage(other);
    flushSync();
    await vi.waitFor(() =>
      expect(view.target.querySelector('h2')?.textContent).toBe(
        other.split(':').slice(2).join(':'),
      ),
    );
    expect(view.target.textContent).not.toContain('Done.');
  });

  it('stays on the session the operator moved to when a delete they started ends', async () => {
    vi.stubGlobal('confirm', () => true);
    const key = fresh('delete');
    const socket = await connectLive((hello) => {
      (hello.payload as unknown as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
    });
    const view = openSessionView(key);
    click(view.target, 'Delete');
    await vi.waitFor(() => socket.lastRequest('sessions.delete'));
    const other = fresh('elsewhere');
    openSessionPage(other);
    await answer(socket, 'sessions.delete', { ok: true });
    await answer(socket, 'sessions.list', { sessions: [] });
    await vi.waitFor(() => expect(sentCount(socket, 'sessions.list')).toBeGreaterThan(1));
    await Promise.resolve();
    expect(router.get()?.params).toEqual({ key: other });
  });

  it('sends the draft, clears it, and queues the next message while the run goes', async () => {
    const key = fresh('compose');
    const socket = await connectLive();
    const view = openSessionView(key);
    await answerHistory(socket, key, { messages: [] });
    type(field(view.target, 'composer-text'), 'hello there');
    expect(drafts.get()[key]).toBe('hello there');
    click(view.target, 'Send');
    await vi.waitFor(() =>
      expect(socket.lastRequest('chat.send').params).toMatchObject({
        sessionKey: key,
        message: 'hello there',
      }),
    );
    flushSync();
    expect(field(view.target, 'composer-text').value).toBe('');
    expect(drafts.get()[key]).toBeUndefined();
    await answer(socket, 'chat.send', { runId: 'r1', status: 'started' });
    await vi.waitFor(() => expect(view.target.querySelector('[data-testid="run"]')).not.toBeNull());
    expect(view.target.textContent).toContain('hello there');

    type(field(view.target, 'composer-text'), 'and then');
    click(view.target, 'Send');
    flushSync();
    const queued = view.target.querySelector('.queue li');
    expect(queued?.getAttribute('data-state')).toBe('queued');
    click(queued as HTMLElement, 'Discard');
    flushSync();
    expect(view.target.querySelector('.queue')).toBeNull();
  });

  it('pages older history in from the button', async () => {
    const key = fresh('older');
    const socket = await connectLive();
    const view = openSessionView(key);
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'newer' }],
      hasMore: true,
      nextOffset: 1,
    });
    await vi.waitFor(() => expect(view.target.textContent).toContain('Load older messages'));
    click(view.target, 'Load older messages');
    await vi.waitFor(() =>
      expect(historyOf(socket, key).at(-1)?.params).toMatchObject({ offset: 1 }),
    );
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'older' }],
      hasMore: false,
    });
    await vi.waitFor(() => expect(view.target.textContent).not.toContain('Load older messages'));
    const texts = [...view.target.querySelectorAll('[data-testid="message"] .plain')].map(
      (p) => p.textContent,
    );
    expect(texts).toEqual(['older', 'newer']);
  });

  it('offers Stop for a run an older gateway reports only as "busy"', async () => {
    const key = fresh('legacy');
    const socket = await connectLive();
    const view = openSessionView(key);
    await answer(socket, 'sessions.list', { sessions: [{ key, hasActiveRun: true }] });
    await answerHistory(socket, key, { messages: [{ role: 'user', content: 'long job' }] });
    const notice = () => view.target.querySelector<HTMLElement>('[data-testid="unnamed-run"]');
    await vi.waitFor(() => expect(notice()?.textContent).toContain('A run is in progress.'));
    click(notice()!, 'Stop');
    await vi.waitFor(() =>
      expect(socket.lastRequest('chat.abort').params).toEqual({ sessionKey: key }),
    );
    // Once the run is known by name, its own card (with its own Stop) takes over.
    socket.receive({
      type: 'event',
      event: 'chat',
      payload: { runId: 'r', sessionKey: key, seq: 1, state: 'delta', deltaText: 'x' },
    });
    flushSync();
    expect(notice()).toBeNull();
  });

  it('takes a message typed while the connection is down and sends it once it is back', async () => {
    const key = fresh('offline');
    const first = await connectLive();
    const view = openSessionView(key);
    await answerHistory(first, key, { messages: [] });
    first.drop(1006);
    await vi.waitFor(() => expect(isLive.get()).toBe(false));
    flushSync();
    const box = field(view.target, 'composer-text');
    expect(box.disabled).toBe(false);
    type(box, 'typed offline');
    click(view.target, 'Send');
    flushSync();
    expect(view.target.querySelector('ul.queue')?.textContent).toContain('typed offline');
    expect(sentCount(first, 'chat.send')).toBe(0);
    const second = await reconnectLive();
    await vi.waitFor(() =>
      expect(second.lastRequest('chat.send').params).toMatchObject({ message: 'typed offline' }),
    );
  });

  it('lists the recent sessions beside the open one on a wide screen, the open one marked', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(min-width: 1200px)',
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    const key = fresh('beside');
    const socket = await connectLive();
    const view = openSessionView(key);
    const newer = fresh('newer');
    await answer(socket, 'sessions.list', {
      sessions: [
        { key, updatedAt: 2 },
        { key: newer, label: 'Newer one', updatedAt: 3 },
      ],
    });
    const side = () => view.target.querySelector('nav');
    await vi.waitFor(() => expect(side()?.querySelectorAll('li a')).toHaveLength(2));
    const links = [...side()!.querySelectorAll('li a')];
    expect(links.map((a) => a.textContent)).toEqual(['Newer one', key.split(':')[2]]);
    expect(links.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page']);
    expect(links[1]!.getAttribute('href')).toBe(sessionHref(key));
  });
});
