// The gateway's config file for tests. OpenClaw validates its config strictly
// (an unknown key stops the gateway from starting), so keys that only newer
// releases know are added by version.

/** Builds the openclaw.json for one test gateway (plain JSON is valid JSON5). */
export function buildConfig({
  version,
  port,
  token,
  modelUrl,
  modelIds,
  workspace,
  allowedOrigins,
  logFile,
  controlUiRoot,
  controlUiBasePath,
  // Price per million tokens of every fake model; zero unless a test needs cost to add up.
  modelCost = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  // The agent's commands on the gateway host wait for a human's approval (off: none asked).
  execAsk = false,
  // { apiRoot, botToken }: run the bundled Telegram channel against a local Bot API stand-in.
  telegram,
}) {
  const newer = compareVersions(version, '2026.5.0') >= 0;
  const model = (id) => ({
    id,
    name: `Fake ${id}`,
    input: ['text'],
    contextWindow: 128000,
    maxTokens: 8192,
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, ...modelCost },
  });
  return {
    gateway: {
      mode: 'local',
      port,
      bind: 'loopback',
      auth: {
        mode: 'token',
        token,
        // Tests fail auth on purpose; never lock the suite out for minutes.
        rateLimit: { maxAttempts: 1000, windowMs: 60000, lockoutMs: 1000 },
      },
      // root: the gateway serves that folder (our dist/) as its Control UI, under basePath if set.
      controlUi: {
        allowedOrigins,
        ...(controlUiRoot && { root: controlUiRoot }),
        ...(controlUiBasePath && { basePath: controlUiBasePath }),
      },
      ...(newer && { terminal: { enabled: false } }),
    },
    // Otherwise it logs to /tmp/openclaw/, outside the run folder.
    logging: { file: logFile },
    update: { checkOnStart: false, auto: { enabled: false } },
    agents: {
      defaults: {
        workspace,
        model: { primary: `fake/${modelIds[0]}` },
        // "0m" turns heartbeats off: no model calls the test did not ask for.
        heartbeat: { every: '0m' },
      },
    },
    ...(execAsk && { tools: { exec: { host: 'gateway', mode: 'ask' } } }),
    plugins: { entries: { 'memory-core': { config: { dreaming: { enabled: false } } } } },
    ...(telegram && {
      channels: {
        telegram: {
          enabled: true,
          botToken: telegram.botToken,
          apiRoot: telegram.apiRoot,
          // Anyone may write to the test bot: no pairing step before a message counts.
          dmPolicy: 'open',
          allowFrom: ['*'],
        },
      },
    }),
    models: {
      mode: 'merge',
      // Offline: never fetch the hosted model catalog.
      ...(newer && { catalogRefresh: { enabled: false } }),
      providers: {
        fake: {
          baseUrl: modelUrl,
          apiKey: 'any',
          api: 'openai-completions',
          models: modelIds.map(model),
        },
      },
    },
  };
}

/** Compares OpenClaw's date versions ("2026.9.6"); negative, zero or positive like a sort callback. */
export function compareVersions(a, b) {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
  return 0;
}
