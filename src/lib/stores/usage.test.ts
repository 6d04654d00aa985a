import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { fixture } from '../testing/frames';
import { answer, connectLive, sentCount } from '../testing/live';
import { disconnect } from './connection';
import { FINAL_DEBOUNCE_MS, GATEWAY_CACHE_MS, usageReport } from './usage';
import { forgetUsageWay } from './usage-load';

const real = fixture<{ response: { payload: Record<string, unknown> } }>('rpc/sessions.usage.json')
  .response.payload;
const at = (updatedAt: number) => ({ ...real, updatedAt });

const offs: Array<() => void> = [];
beforeEach(() => {
  useFakePlatform();
  forgetUsageWay();
});
afterEach(() => {
  offs.splice(0).forEach((off) => off());
  cleanStores(usageReport(7));
  disconnect();
  vi.useRealTimers();
});

async function observed(): Promise<FakeWebSocket> {
  offs.push(usageReport(7).listen(() => {}));
  return connectLive();
}

const paramsOf = (socket: FakeWebSocket, method: string) =>
  socket.lastRequest(method).params as Record<string, unknown>;

describe('reading usage', () => {
  it('asks sessions.usage for every agent in the operator’s zone, though hello-ok does not list it', async () => {
    const socket = await observed();
    await answer(socket, 'sessions.usage', real);
    const params = paramsOf(socket, 'sessions.usage');
    expect(params).toMatchObject({ agentScope: 'all', mode: 'specific', limit: 1000 });
    expect(params.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await vi.waitFor(() => expect(usageReport(7).get().value?.source).toBe('sessions.usage'));
    expect(usageReport(7).get().value?.byModel[0]?.id).toBe('fake/fake-model');
    expect(sentCount(socket, 'usage.cost')).toBe(0);
  });

  it('uses the older parameters after a gateway refuses the newer ones, and keeps using them', async () => {
    const socket = await observed();
    await answer(socket, 'sessions.usage', undefined, {
      code: 'INVALID_REQUEST',
      message: "invalid sessions.usage params: at root: unexpected property 'agentScope'",
    });
    await vi.waitFor(() => expect(sentCount(socket, 'sessions.usage')).toBe(2));
    expect(paramsOf(socket, 'sessions.usage')).not.toHaveProperty('agentScope');
    expect(paramsOf(socket, 'sessions.usage')).not.toHaveProperty('timeZone');
    await answer(socket, 'sessions.usage', real);
    await vi.waitFor(() => expect(usageReport(7).get().value?.totals.tokens).toBe(62));
    const again = usageReport(7).refresh();
    await vi.waitFor(() => expect(sentCount(socket, 'sessions.usage')).toBe(3));
    expect(paramsOf(socket, 'sessions.usage')).not.toHaveProperty('agentScope');
    await answer(socket, 'sessions.usage', real);
    await again;
  });

  it('falls back to usage.cost when sessions.usage is refused, and does not ask it again', async () => {
    const socket = await observed();
    await answer(socket, 'sessions.usage', undefined, {
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin',
    });
    const cost = fixture<{ response: { payload: unknown } }>('rpc/usage.cost.json');
    await answer(socket, 'usage.cost', cost.response.payload);
    await vi.waitFor(() => expect(usageReport(7).get().value?.source).toBe('usage.cost'));
    const refresh = usageReport(7).refresh();
    await answer(socket, 'usage.cost', cost.response.payload);
    await refresh;
    expect(sentCount(socket, 'sessions.usage')).toBe(1);
    expect(sentCount(socket, 'usage.cost')).toBe(2);
  });
});

describe('keeping usage live', () => {
  const final = (socket: FakeWebSocket, timestamp: number) =>
    socket.receive({
      type: 'event',
      event: 'chat',
      payload: { runId: 'r', sessionKey: 'k', state: 'final', message: { timestamp } },
    });

  it('reads once after a burst of finals, again when the answer predates the run, then rests', async () => {
    const socket = await observed();
    const first = real.updatedAt as number;
    await answer(socket, 'sessions.usage', at(first));
    await vi.waitFor(() => expect(usageReport(7).get().value?.updatedAt).toBe(first));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    // Deltas and other states change nothing; three finals close together read once.
    socket.receive({ type: 'event', event: 'chat', payload: { state: 'delta' } });
    final(socket, first + 1_000);
    final(socket, first + 1_200);
    final(socket, first + 1_500);
    await vi.advanceTimersByTimeAsync(FINAL_DEBOUNCE_MS - 1);
    expect(sentCount(socket, 'sessions.usage')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentCount(socket, 'sessions.usage')).toBe(2);

    // The gateway answers from its cache (computed before the runs ended): ask once it expired.
    await answer(socket, 'sessions.usage', at(first));
    await vi.advanceTimersByTimeAsync(GATEWAY_CACHE_MS - 5_000);
    expect(sentCount(socket, 'sessions.usage')).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sentCount(socket, 'sessions.usage')).toBe(3);

    // A newer computation settles it: nothing more is asked.
    await answer(socket, 'sessions.usage', at(first + 40_000));
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(sentCount(socket, 'sessions.usage')).toBe(3);
  });

  it('asks again while the gateway says it is still counting, a bounded number of times', async () => {
    const socket = await observed();
    const counting = { ...real, cacheStatus: { status: 'refreshing' } };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Answer each read as it comes; a read still on its way is answered in the next round.
    let answered = 0;
    for (let round = 0; round < 12; round++) {
      if (sentCount(socket, 'sessions.usage') > answered) {
        await answer(socket, 'sessions.usage', counting);
        answered += 1;
      }
      await vi.advanceTimersByTimeAsync(10_000);
    }
    // The first read and at most six follow-ups.
    expect(sentCount(socket, 'sessions.usage')).toBe(7);
    expect(usageReport(7).get().value?.complete).toBe(false);
  });
});
