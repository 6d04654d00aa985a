import { startFakeGateway } from './fake/fake-gateway.mjs';
import { connectGateway } from '../harness/gateway/client.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  openOverviewTools,
  openSessionSettings,
} from './support/fixtures';

test('the built console runs under a CSP that blocks inline script', async ({ page, gateway }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  const result = await page.evaluate(async () => {
    const violated = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
        once: true,
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.body.append(script);
    return {
      inline: (window as unknown as { __inline?: number }).__inline,
      directive: await violated,
    };
  });
  expect(result).toEqual({ inline: undefined, directive: 'script-src-elem' });
  expect(violations.length).toBeGreaterThan(0);
});

test('hostile session labels render as text', async ({ page, gateway }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const label = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const client = await connectGateway(gateway.url, {
    token: gateway.token,
    scopes: ['operator.admin', 'operator.read', 'operator.write'],
  });
  await client.request('chat.send', {
    sessionKey: 'agent:main:e2e-hostile-label',
    message: 'reply:ok',
    idempotencyKey: `label-${Date.now()}`,
  });
  await expect
    .poll(async () => {
      const list = await client.request<{ sessions: Array<{ key: string }> }>('sessions.list', {});
      return list.sessions.some((s) => s.key === 'agent:main:e2e-hostile-label');
    })
    .toBe(true);
  await client.request('sessions.patch', { key: 'agent:main:e2e-hostile-label', label });
  client.close();

  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await page.goto('/sessions');
  await expect(page.getByRole('link', { name: label })).toBeVisible();
  const facts = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    images: document.querySelectorAll('main img').length,
  }));
  expect(facts).toEqual({ pwned: undefined, images: 0 });
  expect(dialogs).toBe(0);
});

test('forgetting a gateway removes its token and device token', async ({ page, gateway }) => {
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token, { remember: true });
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto('/connect');
  await page.getByRole('button', { name: 'Forget this gateway' }).click();
  await expect(
    page.getByText(`Token, password and device token for ${gateway.url} were forgotten.`),
  ).toBeVisible();
  const stored = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(stored).not.toContain(gateway.token);

  // Nothing left to sign in with: the gateway asks for a token again.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByText('The gateway needs a token.')).toBeVisible();
});

test('an action the gateway refuses is shown as refused, not as done', async ({ page }) => {
  const fake = await startFakeGateway({ refuse: ['sessions.patch', 'system-event'] });
  try {
    await page.goto('/');
    await connectWithForm(page, fake.url, 'fake-token');
    await expect(connectionStatus(page)).toContainText('Connected');
    await openOverviewTools(page);
    await page.getByLabel('System event text').fill('deploy finished');
    await page.getByRole('button', { name: 'Post system event' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'missing scope: operator.admin' }),
    ).toBeVisible();

    await page.goto('/sessions/agent%3Amain%3Amain');
    await openSessionSettings(page);
    await page.getByLabel('Label', { exact: true }).fill('not allowed');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'missing scope: operator.admin' }),
    ).toBeVisible();
    await expect(page.getByText('Done.')).toHaveCount(0);
  } finally {
    await fake.close();
  }
});
