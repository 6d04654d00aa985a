import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { helloOk } from '../testing/frames';
import { SLOW_MACHINE } from '../testing/handshake';
import { connectSent, disconnect, openConnection } from './connection';
import { connectOnItsWay, handshakeDone } from './start-order';

const URL = 'ws://127.0.0.1:18789';
const LONG = 60_000;

beforeEach(() => {
  useFakePlatform();
});
afterEach(() => {
  disconnect();
});

/** Whether a promise has settled by the time already-queued callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

function challenge(socket: FakeWebSocket): void {
  socket.open();
  socket.receive({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } });
}

describe('start order', () => {
  it('holds the app back until the signed connect is on the wire, not until the socket opens', async () => {
    openConnection(URL, true);
    const socket = FakeWebSocket.last();
    const wait = connectOnItsWay(LONG);
    expect(await settled(wait)).toBe(false);
    socket.open();
    expect(await settled(wait)).toBe(false);
    socket.receive({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } });
    await vi.waitFor(() => socket.lastRequest('connect'), SLOW_MACHINE);
    await vi.waitFor(() => expect(connectSent.get()).toBe(true));
    expect(await settled(wait)).toBe(true);
  });

  it('holds the render back until hello-ok is in, and lets it go at once after', async () => {
    openConnection(URL, true);
    const socket = FakeWebSocket.last();
    const wait = handshakeDone(LONG);
    challenge(socket);
    await vi.waitFor(() => socket.lastRequest('connect'), SLOW_MACHINE);
    expect(await settled(wait)).toBe(false);
    socket.receive(helloOk(socket.lastRequest('connect').id));
    await vi.waitFor(async () => expect(await settled(wait)).toBe(true));
  });

  it('never waits on a gateway that refuses the socket', async () => {
    openConnection(URL, true);
    const socket = FakeWebSocket.last();
    const connectWait = connectOnItsWay(LONG);
    const helloWait = handshakeDone(LONG);
    socket.refuse();
    expect(await settled(connectWait)).toBe(true);
    expect(await settled(helloWait)).toBe(true);
  });

  it('does not wait when no connection was opened (a first visit shows the form)', async () => {
    expect(await settled(connectOnItsWay(LONG))).toBe(true);
    expect(await settled(handshakeDone(LONG))).toBe(true);
  });

  it('lets the app go after the cap when the gateway is slow', async () => {
    vi.useFakeTimers();
    try {
      openConnection(URL, true);
      const wait = handshakeDone(400);
      let done = false;
      void wait.then(() => (done = true));
      await vi.advanceTimersByTimeAsync(399);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a new socket after a reconnect has not sent its connect yet', async () => {
    openConnection(URL, true);
    const first = FakeWebSocket.last();
    challenge(first);
    await vi.waitFor(() => expect(connectSent.get()).toBe(true), SLOW_MACHINE);
    openConnection(URL, true);
    expect(connectSent.get()).toBe(false);
    expect(await settled(connectOnItsWay(LONG))).toBe(false);
  });
});
