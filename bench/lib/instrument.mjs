// The in-page probe, installed with page.addInitScript before any page script
// runs, identical for both consoles. It must not use eval (the Control UI ships
// a strict CSP), so conditions are plain data, not code.
//
// What it records, all in performance.now() time (0 = navigation start):
// - `marks[name]`: when a watched condition first held and when the frame that
//   shows it was produced (`paint`), checked once per animation frame;
// - `chat`: every `chat` event frame the page's WebSocket delivered (timestamped
//   as the first message listener runs; for a socket in a worker, as the worker
//   received it, from the stamps it posts with each batch), and when the DOM first showed its
//   text (`dom`, from a MutationObserver) and the frame after that (`paint`);
// - `longtasks`: Long Tasks API entries.
//
// "Paint" = a requestAnimationFrame callback, then a MessageChannel task: rAF
// runs at the start of the rendering update and the posted task runs right after
// that frame's style, layout and paint, so this is when the frame has been
// produced. (A second rAF would add a whole vsync interval by construction.) A
// change made inside a frame's rAF callbacks is painted by that frame: the posted
// task alone.

/** The page-side probe (runs in the page; `opts` = { ws, track, watchKey, watch: [specs] }). */
export function pageProbe(opts = {}) {
  if (window.top !== window || window.__bench) return;
  const now = () => performance.now();
  const B = {
    longtasks: [],
    chat: [],
    marks: {},
    frames: 0,
    // The first frames each way (time + head), to split a cold start into its phases.
    wsLog: [],
    // Request → response times by id, so a delay can be split into gateway and page time.
    reqs: {},
    eventCount: 0,
    events: {},
    watchKey: opts.watchKey,
    // Shadow roots the app attaches, so queries and the MutationObserver reach inside them.
    roots: new Set([document]),
    // Epoch ms of sockets opened from a worker (CDP's page session does not see those), of every
    // connect sent, and of every hello-ok and health event the page was handed: the reconnect
    // figure splits its delay with them.
    conn: { workerSockets: [], connects: [], hellos: [], healthEvents: [] },
  };
  window.__bench = B;

  const raf = window.requestAnimationFrame.bind(window);
  const afterThisTask = (cb) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => cb(now());
    channel.port2.postMessage(0);
  };
  // Whether the running task is a frame's animation callbacks. A change made there (a page that
  // applies bursts once per frame) is on screen in this very frame, so its paint is the task after
  // it; a rAF requested there would wait for the next frame and count a whole frame too many.
  // Set as any rAF callback starts, cleared by the next socket message or the task after the frame.
  let inFrameCallbacks = false;
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      if (!inFrameCallbacks) {
        inFrameCallbacks = true;
        afterThisTask(() => (inFrameCallbacks = false));
      }
      return cb(t);
    });
  B.afterPaint = (cb) => (inFrameCallbacks ? afterThisTask(cb) : raf(() => afterThisTask(cb)));

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: the CDP TaskDuration figures still stand
  }
  // Long animation frames (> 50 ms) say where a slow frame went: script, or
  // style/layout/paint after it.
  B.loafs = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const end = e.startTime + e.duration;
        B.loafs.push({
          start: e.startTime,
          duration: e.duration,
          script: e.scripts.reduce((a, s) => a + s.duration, 0),
          render: e.renderStart ? end - e.renderStart : 0,
          styleLayout: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // no LoAF API in this browser
  }

  // --- queries across shadow roots ---------------------------------------
  B.queryAll = (selector) => {
    const out = [];
    for (const root of B.roots) for (const el of root.querySelectorAll(selector)) out.push(el);
    return out;
  };
  const textOf = (el) => (el.shadowRoot ? el.shadowRoot.textContent : '') + (el.textContent || '');
  const holds = (cond) => {
    const found = B.queryAll(cond.selector).filter(
      (el) =>
        (cond.text === undefined || textOf(el).includes(cond.text)) &&
        (cond.re === undefined || new RegExp(cond.re, cond.flags).test(textOf(el))) &&
        (!cond.visible || el.getClientRects().length > 0),
    );
    return cond.absent ? found.length === 0 : found.length > 0;
  };

  // --- watchers: a condition checked once per animation frame --------------
  const watchers = [];
  let looping = false;
  const loop = () => {
    if (!watchers.length) {
      looping = false;
      return;
    }
    const t = now();
    for (const w of watchers.slice()) {
      const ok = w.all.every(holds);
      if (!ok) w.seenFalse = true;
      if (ok && (!w.transition || w.seenFalse)) {
        watchers.splice(watchers.indexOf(w), 1);
        const mark = { dom: t };
        B.marks[w.name] = mark;
        B.afterPaint((p) => {
          mark.paint = p;
          mark.epoch = performance.timeOrigin + p;
        });
      }
    }
    requestAnimationFrame(loop);
  };
  /** Starts watching: spec = { name, all: [{ selector, text?, re?, flags?, absent?, visible? }], transition? }. */
  B.watch = (spec) => {
    delete B.marks[spec.name];
    watchers.push({ ...spec, seenFalse: false });
    if (!looping) {
      looping = true;
      requestAnimationFrame(loop);
    }
  };
  for (const spec of opts.watch ?? []) B.watch(spec);
  /** Whether a watcher has seen its condition false yet (for transitions: the outage was noticed). */
  B.watchState = (name) => {
    const w = watchers.find((x) => x.name === name);
    return w ? { pending: true, seenFalse: w.seenFalse } : { pending: false };
  };

  // --- chat frames → DOM → paint -------------------------------------------
  const pending = [];
  const expected = [];
  /** Marks `name` when text first appears in added DOM (MutationObserver), then its paint. */
  B.expect = (name, text) => {
    delete B.marks[name];
    expected.push({ name, text });
  };
  const observer = new MutationObserver((records) => {
    if (!pending.length && !expected.length) return;
    const texts = [];
    for (const r of records) {
      if (r.type === 'characterData') texts.push(r.target.data);
      else for (const n of r.addedNodes) texts.push(n.textContent || '');
    }
    if (!texts.length) return;
    const joined = texts.join('\n');
    for (const e of expected.slice()) {
      if (!joined.includes(e.text)) continue;
      expected.splice(expected.indexOf(e), 1);
      const mark = { dom: now() };
      B.marks[e.name] = mark;
      B.afterPaint((p) => {
        mark.paint = p;
        mark.epoch = performance.timeOrigin + p;
      });
    }
    if (!pending.length) return;
    // Newest first: a frame whose text is on screen also settles every older one.
    let hit = -1;
    for (let i = pending.length - 1; i >= 0; i--) {
      if (joined.includes(pending[i].probe)) {
        hit = i;
        break;
      }
    }
    if (hit < 0) return;
    const t = now();
    const settled = pending.splice(0, hit + 1);
    for (const e of settled) e.dom = t;
    B.afterPaint((p) => {
      for (const e of settled) e.paint = p;
    });
  });
  // Cold-start runs leave it off: observing every mutation of a page that is
  // still building itself would slow exactly what they measure.
  const observe = (root) =>
    opts.track && observer.observe(root, { subtree: true, childList: true, characterData: true });
  observe(document);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    B.roots.add(root);
    observe(root);
    return root;
  };

  if (!opts.ws) return;
  const messageText = (m) => {
    if (!m) return '';
    if (typeof m === 'string') return m;
    if (typeof m.text === 'string') return m.text;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) return m.content.map((p) => (p && p.text) || '').join('');
    return '';
  };
  const seen = new WeakSet();
  const onFrame = (ev) => {
    if (seen.has(ev)) return;
    seen.add(ev);
    inFrameCallbacks = false;
    // Ours: a worker owns the socket and posts frames in batches, each stamped (epoch ms) as the
    // worker received it; the delay then counts from there, the hop to the page included.
    const batch = ev.data;
    if (batch && batch.type === 'frames' && Array.isArray(batch.frames)) {
      batch.frames.forEach((data, i) => onData(data, batch.at[i] - performance.timeOrigin));
      return;
    }
    if (ev.target instanceof WebSocket) onData(ev.data, now());
  };
  const onData = (data, t) => {
    B.frames += 1;
    if (typeof data !== 'string') return;
    if (B.wsLog.length < 12) B.wsLog.push({ t, dir: 'in', head: data.slice(0, 300) });
    if (data.includes('"hello-ok"') && B.conn.hellos.length < 200) {
      let healthOk;
      try {
        healthOk = JSON.parse(data).payload?.snapshot?.health?.ok;
      } catch {
        healthOk = undefined;
      }
      B.conn.hellos.push({ epoch: performance.timeOrigin + t, healthOk });
    } else if (
      data.startsWith('{"type":"event","event":"health"') &&
      B.conn.healthEvents.length < 200
    )
      B.conn.healthEvents.push(performance.timeOrigin + t);
    if (data.startsWith('{"type":"res"')) {
      const id = /"id":"([^"]+)"/.exec(data.slice(0, 200))?.[1];
      const req = id && B.reqs[id];
      if (req && req.res === undefined) {
        req.res = t;
        req.bytes = data.length;
      }
      return;
    }
    const head = /"event":"([^"]+)"/.exec(data.slice(0, 200));
    if (!head) return;
    B.eventCount += 1;
    B.events[head[1]] = (B.events[head[1]] || 0) + 1;
    if (head[1] !== 'chat') return;
    // Cheap test first: parse only frames of the watched session.
    if (B.watchKey && !data.includes(B.watchKey)) return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    const p = frame.payload || {};
    if (B.watchKey && p.sessionKey !== B.watchKey) return;
    const text = messageText(p.message);
    const probe = (/(\S+)\s*$/.exec(text) || [])[1];
    const entry = { t, runId: p.runId, state: p.state, probe, sentAt: p.benchSentAt };
    B.chat.push(entry);
    if (probe && p.state === 'delta') pending.push(entry);
  };
  // Wrap listeners rather than the constructor: whichever way the app listens
  // (addEventListener or onmessage), the first listener call stamps the frame.
  const proto = WebSocket.prototype;
  const wrappers = new WeakMap();
  const wrap = (listener) => {
    if (!listener) return listener;
    let w = wrappers.get(listener);
    if (!w) {
      w =
        typeof listener === 'function'
          ? function (ev) {
              onFrame(ev);
              return listener.call(this, ev);
            }
          : {
              handleEvent(ev) {
                onFrame(ev);
                return listener.handleEvent(ev);
              },
            };
      wrappers.set(listener, w);
    }
    return w;
  };
  const sent = (data) => {
    if (
      typeof data === 'string' &&
      data.includes('"method":"connect"') &&
      B.conn.connects.length < 200
    )
      B.conn.connects.push(performance.timeOrigin + now());
    if (B.wsLog.length < 12 && typeof data === 'string')
      B.wsLog.push({ t: now(), dir: 'out', head: data.slice(0, 300) });
    if (typeof data === 'string' && data.startsWith('{"type":"req"')) {
      const head = data.slice(0, 300);
      const id = /"id":"([^"]+)"/.exec(head)?.[1];
      const method = /"method":"([^"]+)"/.exec(head)?.[1];
      if (id && Object.keys(B.reqs).length < 5000) B.reqs[id] = { method, sent: now() };
    }
  };
  const send = proto.send;
  proto.send = function (data) {
    sent(data);
    return send.call(this, data);
  };
  // A page whose socket lives in a worker sends through it: { type: 'send', data }.
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 'send') sent(message.data);
    if (message && message.type === 'open' && B.conn.workerSockets.length < 200)
      B.conn.workerSockets.push(performance.timeOrigin + now());
    return post.call(this, message, ...rest);
  };
  for (const target of [proto, Worker.prototype]) {
    const add = target.addEventListener;
    target.addEventListener = function (type, listener, options) {
      return add.call(this, type, type === 'message' ? wrap(listener) : listener, options);
    };
    const remove = target.removeEventListener;
    target.removeEventListener = function (type, listener, options) {
      const w = type === 'message' && listener ? wrappers.get(listener) || listener : listener;
      return remove.call(this, type, w, options);
    };
    const desc = Object.getOwnPropertyDescriptor(target, 'onmessage');
    const handlers = new WeakMap();
    Object.defineProperty(target, 'onmessage', {
      configurable: true,
      enumerable: desc.enumerable,
      get() {
        return handlers.get(this) ?? null;
      },
      set(fn) {
        handlers.set(this, fn);
        desc.set.call(this, typeof fn === 'function' ? wrap(fn) : fn);
      },
    });
  }
}

/** Reads the probe's records out of the page (chat entries, marks, long tasks, counters). */
export function readProbe(page) {
  return page.evaluate(() => {
    const B = window.__bench;
    return {
      chat: B.chat,
      marks: B.marks,
      longtasks: B.longtasks,
      loafs: B.loafs,
      frames: B.frames,
      wsLog: B.wsLog,
      reqs: Object.values(B.reqs),
      eventCount: B.eventCount,
      events: B.events,
      now: performance.now(),
      timeOrigin: performance.timeOrigin,
    };
  });
}

/** Starts a watcher in the page and resolves with its mark once its frame has painted. */
export async function watchFor(page, spec, timeoutMs = 60_000) {
  await page.evaluate((s) => window.__bench.watch(s), spec);
  return waitMark(page, spec.name, timeoutMs);
}

/** Resolves with marks[name] once it has its paint time. */
export async function waitMark(page, name, timeoutMs = 60_000) {
  const handle = await page.waitForFunction(
    (n) => window.__bench?.marks[n]?.paint !== undefined && window.__bench.marks[n],
    name,
    { timeout: timeoutMs, polling: 50 },
  );
  return handle.jsonValue();
}
