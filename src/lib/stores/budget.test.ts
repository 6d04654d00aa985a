import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { answer, connectLive } from '../testing/live';
import { alertPrefs } from './alert-prefs';
import { budgets, budgetWarning, saveBudget, spendNow } from './budget';
import { watchBudget } from './budget-alerts';
import { disconnect } from './connection';

const URL = 'ws://127.0.0.1:18789';
/** Answers the next `usage.cost` request (not one already answered). */
async function answerCost(socket: FakeWebSocket, cost: number) {
  const asked = () => socket.sent.filter((f) => (f as { method?: string }).method === 'usage.cost');
  const before = answered;
  await vi.waitFor(() => expect(asked().length).toBeGreaterThan(before));
  answered = asked().length;
  await answer(socket, 'usage.cost', { daily: [{ date: today(), totalCost: cost }] });
}
let answered = 0;

const today = () => {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 10);
};

let page: FakePage;
let stop: (() => void) | undefined;
beforeEach(() => {
  page = useFakePlatform();
  page.permission = 'granted';
});
afterEach(() => {
  stop?.();
  cleanStores(spendNow, budgetWarning);
  budgets.set({});
  alertPrefs.setKey('notify', '');
  disconnect();
});

describe('spend budget of the current gateway', () => {
  it('asks nothing while no budget is set', async () => {
    stop = watchBudget();
    const socket = await connectLive();
    await vi.waitFor(() => expect(spendNow.get().loaded).toBe(true));
    expect(socket.sent.some((f) => (f as { method?: string }).method === 'usage.cost')).toBe(false);
    expect(budgetWarning.get()).toBeUndefined();
  });

  it('warns once per threshold reached, as a notification where this display allows it', async () => {
    alertPrefs.setKey('notify', 'yes');
    stop = watchBudget();
    const socket = await connectLive();
    answered = 0;
    saveBudget(URL, { daily: 1, thresholds: [50, 100] });
    await answerCost(socket, 0.6);
    await vi.waitFor(() => expect(budgetWarning.get()?.reached).toBe(50));
    expect(page.notifications.map((n) => n.body)).toEqual([
      `60% of today’s budget spent on ${URL}`,
    ]);
    void spendNow.refresh();
    await answerCost(socket, 0.7);
    await vi.waitFor(() => expect(budgetWarning.get()?.percent).toBeCloseTo(70));
    expect(page.notifications).toHaveLength(1);
    void spendNow.refresh();
    await answerCost(socket, 1.2);
    await vi.waitFor(() => expect(budgetWarning.get()?.percent).toBeCloseTo(120));
    await vi.waitFor(() => expect(page.notifications).toHaveLength(2));
    expect(budgetWarning.get()?.reached).toBe(100);
  });

  it('reads the spend again every minute while watched, so runs it never hears end still count', async () => {
    stop = watchBudget();
    const socket = await connectLive();
    answered = 0;
    saveBudget(URL, { daily: 1, thresholds: [100] });
    await answerCost(socket, 0.2);
    await vi.waitFor(() => expect(spendNow.get().value?.today).toBeCloseTo(0.2));
    vi.useFakeTimers({ toFake: ['setInterval'] });
    try {
      // Mounted afresh under fake intervals: the poll is one of them.
      cleanStores(spendNow, budgetWarning);
      stop();
      stop = watchBudget();
      await answerCost(socket, 0.2);
      vi.advanceTimersByTime(60_000);
      await answerCost(socket, 1.5);
      await vi.waitFor(() => expect(budgetWarning.get()?.reached).toBe(100));
    } finally {
      vi.useRealTimers();
    }
  });
});
