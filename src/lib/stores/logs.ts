import { atom, computed, type ReadableAtom } from 'nanostores';
import { NotConnectedError } from '../gateway/errors';
import { describeError } from '../gateway/outcome';
import { countDiagnostic } from './diagnostics';
import { gatewayHello, onConnected, request, whyNot, type Unavailable } from './gateway-session';
import {
  markFor,
  matchesFilter,
  parseLogLine,
  pushBounded,
  readTailReply,
  type LogFilter,
  type LogLevel,
  type LogLine,
  type LogMarkKind,
  type TailReply,
} from './log-lines';
import { createPage, type PageInstance } from './page';
import { pageVisible } from './visibility';

/** How often the log is read while the page is shown (the gateway pushes no log events). */
export const LOG_POLL_MS = 2_000;
// As the gateway's own Control UI reads it: at most 1,000 lines and 250 KB a read.
const TAIL_PARAMS = { limit: 1_000, maxBytes: 250_000 };

/** The live log as the page holds it. */
export interface LogsState {
  /** The ring: the newest lines read (markers included), oldest first. */
  lines: readonly LogLine[];
  /** Lines that fell out of the ring since the page opened. */
  dropped: number;
  /** The log file the gateway reads from. */
  file?: string;
  loaded: boolean;
  error?: string;
  unavailable?: Unavailable;
  /** Whether following is paused: the list on screen holds still while reading goes on. */
  paused: boolean;
  /** Lines read since following was paused. */
  newWhilePaused: number;
}

/** The logs page: the live tail, the filter, and following. */
export interface LogsPage extends PageInstance {
  state: ReadableAtom<LogsState>;
  filter: ReadableAtom<LogFilter>;
  /** The lines on screen: the ring (or what it held when paused), filtered. */
  shown: ReadableAtom<readonly LogLine[]>;
  setText(text: string): void;
  toggleLevel(level: LogLevel): void;
  pause(): void;
  resume(): void;
}

/** Builds the live tail; it reads only while the page is mounted, shown and connected. */
export function buildLogsPage(options: { pollMs?: number } = {}): LogsPage {
  const pollMs = options.pollMs ?? LOG_POLL_MS;
  let state: LogsState = { lines: [], dropped: 0, loaded: false, paused: false, newWhilePaused: 0 };
  const $state = atom(state);
  const patch = (change: Partial<LogsState>) => $state.set((state = { ...state, ...change }));
  const $filter = atom<LogFilter>({ levels: new Set(), text: '' });
  // What the list showed when following was paused.
  const $frozen = atom<readonly LogLine[] | undefined>(undefined);

  let cursor: number | undefined;
  let nextId = 1;
  // Bumped when what was read no longer applies (another gateway, the page left): late replies are dropped.
  let generation = 0;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;
  // Asked to read now while a read was under way (a reconnect): read again as soon as it ends.
  let soon = false;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = undefined;
    if (inFlight && delay === 0) soon = true;
    if (alive && !inFlight && pageVisible.get()) timer = setTimeout(() => void poll(), delay);
  };

  const read = async (from: number | undefined): Promise<TailReply> => {
    const reply = readTailReply(
      await request(
        'logs.tail',
        from === undefined ? TAIL_PARAMS : { ...TAIL_PARAMS, cursor: from },
      ),
    );
    if (!reply) {
      countDiagnostic('unreadableItems');
      throw new Error('logs.tail: no cursor in the reply');
    }
    return reply;
  };

  const apply = (reply: TailReply, mark: LogMarkKind | undefined) => {
    const added: LogLine[] = [];
    if (mark) added.push({ id: nextId++, mark, message: '', raw: '', bytes: reply.skippedBytes });
    for (const raw of reply.lines) added.push(parseLogLine(raw, nextId++));
    cursor = reply.cursor;
    const { ring, dropped } = pushBounded(state.lines, added);
    patch({
      lines: ring,
      dropped: state.dropped + dropped,
      file: reply.file ?? state.file,
      loaded: true,
      error: undefined,
      unavailable: undefined,
      newWhilePaused: state.paused ? state.newWhilePaused + reply.lines.length : 0,
    });
  };

  async function poll(): Promise<void> {
    const reason = whyNot.get()('logs.tail');
    if (reason) return patch({ unavailable: reason });
    const mine = generation;
    const from = cursor;
    inFlight = true;
    try {
      let reply = await read(from);
      if (mine !== generation) return;
      let mark = markFor(reply, from);
      // A new file (a daily log rolled over) or a cursor that went back: the old cursor means
      // nothing there, so read the new file from its start.
      const moved = from !== undefined && !reply.reset && reply.cursor < from;
      if (
        from !== undefined &&
        (moved || (reply.file && state.file && reply.file !== state.file))
      ) {
        reply = await read(0);
        if (mine !== generation) return;
        mark = 'restarted';
      }
      apply(reply, mark);
    } catch (error) {
      // Offline: the connection status already says so, and reading resumes on reconnect.
      if (mine === generation && !(error instanceof NotConnectedError))
        patch({ error: describeError(error) });
    } finally {
      if (mine === generation) {
        inFlight = false;
        schedule(soon ? 0 : pollMs);
        soon = false;
      }
    }
  }

  // Another gateway: nothing read from this one applies there.
  const forget = () => {
    generation += 1;
    inFlight = false;
    cursor = undefined;
    $frozen.set(undefined);
    patch({ lines: [], dropped: 0, file: undefined, loaded: false, error: undefined });
    patch({ paused: false, newWhilePaused: 0 });
  };

  const offs = [
    // After a reconnect, on from the cursor: nothing twice, nothing missed.
    onConnected(() => schedule(0)),
    gatewayHello.listen((hello) => (hello ? undefined : forget())),
    pageVisible.listen((visible) => (visible ? schedule(0) : schedule(pollMs))),
  ];
  if (gatewayHello.get()) schedule(0);

  const shown = computed([$state, $frozen, $filter], (current, frozen, filter) =>
    (frozen ?? current.lines).filter((line) => matchesFilter(line, filter)),
  );

  return {
    state: $state,
    filter: $filter,
    shown,
    setText: (text) => $filter.set({ ...$filter.get(), text }),
    toggleLevel: (level) => {
      const levels = new Set($filter.get().levels);
      if (!levels.delete(level)) levels.add(level);
      $filter.set({ ...$filter.get(), levels });
    },
    pause: () => {
      if (state.paused) return;
      $frozen.set(state.lines);
      patch({ paused: true, newWhilePaused: 0 });
    },
    resume: () => {
      $frozen.set(undefined);
      patch({ paused: false, newWhilePaused: 0 });
    },
    exit: () => {
      alive = false;
      generation += 1;
      clearTimeout(timer);
      offs.forEach((off) => off());
    },
  };
}

/** The logs page while the router is on /logs and something shows it. */
export const logsPage = createPage('logs', () => buildLogsPage());
