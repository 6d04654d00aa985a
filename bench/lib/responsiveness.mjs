// How quickly a page answers a person: every trusted pointerdown and keydown
// is timed from the event's own timestamp (so time spent queued behind a long
// task counts) to the end of the next frame the browser produces, which is
// when the result of that input can be on screen. Installed with
// page.addInitScript next to the bench's pageProbe.

/** The page-side input probe (runs in the page). */
export function inputProbe() {
  if (window.top !== window || window.__input) return;
  const inputs = [];
  window.__input = { inputs };
  // rAF, then a posted task: runs right after that frame's style, layout and paint.
  const afterPaint = (cb) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cb(performance.now());
      channel.port2.postMessage(0);
    });
  for (const type of ['pointerdown', 'keydown']) {
    window.addEventListener(
      type,
      (event) => {
        if (!event.isTrusted) return;
        const entry = { type, key: event.key, start: event.timeStamp };
        entry.delay = performance.now() - event.timeStamp;
        inputs.push(entry);
        afterPaint((paint) => {
          entry.latency = paint - entry.start;
        });
      },
      { capture: true },
    );
  }
}

/** The inputs the page has timed since `since` (performance.now() time), with their latency. */
export function readInputs(page, since = 0) {
  return page.evaluate(
    (t0) => window.__input.inputs.filter((i) => i.start >= t0 && i.latency !== undefined),
    since,
  );
}
