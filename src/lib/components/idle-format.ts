/**
 * Formats markdown when the main thread is idle, a few milliseconds at a time, and
 * remembers the results: a long transcript shows plain text at once, never formats in
 * a scroll frame, and an item scrolled back into view gets its formatting at once.
 */
import { MAX_PLAIN_CHARS, renderMarkdown, type RenderOptions } from '../markdown/render';

/** Writes the note under a source cut for length (see renderMarkdown). */
type TruncatedNote = RenderOptions['truncatedNote'];

/** How many formatted messages are remembered (a window's worth many times over). */
const FORMAT_CACHE_SIZE = 500;
/** The most formatting done in one idle slice, so a slice never becomes a long task. */
const SLICE_MS = 8;

interface Job {
  source: string;
  note: TruncatedNote;
  done: (html: string) => void;
}

interface Formatted {
  html: string;
  note: TruncatedNote;
}

const cache = new Map<string, Formatted>();
// Newest first: the item mounted last is the one nearest where the reader is going.
const jobs: Job[] = [];
let scheduled = false;

function remember(source: string, formatted: Formatted): void {
  cache.delete(source);
  cache.set(source, formatted);
  if (cache.size > FORMAT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/**
 * The formatted HTML for a source if it was formatted before; for a source cut for length, only
 * if it was formatted with the same note (another language's note is formatted again).
 */
export function formattedBefore(source: string, note?: TruncatedNote): string | undefined {
  const formatted = cache.get(source);
  if (!formatted || (source.length > MAX_PLAIN_CHARS && formatted.note !== note)) return undefined;
  remember(source, formatted);
  return formatted.html;
}

function whenIdle(run: (timeLeft: () => number) => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback((deadline) => run(() => deadline.timeRemaining()), { timeout: 500 });
  } else {
    // Safari has no requestIdleCallback: a task of its own, after the frame.
    setTimeout(() => {
      const start = performance.now();
      run(() => SLICE_MS - (performance.now() - start));
    }, 16);
  }
}

function work(timeLeft: () => number): void {
  scheduled = false;
  const start = performance.now();
  while (jobs.length && timeLeft() > 1 && performance.now() - start < SLICE_MS) {
    const job = jobs.pop()!;
    const html =
      formattedBefore(job.source, job.note) ??
      renderMarkdown(job.source, { truncatedNote: job.note });
    remember(job.source, { html, note: job.note });
    job.done(html);
  }
  schedule();
}

function schedule(): void {
  if (scheduled || !jobs.length) return;
  scheduled = true;
  whenIdle(work);
}

/** Formats `source` in idle time (at once if done before) and calls back; returns a cancel. */
export function formatWhenIdle(
  source: string,
  done: (html: string) => void,
  note?: TruncatedNote,
): () => void {
  const html = formattedBefore(source, note);
  if (html !== undefined) {
    done(html);
    return () => {};
  }
  const job: Job = { source, note, done };
  jobs.push(job);
  schedule();
  return () => {
    const index = jobs.indexOf(job);
    if (index >= 0) jobs.splice(index, 1);
  };
}
