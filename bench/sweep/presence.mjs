// Presence entries: the overview's presence table with N clients, seeded by
// hello-ok, then updated by `presence` events that each add a client at the
// front (the gateway lists presence newest first).
import { startFakeGateway } from '../lib/fake-gateway.mjs';
import {
  clickAround,
  connectToReady,
  footprint,
  openConsole,
  sendToPaint,
  useWindow,
} from './measure.mjs';

/** Steps of the sweep. */
// 200 is the most an openclaw 2026.9.6 gateway lists (its MAX_ENTRIES); more needs a bigger fleet or a later gateway.
export const STEPS = [200, 500, 1_000, 2_000, 5_000, 10_000];

/** What the step's `update` column means. */
export const UPDATE = 'presence event (one client joins) → on screen, median of 3';

function entry(i, now) {
  return {
    host: `node-${i}`,
    ip: `192.0.2.${i % 250}`,
    mode: i % 2 ? 'ui' : 'cli',
    platform: 'linux',
    version: '2026.9.6',
    roles: ['operator'],
    scopes: ['operator.read'],
    reason: 'connect',
    ts: now - i * 1000,
    instanceId: `instance-${i}`,
  };
}

const counted = (n) => ({ selector: '[data-testid="presence-count"]', re: `^\\s*${n} clients` });

/** Starts a fake gateway holding `size` presence entries; returns the step's runner. */
export async function setUp(size) {
  const now = Date.now();
  const presence = Array.from({ length: size }, (_, i) => entry(i, now));
  const fake = await startFakeGateway({ presence });
  return { close: fake.close, run: (env) => measure(env, fake, presence) };
}

async function measure(env, fake, presence) {
  const size = presence.length;
  const page = await openConsole(env, fake, '/', {
    ready: [
      counted(size),
      { selector: `[data-testid="presence-panel"] tbody tr:nth-child(${size})` },
    ],
  });
  try {
    const load = await connectToReady(page, 120_000);
    const result = await useWindow(page, async () => {
      await clickAround(page, '#overview-heading', 8);
      const updates = [];
      let list = presence;
      for (let k = 1; k <= 3; k++) {
        list = [entry(-k, Date.now()), ...list];
        const next = list;
        updates.push(
          await sendToPaint(page, [counted(size + k)], () =>
            fake.event('presence', { presence: next }),
          ),
        );
      }
      updates.sort((a, b) => a - b);
      return { update: updates[1] };
    });
    return { load, ...result, ...(await footprint(page)) };
  } finally {
    await page.close();
  }
}
