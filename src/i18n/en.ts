/** English UI text; every other catalogue must have the same keys. */
export const en = {
  'app.title': 'OpenClaw Console',
  'app.skip': 'Skip to content',
  'nav.overview': 'Overview',
  'nav.connect': 'Connection',
  'lang.label': 'Language',

  'phase.idle': 'Not connected',
  'phase.connecting': 'Connecting to {url}…',
  'phase.handshaking': 'Handshaking with {url}…',
  'phase.connected': 'Connected to {url}',
  'phase.reconnecting': 'Reconnecting to {url} in {seconds} s',
  'phase.reconnectingNow': 'Reconnecting to {url}…',
  'phase.stopped': 'Stopped: {url}',
  'phase.disconnected': 'Disconnected from {url}',
  'status.server': 'Gateway {version} · protocol {protocol}',
  'status.restarting': 'The gateway is restarting; reconnecting as soon as it is back.',
  'status.insecure':
    'This page is not a secure context, so the device key is a pure-JS key that page scripts could read. Open the console over HTTPS or on localhost for a non-extractable key.',
  'status.retryNow': 'Retry now',
  'status.disconnect': 'Disconnect',
  'status.deviceToken': 'Signed in with this device’s token',

  'connect.heading': 'Connect to a gateway',
  'connect.url': 'Gateway URL',
  'connect.urlHint': 'For example ws://127.0.0.1:18789 or wss://gateway.example.com',
  'connect.token': 'Token',
  'connect.password': 'Password',
  'connect.passwordHint': 'Kept in memory only; you will be asked again after a reload.',
  'connect.remember': 'Remember the token on this device',
  'connect.rememberHint': 'Otherwise it is kept only until this tab closes.',
  'connect.submit': 'Connect',
  'connect.forget': 'Forget this gateway',
  'connect.forgotten': 'Token, password and device token for {url} were forgotten.',
  'connect.badUrl': 'Enter a ws:// or wss:// address.',

  'problem.token-missing.title': 'The gateway needs a token.',
  'problem.token-missing.action':
    'Enter the gateway token (on the gateway host: openclaw config get gateway.auth.token) and connect again.',
  'problem.token-mismatch.title': 'The gateway refused this token.',
  'problem.token-mismatch.action':
    'Check the token (on the gateway host: openclaw config get gateway.auth.token), enter it again and connect. The console will not retry a wrong token by itself.',
  'problem.password-missing.title': 'The gateway needs a password.',
  'problem.password-missing.action': 'Enter the gateway password and connect again.',
  'problem.password-mismatch.title': 'The gateway refused this password.',
  'problem.password-mismatch.action': 'Check the password and connect again.',
  'problem.device-token-mismatch.title': 'This browser’s device token is no longer valid.',
  'problem.device-token-mismatch.action':
    'An operator revoked or rotated it. Enter the gateway token to pair this browser again.',
  'problem.rate-limited.title': 'Too many failed sign-ins from this browser.',
  'problem.rate-limited.action':
    'The gateway locks sign-in until {until}. Check the token, then connect again after that time.',
  'problem.protocol-unsupported.title':
    'This gateway speaks protocol {expected}; this console speaks protocols 3 and 4.',
  'problem.protocol-unsupported.action':
    'Update the console or the gateway (npm install -g openclaw@latest) so they share a protocol version.',
  'problem.origin-not-allowed.title': 'The gateway refused connections from this page’s origin.',
  'problem.origin-not-allowed.action':
    'Add "{origin}" to gateway.controlUi.allowedOrigins in the gateway config (for example: openclaw config set gateway.controlUi.allowedOrigins \'["{origin}"]\'). The gateway picks the change up by itself; then connect again.',
  'problem.device-identity-required.title': 'The gateway requires a device identity.',
  'problem.device-identity-required.action':
    'This browser could not create a device key. Open the console over HTTPS or on localhost and try again.',
  'problem.device-auth-invalid.title': 'The gateway rejected this device’s signature ({detail}).',
  'problem.device-auth-invalid.action':
    'Check that this computer’s clock is right, then connect again. If it persists, use “Forget this gateway” to pair a new device key.',
  'problem.pairing-required.title': 'This device is waiting for approval ({reason}).',
  'problem.pairing-required.action':
    'An operator approves it with: openclaw devices approve {requestId} (or from another console’s pairing list). This console keeps asking and connects by itself once approved.',
  'problem.scope-mismatch.title': 'The gateway will not grant the access this console asked for.',
  'problem.scope-mismatch.action':
    'Ask an operator to approve this device for the scopes it needs, or connect as an observer.',
  'problem.token-rotated.title': 'The gateway’s shared token was changed.',
  'problem.token-rotated.action': 'Enter the new gateway token and connect again.',
  'problem.unreachable.title': 'Cannot reach the gateway at {url}.',
  'problem.unreachable.action':
    'Check that the gateway is running (openclaw gateway run) and the address is right. Retrying by itself.',
  'problem.restarting.title': 'The gateway is restarting.',
  'problem.restarting.action': 'Reconnecting as soon as it is back.',
  'problem.policy-close.title': 'The gateway closed the connection ({reason}).',
  'problem.policy-close.action': 'Retrying by itself.',
  'problem.rejected.title': 'The gateway refused the connection: {message}',
  'problem.rejected.action': 'Check the gateway’s log for {detail}, then connect again.',

  'overview.heading': 'Overview',
  'overview.health': 'Health',
  'overview.healthOk': 'Healthy',
  'overview.healthBad': 'Unhealthy',
  'overview.uptime': 'Up {duration}',
  'overview.asOf': 'as of {age} ago',
  'overview.stale': 'Stale: not connected',
  'overview.noData': 'No data yet.',
  'overview.channels': 'Channels',
  'overview.noChannels': 'No channels configured.',
  'overview.agents': 'Agents',
  'overview.sessions': 'Sessions: {count}',
  'overview.heartbeat': 'Heartbeat: {every}',
  'overview.eventLoop': 'Event loop: p99 delay {delay} ms, utilisation {util} %',
  'overview.degraded': 'degraded ({reasons})',
  'overview.default': 'default',
  'presence.heading': 'Connected clients',
  'presence.count': '{count} clients',
  'presence.you': 'this console',
  'presence.mode': 'Mode',
  'presence.platform': 'Platform',
  'presence.version': 'Version',
  'presence.host': 'Host',
  'presence.scopes': 'Scopes',
  'presence.since': 'Seen',
  'presence.empty': 'No clients.',
  'time.s': '{n} s',
  'time.m': '{n} min',
  'time.h': '{n} h',
  'time.d': '{n} d',
};

/** The shape every catalogue shares. */
export type Messages = Record<keyof typeof en, string>;
/** A UI text key. */
export type MessageKey = keyof typeof en;
