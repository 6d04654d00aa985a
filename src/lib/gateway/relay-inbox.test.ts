import { describe, expect, it } from 'vitest';
import { createRelayInbox } from './relay-inbox';
import type { RelayEvent } from './socket-relay';

/** An inbox whose every frame takes `costMs` on a fake clock; deferred tasks run when the test says. */
function inbox(costMs: number, sliceMs = 8) {
  let clock = 0;
  const log: string[] = [];
  const later: Array<() => void> = [];
  const box = createRelayInbox({
    frame: (data) => {
      clock += costMs;
      log.push(data);
    },
    batchDone: () => log.push('ack'),
    notice: (event) => log.push(event.type),
    now: () => clock,
    defer: (task) => later.push(task),
    sliceMs,
  });
  const runLater = () => {
    while (later.length) later.shift()!();
  };
  return { box, log, later, runLater };
}

const frames = (...list: string[]): RelayEvent => ({ type: 'frames', frames: list, at: [] });

describe('createRelayInbox', () => {
  it('hands a cheap batch over at once, in one task, and then asks for the next', () => {
    const { box, log, later } = inbox(1);
    box.push({ type: 'open' });
    box.push(frames('a', 'b', 'c'));
    expect(log).toEqual(['open', 'a', 'b', 'c', 'ack']);
    expect(later).toHaveLength(0);
  });

  it('slices a costly batch into tasks and asks for more only once all of it is handed over', () => {
    const { box, log, later, runLater } = inbox(5);
    box.push(frames('a', 'b', 'c', 'd', 'e'));
    // 5 ms, then 10 ms: over the 8 ms slice, so the rest waits for a later task.
    expect(log).toEqual(['a', 'b']);
    expect(later).toHaveLength(1);
    later.shift()!();
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    runLater();
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e', 'ack']);
  });

  it('starts a waiting batch in a later task when the last one used up the slice', () => {
    const { box, log, later } = inbox(9);
    box.push(frames('a', 'b'));
    box.push(frames('x'));
    expect(log).toEqual(['a']);
    later.shift()!();
    expect(log).toEqual(['a', 'b', 'ack']);
    later.shift()!();
    expect(log).toEqual(['a', 'b', 'ack', 'x', 'ack']);
  });

  it('keeps the worker’s order: a close posted behind a batch waits for the batch', () => {
    const { box, log, runLater } = inbox(5);
    box.push(frames('a', 'b', 'c'));
    box.push({ type: 'close', code: 1012, reason: 'restart' });
    box.push(frames('late'));
    expect(log).toEqual(['a', 'b']);
    runLater();
    expect(log).toEqual(['a', 'b', 'c', 'ack', 'close', 'late', 'ack']);
  });

  it('drops what is still waiting once cleared', () => {
    const { box, log, runLater } = inbox(5);
    box.push(frames('a', 'b', 'c', 'd'));
    box.clear();
    runLater();
    expect(log).toEqual(['a', 'b']);
    box.push(frames('new'));
    expect(log).toEqual(['a', 'b', 'new', 'ack']);
  });
});
