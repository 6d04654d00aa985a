/**
 * Which operator scope a method needs, for the methods this console calls. Taken from the
 * gateway's own table (2026.9.6 `method-scopes`); the gateway has the last word, this only lets
 * the console say "not allowed" before asking.
 */

const READ = 'operator.read';
const WRITE = 'operator.write';
const ADMIN = 'operator.admin';
const PAIRING = 'operator.pairing';
const APPROVALS = 'operator.approvals';
const QUESTIONS = 'operator.questions';

const BY_SCOPE: Record<string, readonly string[]> = {
  [READ]: [
    'health',
    'status',
    'system-presence',
    'last-heartbeat',
    'sessions.list',
    'sessions.preview',
    'sessions.subscribe',
    'sessions.messages.subscribe',
    'sessions.search',
    'sessions.usage',
    'sessions.usage.timeseries',
    'chat.history',
    'models.list',
    'agents.list',
    'channels.status',
    'cron.get',
    'cron.list',
    'cron.status',
    'cron.runs',
    'node.list',
    'node.describe',
    'logs.tail',
    'usage.status',
    'usage.cost',
    'audit.activity.list',
    'audit.list',
    'audit.run.inspect',
    'tasks.list',
    'tasks.get',
    'gateway.restart.preflight',
    'gateway.suspend.status',
    'system.info',
  ],
  [WRITE]: [
    'chat.send',
    'chat.abort',
    'agent',
    'agent.wait',
    'send',
    'sessions.patch',
    'tasks.cancel',
  ],
  [ADMIN]: [
    'sessions.reset',
    'sessions.delete',
    'system-event',
    'cron.add',
    'cron.update',
    'cron.remove',
    'cron.run',
    'channels.start',
    'channels.stop',
    'set-heartbeats',
    'gateway.restart.request',
    'gateway.suspend.prepare',
  ],
  [PAIRING]: [
    'device.pair.list',
    'device.pair.approve',
    'device.pair.reject',
    'device.pair.remove',
    'device.pair.rename',
    'device.token.revoke',
    'device.token.rotate',
    'node.pair.list',
    'node.pair.approve',
    'node.rename',
  ],
  [APPROVALS]: [
    'approval.get',
    'approval.resolve',
    'approval.history',
    'exec.approval.get',
    'exec.approval.list',
    'exec.approval.request',
    'exec.approval.resolve',
    'exec.approval.grants.list',
    'exec.approval.grants.revoke',
    'plugin.approval.list',
    'plugin.approval.resolve',
    'openclaw.approval.list',
  ],
  [QUESTIONS]: ['question.get', 'question.list', 'question.resolve'],
};

const METHOD_SCOPES = new Map(
  Object.entries(BY_SCOPE).flatMap(([scope, methods]) => methods.map((m) => [m, scope] as const)),
);

/** The scope a method needs; methods we have not classified are treated as admin-only. */
export function requiredScope(method: string): string {
  return METHOD_SCOPES.get(method) ?? ADMIN;
}

/** Whether granted scopes satisfy a required one (admin satisfies all, write satisfies read). */
export function scopeSatisfied(granted: readonly string[], required: string): boolean {
  if (granted.includes(ADMIN) || granted.includes(required)) return true;
  return required === READ && granted.includes(WRITE);
}
