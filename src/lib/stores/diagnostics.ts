import { map, readonlyType } from 'nanostores';

/** What the console counts about the traffic it survived, for the diagnostics panel. */
export interface DiagnosticCounts {
  largestFrame: number;
  malformedFrames: number;
  /** Items or fields the gateway sent in a shape the console cannot show (dropped, view kept). */
  unreadableItems: number;
  unknownEvents: number;
  seqGaps: number;
  staleSnapshots: number;
  requestTimeouts: number;
  reconnects: number;
}

const $counts = map<DiagnosticCounts>({
  largestFrame: 0,
  malformedFrames: 0,
  unreadableItems: 0,
  unknownEvents: 0,
  seqGaps: 0,
  staleSnapshots: 0,
  requestTimeouts: 0,
  reconnects: 0,
});

/** Counts since the page loaded. */
export const diagnostics = readonlyType($counts);

/** Adds one to a counter. */
export function countDiagnostic(key: Exclude<keyof DiagnosticCounts, 'largestFrame'>): void {
  $counts.setKey(key, $counts.get()[key] + 1);
}

/** Records one received frame's size: only a new largest one changes the store, so a busy socket stays cheap. */
export function countFrame(bytes: number): void {
  if (bytes > $counts.get().largestFrame) $counts.setKey('largestFrame', bytes);
}
