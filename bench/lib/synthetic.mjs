// Gateway events for the fake gateway, shaped like the frames a real 2026.9.6
// gateway sends (fixtures/frames/gateway-2026.9.6/): runs (chat + agent
// events), presence lists, health snapshots, session changes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const hello = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../fixtures/frames/gateway-2026.9.6/hello-ok.json', import.meta.url)),
    'utf8',
  ),
).payload;

/** The real gateway's health snapshot, with a fresh timestamp and event-loop figures. */
export function healthPayload(now, n = 0) {
  const base = hello.snapshot.health;
  return {
    ...base,
    ts: now,
    durationMs: 10 + (n % 20),
    ...(base.eventLoop && {
      eventLoop: { ...base.eventLoop, delayP99Ms: 5 + (n % 30), utilization: (n % 50) / 100 },
    }),
  };
}

/** A presence list of `size` clients: the gateway itself plus operators coming and going. */
export function presencePayload(now, size, generation) {
  const [self] = hello.snapshot.presence;
  const entries = [{ ...self, ts: now }];
  for (let i = 0; i < size; i++) {
    // Ids rotate with the generation, so entries really churn rather than repeat.
    const id = (generation * 7 + i) % (size * 3);
    entries.push({
      clientId: 'webchat-ui',
      mode: 'webchat',
      host: `host-${id}`,
      ip: `192.0.2.${id % 250}`,
      version: '2026.9.6',
      platform: 'linux',
      deviceFamily: 'Linux',
      instanceId: `inst-${id}`,
      deviceId: `dev-${id}`.padEnd(64, '0'),
      roles: ['operator'],
      scopes: ['operator.read'],
      reason: i % 9 === 8 ? 'disconnect' : 'connect',
      text: `Node: host-${id} · mode webchat`,
      ts: now - i * 1000,
    });
  }
  return { presence: entries };
}

/** The words a synthetic run streams: w1 … wN (unique, so the page can tell which frame is shown). */
export function runWords(runTag, count) {
  return Array.from({ length: count }, (_, i) => `${runTag}w${i + 1}`);
}

/**
 * The events of one run in order, as [event, payload] pairs: status, lifecycle
 * start, per word an agent `assistant` event and a chat `delta` carrying the
 * whole text so far, then the chat `final` and lifecycle end.
 */
export function runEvents({ runId, sessionKey, words, now = Date.now(), agent = true }) {
  const out = [];
  let seq = 0;
  const base = { runId, sessionKey, agentId: 'main' };
  out.push(['chat', { ...base, seq: ++seq, state: 'status', phase: 'starting_model' }]);
  if (agent)
    out.push([
      'agent',
      {
        ...base,
        stream: 'lifecycle',
        data: { phase: 'start', startedAt: now },
        seq: ++seq,
        ts: now,
      },
    ]);
  let text = '';
  for (const word of words) {
    text += (text ? ' ' : '') + word;
    const message = { role: 'assistant', content: [{ type: 'text', text }], timestamp: now };
    if (agent)
      out.push([
        'agent',
        { ...base, stream: 'assistant', data: { text, delta: ` ${word}` }, seq: ++seq, ts: now },
      ]);
    out.push(['chat', { ...base, seq: ++seq, state: 'delta', deltaText: ` ${word}`, message }]);
  }
  const message = { role: 'assistant', content: [{ type: 'text', text }], timestamp: now };
  out.push(['chat', { ...base, seq: ++seq, state: 'final', stopReason: 'stop', message }]);
  if (agent)
    out.push([
      'agent',
      { ...base, stream: 'lifecycle', data: { phase: 'end' }, seq: seq + 1, ts: now },
    ]);
  return out;
}

/** A sessions.changed event for a session starting or ending a run. */
export function sessionChanged(sessionKey, now, running) {
  return {
    sessionKey,
    agentId: 'main',
    reason: running ? 'run-start' : 'run-end',
    ts: now,
    session: {
      key: sessionKey,
      kind: 'direct',
      agentId: 'main',
      chatType: 'direct',
      updatedAt: now,
      status: running ? 'running' : 'idle',
      hasActiveRun: running,
      modelProvider: 'fake',
      model: 'fake-model',
    },
  };
}
