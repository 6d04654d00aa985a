import type { GatewayClient } from '../../harness/gateway/client.mjs';

// Scheduled jobs made and read through a real gateway, and what the other operators hear about
// what a console did to them.

/** Makes a real hourly job through the gateway, as another operator would. */
export async function addJob(client: GatewayClient, name: string, enabled: boolean) {
  const job = await client.request<{ id: string }>('cron.add', {
    name,
    enabled,
    schedule: { kind: 'every', everyMs: 3_600_000 },
    sessionTarget: 'isolated',
    wakeMode: 'now',
    payload: { kind: 'agentTurn', message: 'reply: tick' },
    delivery: { mode: 'none' },
  });
  return job.id;
}

/** Turns off the enabled jobs earlier tests left on this worker's gateway (not system-owned ones). */
export async function disableOthersJobs(client: GatewayClient) {
  const listed = await client.request<{
    jobs: { id: string; enabled: boolean; declarationKey?: string }[];
  }>('cron.list', { includeDisabled: true });
  for (const job of listed.jobs)
    if (job.enabled && !job.declarationKey)
      await client.request('cron.update', { id: job.id, patch: { enabled: false } });
}

/** Whether a job is enabled on the gateway now (undefined: no such job). */
export async function jobEnabled(client: GatewayClient, id: string) {
  const listed = await client.request<{ jobs: { id: string; enabled: boolean }[] }>('cron.list', {
    includeDisabled: true,
  });
  return listed.jobs.find((job) => job.id === id)?.enabled;
}

/** Announcements other operators receive: `system-event` lines on the presence list. */
export function heardAnnouncements(client: GatewayClient): string[] {
  const heard: string[] = [];
  client.onEvent((frame) => {
    if (frame.event !== 'presence') return;
    const list = (frame.payload as { presence?: { reason?: string; text?: string }[] }).presence;
    for (const entry of list ?? [])
      if (entry.reason === 'console-action' && entry.text && !heard.includes(entry.text))
        heard.push(entry.text);
  });
  return heard;
}
