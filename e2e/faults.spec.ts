import { startFakeGateway, type FakeGateway } from './fake/fake-gateway.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  openOverviewTools,
} from './support/fixtures';

// Faults a real openclaw gateway cannot be made to produce on demand, so a
// scripted fake gateway stands in (see e2e/fake/fake-gateway.mjs).

let fake: FakeGateway;
test.afterEach(async () => {
  await fake?.close();
});

test('garbage, unknown and huge frames neither crash nor stall the page', async ({ page }) => {
  fake = await startFakeGateway();
  await page.goto('/');
  await connectWithForm(page, fake.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');

  fake.broadcast('{not json');
  fake.broadcast('[1,2,3]');
  fake.broadcast({ type: 'weird', hello: true });
  fake.broadcast({ type: 'res', id: 'no-such-request', ok: true, payload: {} });
  fake.event('no.such.event', { anything: 1 });
  fake.event('health', 'not an object');
  fake.event('presence', { presence: 'not a list' });
  // Nested far deeper than any parser's recursion limit (built as text: no stringify recursion here).
  const depth = 100_000;
  fake.broadcast(
    `{"type":"event","event":"deep.event","payload":${'{"n":'.repeat(depth)}{}${'}'.repeat(depth)}}`,
  );
  fake.event('huge.event', { blob: 'x'.repeat(30 * 1024 * 1024) });

  // Wait until the page has taken the 30 MB frame (the last one sent), then check it copes.
  await openOverviewTools(page);
  await page.getByTestId('diagnostics').getByText('Diagnostics').click();
  await expect
    .poll(async () => Number(await page.getByTestId('diag-largestFrame').textContent()), {
      timeout: 30_000,
    })
    .toBeGreaterThan(30_000_000);
  await expect(page.getByTestId('diag-malformedFrames')).not.toHaveText('0');
  await expect(page.getByTestId('diag-unknownEvents')).not.toHaveText('0');
  await expect(connectionStatus(page)).toContainText('Connected');
  await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
  // Still responsive: a click re-renders the whole UI in another language.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(connectionStatus(page)).toContainText('已连接');
  expect(fake.connections).toBe(1);
});

test('an event seq gap re-reads health and presence without reconnecting', async ({ page }) => {
  fake = await startFakeGateway();
  await page.goto('/');
  await connectWithForm(page, fake.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  const before = fake.requests.length;

  fake.event('tick', { ts: Date.now() }, { seq: 1 });
  fake.event('tick', { ts: Date.now() }, { seq: 7 });

  await expect
    .poll(() =>
      fake.requests
        .slice(before)
        .map((r) => r.method)
        .sort(),
    )
    .toEqual(expect.arrayContaining(['health', 'system-presence']));
  expect(fake.connections).toBe(1);
  await expect(connectionStatus(page)).toContainText('Connected');
});

test('a silent socket is dropped by the watchdog after about two ticks', async ({ page }) => {
  fake = await startFakeGateway({ tickIntervalMs: 1_000 });
  await page.goto('/');
  await connectWithForm(page, fake.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  // A monotonic clock: a wall-clock step on the machine must not pass or fail this.
  const silentSince = performance.now();
  fake.silence();

  await expect.poll(() => fake.connections, { timeout: 15_000 }).toBeGreaterThan(1);
  // Two 1 s ticks plus the 2 s check interval, with slack for a loaded CI machine.
  expect(performance.now() - silentSince).toBeLessThan(10_000);
  await expect(connectionStatus(page)).toContainText('Connected');
});
