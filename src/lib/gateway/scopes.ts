/** Which operator scope a method needs, for the methods this console calls (from GATEWAY.md). */

const READ = 'operator.read';
const WRITE = 'operator.write';
const ADMIN = 'operator.admin';
const PAIRING = 'operator.pairing';
const APPROVALS = 'operator.approvals';

const METHOD_SCOPES: Record<string, string> = {
  health: READ,
  status: READ,
  'system-presence': READ,
  'last-heartbeat': READ,
  'sessions.list': READ,
  'sessions.preview': READ,
  'sessions.subscribe': READ,
  'sessions.messages.subscribe': READ,
  'chat.history': READ,
  'models.list': READ,
  'agents.list': READ,
  'channels.status': READ,
  'cron.list': READ,
  'node.list': READ,
  'logs.tail': READ,
  'usage.status': READ,
  'chat.send': WRITE,
  'chat.abort': WRITE,
  agent: WRITE,
  'agent.wait': WRITE,
  send: WRITE,
  'sessions.patch': WRITE,
  'sessions.reset': ADMIN,
  'sessions.delete': ADMIN,
  'system-event': ADMIN,
  'device.pair.list': PAIRING,
  'device.pair.approve': PAIRING,
  'device.pair.reject': PAIRING,
  'exec.approval.list': APPROVALS,
  'exec.approval.resolve': APPROVALS,
  'plugin.approval.list': APPROVALS,
};

/** The scope a method needs; methods we have not classified are treated as admin-only. */
export function requiredScope(method: string): string {
  return METHOD_SCOPES[method] ?? ADMIN;
}

/** Whether granted scopes satisfy a required one (admin satisfies all, write satisfies read). */
export function scopeSatisfied(granted: readonly string[], required: string): boolean {
  if (granted.includes(ADMIN) || granted.includes(required)) return true;
  return required === READ && granted.includes(WRITE);
}
