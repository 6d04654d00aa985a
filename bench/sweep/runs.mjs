// Runs streaming at once: the wallboard's run board while N runs stream, each
// sending one word (an `agent` assistant event and a `chat` delta with the
// whole text so far) every 150 ms — the real gateway's coalescing interval —
// for 6 s, staggered so the runs do not tick in step; then every run ends.
import { startFakeGateway } from '../lib/fake-gateway.mjs';
import { sleep } from '../lib/lifecycle.mjs';
import { percentile } from '../lib/stats.mjs';
import { runEvents, runWords } from '../lib/synthetic.mjs';
import {
  clickAround,
  epochNow,
  footprint,
  openConsole,
  sendToPaint,
  useWindow,
  waitShown,
} from './measure.mjs';

/** Steps of the sweep. */
export const STEPS = [20, 50, 100, 200, 500, 1_000];

/** What the step's `update` column means. */
export const UPDATE = 'streamed chat event sent → handled by the page, p95 (one watched run)';

const WORDS = 40;
const WORD_MS = 150;
const WATCHED = 'agent:main:sweep-0';

/** Starts a fake gateway for `count` runs; returns the step's runner. */
export async function setUp(count) {
  const fake = await startFakeGateway();
  return { close: fake.close, run: (env) => measure(env, fake, count) };
}

/** Sends each run's events on its own staggered clock; resolves when all but `keep` per run are sent. */
async function stream(fake, runs, keep) {
  const start = performance.now();
  const sent = runs.map(() => 0);
  for (;;) {
    const elapsed = performance.now() - start;
    let left = 0;
    runs.forEach((events, r) => {
      // Two events (status, lifecycle start) at once, then one word (two events) per tick.
      const offset = (r / runs.length) * WORD_MS;
      const due = Math.min(events.length - keep, 2 + 2 * Math.floor((elapsed - offset) / WORD_MS));
      for (; sent[r] < due; sent[r]++) {
        const [event, payload] = events[sent[r]];
        fake.event(event, { ...payload, benchSentAt: epochNow() });
      }
      left += events.length - keep - sent[r];
    });
    if (!left) return sent;
    await sleep(10);
  }
}

async function measure(env, fake, count) {
  const page = await openConsole(env, fake, '/wall', { watchKey: WATCHED });
  try {
    await waitShown(page, [{ selector: '[data-testid="wall-health"]', text: 'Healthy' }], 60_000);
    const tag = Date.now().toString(36);
    const runs = Array.from({ length: count }, (_, r) =>
      runEvents({
        runId: `sweep-${tag}-${r}`,
        sessionKey: `agent:main:sweep-${r}`,
        words: runWords(`r${r}`, WORDS),
      }),
    );
    // The last two events of a run (final, lifecycle end) are sent after the window.
    const result = await useWindow(page, async () => {
      let sending;
      const load = await sendToPaint(
        page,
        [{ selector: `[data-testid="run-board"] tbody tr:nth-child(${count})` }],
        () => (sending = stream(fake, runs, 2)),
        60_000,
      );
      await Promise.all([sending, clickAround(page, 'h1', 8)]);
      return { load };
    });
    const lags = result.probe.chat
      .filter((c) => c.sentAt !== undefined)
      .map((c) => c.t + result.probe.timeOrigin - c.sentAt);
    const memory = await footprint(page);
    const cleared = await sendToPaint(
      page,
      [{ selector: '.wall', text: 'No runs in flight.' }],
      () => {
        for (const events of runs)
          for (const [event, payload] of events.slice(-2)) fake.event(event, payload);
      },
      60_000,
    );
    return { ...result, update: percentile(lags, 95), cleared, ...memory };
  } finally {
    await page.close();
  }
}
