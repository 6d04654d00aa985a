// The streaming floor: a raw WebSocket that answers the challenge with a token-only `connect`,
// then writes the newest text of one session's streaming reply into one paragraph as each `chat`
// delta arrives. No protocol client, no store, no markdown, no batching: whatever paint delay it
// shows under a flood is the browser's and the machine's, which no console can go below.
// With `&worker=1` the same writer gets its frames through the console's own socket worker and
// page side (batches, slices, acknowledgements): against the bare page that prices the worker's
// hop; against ours, what the protocol client, stores and markdown add.
import { handoff, showPhase, tokenConnect } from './show';

const { url, token } = handoff();
const params = new URLSearchParams(location.hash.slice(1));
const session = params.get('session') ?? '';
const paragraph = document.getElementById('text')!;

type Part = { text?: unknown };
type Frame = {
  type?: string;
  event?: string;
  payload?: {
    type?: string;
    sessionKey?: string;
    state?: string;
    message?: { content?: Part[] | string; text?: unknown };
  };
};

function textOf(message: NonNullable<Frame['payload']>['message']): string {
  if (!message) return '';
  if (typeof message.text === 'string') return message.text;
  if (typeof message.content === 'string') return message.content;
  return (message.content ?? []).map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
}

function onFrame(data: string, send: (data: string) => void): void {
  const frame = JSON.parse(data) as Frame;
  if (frame.type === 'event' && frame.event === 'connect.challenge') {
    send(tokenConnect(token));
  } else if (frame.type === 'res' && frame.payload?.type === 'hello-ok') {
    showPhase('Connected');
  } else if (frame.event === 'chat' && frame.payload?.sessionKey === session) {
    if (frame.payload.state === 'delta') paragraph.textContent = textOf(frame.payload.message);
  }
}

async function throughWorker(): Promise<void> {
  // Loaded only here, so the bare page stays as small as before.
  const { workerSocketFactory } = await import('../../src/lib/gateway/worker-socket');
  const startWorker = () =>
    new Worker(new URL('../../src/lib/gateway/socket-worker.ts', import.meta.url), {
      type: 'module',
    });
  const open = workerSocketFactory(url, startWorker, () => {
    throw new Error('The socket worker did not start: this floor has no fallback.');
  });
  const socket = open({
    open: () => undefined,
    error: () => showPhase('Socket error'),
    close: () => showPhase('Closed'),
    message: (data) => onFrame(data, (reply) => socket.send(reply)),
  });
}

if (params.get('worker') === '1') {
  void throughWorker();
} else {
  const ws = new WebSocket(url);
  ws.addEventListener('message', (event) => onFrame(String(event.data), (d) => ws.send(d)));
}
