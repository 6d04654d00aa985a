// The socket worker's entry: one per gateway socket. It only relays (see socket-relay.ts); the
// protocol client, its gap detection and every check of what the gateway sent stay on the page.
import { policyViolationOf } from './socket';
import { createSocketRelay, type RelayCommand, type RelayEvent } from './socket-relay';

const post = (event: RelayEvent) => self.postMessage(event);
const relay = createSocketRelay(post, WebSocket, () => performance.timeOrigin + performance.now());
self.addEventListener('message', (event: MessageEvent<RelayCommand>) => relay.command(event.data));
// A socket this worker's CSP refuses is reported here, not on the page: pass it on, so the page
// can say which addresses the server allows instead of retrying in silence.
self.addEventListener('securitypolicyviolation', (event: SecurityPolicyViolationEvent) =>
  post({ type: 'violation', ...policyViolationOf(event) }),
);
