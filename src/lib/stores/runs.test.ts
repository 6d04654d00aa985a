import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/frames';
import { applyAgentEvent, applyChatEvent, messageText, newRun, type RunView } from './runs';

type Captured = Array<{
  dir: string;
  frame: { type: string; event?: string; payload?: Record<string, unknown> };
}>;

/** Replays every chat and agent event of a capture into one run. */
function replay(path: string): { run: RunView; texts: string[] } {
  const frames = fixture<Captured>(path).filter((f) => f.dir === 'in' && f.frame.type === 'event');
  const first = frames.find((f) => f.frame.event === 'chat')!.frame.payload!;
  let run = newRun(String(first.runId), String(first.sessionKey), 0);
  const texts: string[] = [];
  for (const { frame } of frames) {
    if (frame.event === 'chat' && frame.payload?.runId === run.runId)
      run = applyChatEvent(run, frame.payload, 1);
    if (frame.event === 'agent' && frame.payload?.runId === run.runId)
      run = applyAgentEvent(run, frame.payload);
    if (texts.at(-1) !== run.text) texts.push(run.text);
  }
  return { run, texts };
}

describe('run reducer on real gateway frames', () => {
  it('streams a chat.send run through several deltas to its final text', () => {
    const { run, texts } = replay('chat/01-chat-send-frames.json');
    expect(run.state).toBe('final');
    expect(run.text).toBe('Hello from the fake model. You said: ping one');
    expect(texts.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(run.model).toBe('fake-model');
    expect(run.usage?.output).toBe(9);
  });

  it('ends an aborted run as stopped, keeping the text produced so far', () => {
    const { run } = replay('chat/02-chat-abort-frames.json');
    expect(run.state).toBe('aborted');
    expect(run.text).toBe('Hello');
  });

  it('ends a failed run with the gateway error message and detail', () => {
    const { run } = replay('chat/error-run.json');
    expect(run.state).toBe('error');
    expect(run.error?.message).toMatch(/LLM request failed/);
    expect(run.error?.detail).toMatchObject({ provider: 'fake' });
  });
});

describe('run reducer ordering', () => {
  const base = () => newRun('r1', 'agent:main:main', 0);
  const delta = (seq: number, text: string, extra: Record<string, unknown> = {}) => ({
    runId: 'r1',
    sessionKey: 'agent:main:main',
    seq,
    state: 'delta',
    deltaText: text,
    ...extra,
  });

  it('appends deltas, honours replace, and ignores a late older delta', () => {
    let run = applyChatEvent(base(), delta(1, 'Hel'), 0);
    run = applyChatEvent(run, delta(2, 'lo'), 0);
    expect(run.text).toBe('Hello');
    run = applyChatEvent(run, delta(3, 'Bye', { replace: true }), 0);
    expect(run.text).toBe('Bye');
    run = applyChatEvent(run, delta(2, 'stale'), 0);
    expect(run.text).toBe('Bye');
  });

  it('keeps a finished run finished when deltas arrive after the end', () => {
    let run = applyChatEvent(base(), { runId: 'r1', seq: 5, state: 'aborted' }, 0);
    run = applyChatEvent(run, delta(6, 'more'), 0);
    expect(run.state).toBe('aborted');
    expect(run.text).toBe('');
  });

  it('shows phases and builds tool cards from tool events', () => {
    let run = applyChatEvent(base(), { seq: 1, state: 'status', phase: 'starting_model' }, 0);
    expect(run.phase).toBe('starting_model');
    run = applyAgentEvent(run, {
      stream: 'tool',
      data: { phase: 'start', name: 'read', toolCallId: 't1', args: { path: 'a' } },
    });
    run = applyAgentEvent(run, {
      stream: 'tool',
      data: { phase: 'result', toolCallId: 't1', result: 'ok' },
    });
    expect(run.tools).toEqual([
      {
        id: 't1',
        name: 'read',
        phase: 'result',
        args: { path: 'a' },
        result: 'ok',
        error: undefined,
      },
    ]);
  });

  it('reads text from string and part-array messages, ignoring other parts', () => {
    expect(messageText({ content: 'plain' })).toBe('plain');
    expect(
      messageText({
        content: [{ type: 'text', text: 'a' }, { type: 'image' }, { type: 'text', text: 'b' }],
      }),
    ).toBe('ab');
    expect(messageText(null)).toBe('');
  });
});
