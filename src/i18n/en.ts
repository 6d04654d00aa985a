/**
 * A text with a form per plural category of the language (see Intl.PluralRules), picked by the
 * `count` parameter. English needs `one` and `other`; Chinese needs only `other` (a plain string).
 */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** One dictionary entry: a text, or texts by plural category. */
export type Message = string | PluralMessage;

/** English UI text; every other catalogue must have the same keys. */
export const en = {
  'app.title': 'OpenClaw Console',
  'app.skip': 'Skip to content',
  'nav.overview': 'Overview',
  'nav.connect': 'Connection',
  'nav.approvals': 'Approvals',
  'nav.logs': 'Logs',
  'nav.cron': 'Scheduled jobs',
  'nav.usage': 'Usage',
  'nav.nodes': 'Nodes',
  'nav.search': 'Search',
  'nav.activity': 'Activity',
  'nav.menu': 'Menu',
  'nav.label': 'Pages',
  'nav.waiting': { one: '{count} waiting', other: '{count} waiting' },
  'nav.running': { one: '{count} run in flight', other: '{count} runs in flight' },
  'nav.budget': '{percent}% of the spend budget',
  'keys.button': 'Shortcuts (?)',
  'nav.fleet': 'Fleet',
  'share.copy': 'Copy share link',
  'share.copied':
    'Link copied (it carries the profile name, view and session, never a credential).',
  'profile.active': 'Profile: {name}',
  'lang.label': 'Language',

  'phase.idle': 'Not connected',
  'phase.connecting': 'Connecting to {url}…',
  'phase.handshaking': 'Handshaking with {url}…',
  'phase.connected': 'Connected to {url}',
  'phase.reconnecting': 'Reconnecting to {url}…',
  'phase.stopped': 'Stopped: {url}',
  'phase.disconnected': 'Disconnected from {url}',
  'status.server': 'Gateway {version} · protocol {protocol}',
  'status.restarting': 'The gateway is restarting; reconnecting as soon as it is back.',
  'status.shuttingDown':
    'The gateway is shutting down ({reason}) and did not announce a restart; reconnecting whenever it is back.',
  'status.insecure':
    'This page is not a secure context, so the device key is a pure-JS key that page scripts could read. Open the console over HTTPS or on localhost for a non-extractable key.',
  'status.heading': 'Gateway',
  'status.version': 'Version',
  'status.uptime': 'Uptime',
  'status.sessions': 'Sessions',
  'status.tasks': 'Tasks',
  'status.taskCounts': '{active} active of {total}, {failures} failed',
  'status.memory': 'Memory (RSS)',
  'status.queuedEvents': 'Queued system events',
  'status.degradedPlugins': 'Degraded plugins',
  'status.retryIn': 'Trying again {when}',
  'status.retryNow': 'Retry now',
  'status.details': 'Details',
  'status.disconnect': 'Disconnect',
  'status.deviceToken': 'Signed in with this device’s token',

  'status.readOnly':
    'Read-only: this console holds read access only, so actions that would change something are disabled.',
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
  'overview.tools': 'Operator tools',
  'overview.toolsHint': 'system event, send to a channel, alerts on this display, diagnostics',
  'attention.heading': 'Needs attention',
  'attention.calm': 'Nothing needs you on this gateway right now.',
  'attention.offline': 'Not connected: what needs attention shows once the gateway answers.',
  'attention.unhealthy': 'The gateway reports itself unhealthy: see Health',
  'attention.approvals': { one: '{count} approval waiting', other: '{count} approvals waiting' },
  'attention.channelsDown': {
    one: '{count} channel down: {names}',
    other: '{count} channels down: {names}',
  },
  'attention.channelWatch': {
    one: '{count} channel account needs a look (down or quiet): {names}',
    other: '{count} channel accounts need a look (down or quiet): {names}',
  },
  'attention.pairing': {
    one: '{count} device waiting to be paired',
    other: '{count} devices waiting to be paired',
  },
  'attention.failures': {
    one: '{count} run failed in the last hour',
    other: '{count} runs failed in the last hour',
  },
  'attention.budgetOver': 'Spend budget exceeded: {percent}% used',
  'attention.budgetWarning': 'Spend budget at {percent}%',
  'overview.health': 'Health',
  'overview.healthOk': 'Healthy',
  'overview.healthBad': 'Unhealthy',
  'overview.healthPending': 'Checking…',
  'overview.healthPendingHint':
    'The gateway has just started and has not finished its first health check; the result shows here when it does.',
  'overview.asOf': 'as of {ago}',
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
  'devices.heading': 'Devices waiting for approval',
  'devices.none': 'No pairing requests.',
  'devices.detail': '{platform} · {ip} · {role} ({scopes}) · request {requestId}',
  'devices.approve': 'Approve',
  'devices.reject': 'Reject',
  'presence.heading': 'Connected clients',
  'presence.count': { one: '{count} client', other: '{count} clients' },
  'presence.you': 'this console',
  'presence.mode': 'Mode',
  'presence.platform': 'Platform',
  'presence.version': 'Version',
  'presence.host': 'Host',
  'presence.scopes': 'Scopes',
  'presence.since': 'Seen',
  'presence.lastInput': 'last input {ago}',
  'presence.offline': { one: '{count} client offline', other: '{count} clients offline' },
  'presence.empty': 'No clients.',
  'nav.sessions': 'Sessions',
  'sessions.search': 'Search sessions',
  'session.notAllowed':
    'Not allowed: needs {scope}. Ask an operator with {scope} to grant it, or connect without observer mode.',
  'why.offline': 'Not connected to a gateway: this works again once the console reconnects.',
  'why.notOffered':
    'This gateway does not offer {method}: it may be older or have the feature turned off.',
  'session.done': 'Done.',
  'run.phase.preparing_workspace': 'Preparing workspace',
  'run.phase.preparing_context': 'Preparing context',
  'run.phase.starting_model': 'Starting model',
  'run.phase.retrying': 'Retrying',
  'run.phase.other': 'Working ({phase})',
  'run.streaming': 'Streaming',
  'run.running': 'Running',
  'markdown.truncated': 'Truncated: showing the first {shown} of {total} characters.',
  'problem.unresponsive.title': 'The gateway stopped answering ({url}).',
  'problem.unresponsive.action':
    'The connection was open but a probe got no reply within a few seconds; reconnecting.',
  'problem.csp-blocked.title': 'This server only allows connections to {allowed}.',
  'problem.csp-blocked.action':
    'The page’s security policy refused {url}. Start the console with --gateway {url} (or --any-gateway) to use that gateway.',
  'devices.confirmApprove': 'Confirm: approve {name} for {scopes}',
  'devices.confirmHint':
    'Approving lets this device connect with these scopes. Press again within 5 seconds to confirm; Escape cancels.',
  'frame.title': 'The OpenClaw Console does not work inside a frame.',
  'frame.body':
    'Another page has embedded this console, which could trick you into clicking its buttons. Nothing here will connect or act. Open the console in its own tab instead:',
  'update.ready': 'A new version of the console is ready.',
  'update.reload': 'Reload now',
  'update.later': 'Later',
  'palette.label': 'Jump to a page, session or action',
  'palette.placeholder': 'Type a page, a session or an action…',
  'palette.empty': 'Nothing matches.',
  'palette.kind.page': 'Page',
  'palette.kind.session': 'Session',
  'palette.kind.action': 'Action',
  'palette.retry': 'Retry the connection now',
  'value.disabled': 'disabled',
  'value.up': 'up',
  'value.down': 'down',
  'value.connected': 'connected',
  'value.disconnected': 'disconnected',
  'value.running': 'running',
  'value.stopped': 'stopped',
  'value.gateway': 'gateway',
  'value.ui': 'ui',
  'value.webchat': 'webchat',
  'value.cli': 'cli',
  'value.backend': 'backend',
  'value.node': 'node',
  'value.worker': 'worker',
  'value.probe': 'probe',
} satisfies Record<string, Message>;

/** A UI text key. */
export type MessageKey = keyof typeof en;
/** The shape every catalogue shares. */
export type Messages = Record<MessageKey, Message>;
/** Keys whose English text depends on a number: callers pass it as `count`. */
export type CountedKey = {
  [K in MessageKey]: (typeof en)[K] extends string ? never : K;
}[MessageKey];
/** Keys whose text needs no count. */
export type PlainKey = Exclude<MessageKey, CountedKey>;
