// The reference floor: a raw WebSocket that answers the challenge with `connect` and a token
// only (no device identity, so the gateway grants no scopes; its hello-ok still carries the
// health snapshot). Nothing a console could ship, but it bounds what the network and the
// gateway cost on their own.
import { handoff, showHealth, showPhase, tokenConnect } from './show';

const { url, token } = handoff();
const ws = new WebSocket(url);
ws.addEventListener('message', (event) => {
  const frame = JSON.parse(String(event.data)) as {
    type?: string;
    event?: string;
    id?: string;
    ok?: boolean;
    payload?: { type?: string; snapshot?: { health?: unknown } };
  };
  if (frame.type === 'event' && frame.event === 'connect.challenge') {
    ws.send(tokenConnect(token));
  } else if (frame.type === 'res' && frame.payload?.type === 'hello-ok') {
    showPhase('Connected');
    // A just-started gateway's snapshot has no verdict yet: ask (health needs no scope).
    if (!showHealth(frame.payload.snapshot?.health))
      ws.send(JSON.stringify({ type: 'req', id: 'health', method: 'health' }));
  } else if (frame.type === 'res' && frame.id === 'health') {
    showHealth(frame.payload);
  }
});
