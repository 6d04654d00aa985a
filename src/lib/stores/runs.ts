/** Pure reducers that turn the gateway's `chat` and `agent` events into one view per run. */

/** Where a run stands. */
export type RunState = 'running' | 'final' | 'aborted' | 'error';

/** A tool call as a card: what was called, with what, and what came back. */
export interface ToolCall {
  id: string;
  name: string;
  phase: string;
  args?: unknown;
  result?: unknown;
  error?: string;
}

/** Token counts reported for a run. */
export interface RunUsage {
  input?: number;
  output?: number;
  total?: number;
}

/** Everything the console shows about one run. */
export interface RunView {
  runId: string;
  sessionKey: string;
  state: RunState;
  /** The latest reported phase (preparing_workspace, starting_model, retrying …). */
  phase?: string;
  text: string;
  /** Highest per-run `seq` applied, so late or duplicated deltas are ignored. */
  lastSeq: number;
  tools: ToolCall[];
  usage?: RunUsage;
  error?: { message: string; detail?: unknown };
  stopReason?: string;
  provider?: string;
  model?: string;
  startedAt: number;
  endedAt?: number;
}

/** A transcript message as `chat.history` and events carry it. */
export interface GatewayMessage {
  role?: string;
  content?: unknown;
  timestamp?: number;
  model?: string;
  provider?: string;
  usage?: Record<string, unknown>;
  stopReason?: string;
  [key: string]: unknown;
}

/** Caps one run's card list, so a runaway tool loop cannot grow memory without bound. */
export const MAX_TOOL_CARDS = 200;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The visible text of a message: a string, or the text parts of a content array. */
export function messageText(message: unknown): string {
  const content = record(message).content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      const p = record(part);
      return p.type === 'text' && typeof p.text === 'string' ? p.text : '';
    })
    .join('');
}

function usageOf(value: unknown): RunUsage | undefined {
  const u = record(value);
  const input = num(u.input) ?? num(u.inputTokens);
  const output = num(u.output) ?? num(u.outputTokens);
  const total =
    num(u.totalTokens) ??
    num(u.total) ??
    (input !== undefined && output !== undefined ? input + output : undefined);
  return input === undefined && output === undefined && total === undefined
    ? undefined
    : { input, output, total };
}

/** A new, empty run. */
export function newRun(runId: string, sessionKey: string, now: number): RunView {
  return { runId, sessionKey, state: 'running', text: '', lastSeq: 0, tools: [], startedAt: now };
}

/** Applies one `chat` event payload (untrusted) to a run; returns the run unchanged when it does not apply. */
export function applyChatEvent(run: RunView, payload: unknown, now: number): RunView {
  const p = record(payload);
  const seq = num(p.seq) ?? run.lastSeq;
  const state = str(p.state);
  const terminal = state === 'final' || state === 'aborted' || state === 'error';
  // A finished run stays finished; an old or repeated delta never rewinds the text.
  if (run.state !== 'running') return run;
  if (!terminal && seq < run.lastSeq) return run;
  const next: RunView = { ...run, lastSeq: Math.max(run.lastSeq, seq) };
  const message = p.message;
  switch (state) {
    case 'status':
      return { ...next, phase: str(p.phase) ?? next.phase };
    case 'delta': {
      const whole = message === undefined ? undefined : messageText(message);
      const delta = str(p.deltaText) ?? '';
      const text =
        whole !== undefined && whole !== ''
          ? whole
          : p.replace === true
            ? delta
            : next.text + delta;
      return { ...next, text };
    }
    case 'final':
      return {
        ...next,
        state: 'final',
        text: message === undefined ? next.text : messageText(message) || next.text,
        usage: usageOf(p.usage) ?? usageOf(record(message).usage) ?? next.usage,
        stopReason: str(p.stopReason),
        endedAt: now,
      };
    case 'aborted':
      return {
        ...next,
        state: 'aborted',
        text: message === undefined ? next.text : messageText(message) || next.text,
        stopReason: str(p.stopReason),
        endedAt: now,
      };
    case 'error':
      return {
        ...next,
        state: 'error',
        error: { message: str(p.errorMessage) ?? 'The run failed.', detail: p.errorDetail },
        endedAt: now,
      };
    default:
      return run;
  }
}

function applyTool(tools: ToolCall[], data: Record<string, unknown>): ToolCall[] {
  const id = str(data.toolCallId) ?? str(data.id) ?? `${tools.length}`;
  const existing = tools.find((tool) => tool.id === id);
  const phase = str(data.phase) ?? 'update';
  const isError = data.isError === true || phase === 'error';
  const updated: ToolCall = {
    id,
    name: str(data.name) ?? existing?.name ?? 'tool',
    phase,
    args: data.args ?? existing?.args,
    result: data.result ?? data.partialResult ?? existing?.result,
    error: isError
      ? (str(data.error) ?? (typeof data.result === 'string' ? data.result : 'failed'))
      : existing?.error,
  };
  if (existing) return tools.map((tool) => (tool.id === id ? updated : tool));
  return [...tools, updated].slice(-MAX_TOOL_CARDS);
}

/** Applies one `agent` event payload (tool calls, usage, model, lifecycle) to a run. */
export function applyAgentEvent(run: RunView, payload: unknown): RunView {
  const p = record(payload);
  const data = record(p.data);
  switch (str(p.stream)) {
    case 'tool':
      return { ...run, tools: applyTool(run.tools, data) };
    case 'usage':
      return { ...run, usage: { ...run.usage, ...usageOf(data) } };
    case 'lifecycle':
      if (data.phase === 'model' && typeof data.model === 'string') {
        return { ...run, model: data.model, provider: str(data.provider) ?? run.provider };
      }
      return run;
    default:
      return run;
  }
}

const KNOWN_PHASES = [
  'preparing_workspace',
  'preparing_context',
  'starting_model',
  'retrying',
] as const;

/** The words for where a running run is: a known phase, streaming once text flows, or the raw phase name. */
export function phaseLabel(run: Pick<RunView, 'phase' | 'text'>): {
  key:
    | `run.phase.${(typeof KNOWN_PHASES)[number]}`
    | 'run.phase.other'
    | 'run.streaming'
    | 'run.running';
  params?: Record<string, string>;
} {
  if (run.phase === 'retrying') return { key: 'run.phase.retrying' };
  if (run.text) return { key: 'run.streaming' };
  if (!run.phase) return { key: 'run.running' };
  return (KNOWN_PHASES as readonly string[]).includes(run.phase)
    ? { key: `run.phase.${run.phase as (typeof KNOWN_PHASES)[number]}` }
    : { key: 'run.phase.other', params: { phase: run.phase } };
}
