// The streaming floor: a raw WebSocket that answers the challenge with a token-only `connect`,
// then writes the newest text of one session's streaming reply into one paragraph as each `chat`
// delta arrives. No protocol client, no store, no markdown, no batching: whatever paint delay it
// shows under a flood is the browser's and the machine's, which no console can go below.
import { handoff, showPhase, tokenConnect } from './show';

const { url, token } = handoff();
const session = new URLSearchParams(location.hash.slice(1)).get('session') ?? '';
const paragraph = document.getElementById('text')!;
const ws = new WebSocket(url);

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

ws.addEventListener('message', (event) => {
  const frame = JSON.parse(String(event.data)) as Frame;
  if (frame.type === 'event' && frame.event === 'connect.challenge') {
    ws.send(tokenConnect(token));
  } else if (frame.type === 'res' && frame.payload?.type === 'hello-ok') {
    showPhase('Connected');
  } else if (frame.event === 'chat' && frame.payload?.sessionKey === session) {
    if (frame.payload.state === 'delta') paragraph.textContent = textOf(frame.payload.message);
  }
});
