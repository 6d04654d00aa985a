/** A running real gateway started by the harness. */
export interface GatewayHandle {
  version: string;
  port: number;
  url: string;
  httpUrl: string;
  token: string;
  stateDir: string;
  runDir: string;
  configPath: string;
  logFile: string;
  pid: number | undefined;
  modelServer: { port: number; url: string; requests: unknown[]; close(): Promise<void> };
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  setAllowedOrigins(origins: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link startGateway}. */
export interface StartGatewayOptions {
  version?: string;
  port?: number;
  token?: string;
  name?: string;
  allowedOrigins?: string[];
  modelServer?: GatewayHandle['modelServer'];
  /** A folder the gateway serves as its Control UI (`gateway.controlUi.root`), e.g. our dist/. */
  controlUiRoot?: string;
  /** The prefix it serves that Control UI under (`gateway.controlUi.basePath`, e.g. `/console`). */
  controlUiBasePath?: string;
  /** Price per million tokens for the fake models (default all zero), so usage shows a cost. */
  modelCost?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
  /** Commands the agent runs on the gateway host ask a human first (`tools.exec.mode: ask`). */
  execAsk?: boolean;
  /** Runs the bundled Telegram channel against a Bot API stand-in (harness/telegram/bot-api.mjs). */
  telegram?: { apiRoot: string; botToken: string };
}

/** Starts a real gateway (and a scripted model server unless one is given); resolves once /readyz answers. */
export function startGateway(options?: StartGatewayOptions): Promise<GatewayHandle>;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;
