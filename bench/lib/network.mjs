// Counts what a page downloads, from CDP Network events: per request its
// resource type, the bytes that crossed the wire (encodedDataLength at
// loadingFinished: compressed body plus headers) and the decoded body size.

/** Starts recording a page's requests on its CDP session; returns a recorder. */
export async function recordNetwork(cdp) {
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, {
      url: e.request.url,
      type: e.type,
      // Epoch ms, so it compares with the page's performance.timeOrigin + now.
      startEpoch: e.wallTime * 1000,
      transfer: 0,
      decoded: 0,
      done: false,
    });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.type = e.type;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.transfer = e.encodedDataLength;
    r.done = true;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.done = true;
  });
  // Each run has a fresh browser context, so its HTTP cache starts empty.
  await cdp.send('Network.enable');
  return {
    requests,
    /**
     * Sums the requests started before `untilEpoch` (after letting them finish,
     * up to 5 s): { js, css, all, jsDecoded, cssDecoded, count } in bytes.
     */
    async summarize(untilEpoch) {
      const chosen = () => [...requests.values()].filter((r) => r.startEpoch <= untilEpoch);
      const deadline = Date.now() + 5000;
      while (chosen().some((r) => !r.done) && Date.now() < deadline) await sleep(50);
      const list = chosen();
      const of = (type, key) => list.filter((r) => r.type === type).reduce((a, r) => a + r[key], 0);
      return {
        js: of('Script', 'transfer'),
        css: of('Stylesheet', 'transfer'),
        jsDecoded: of('Script', 'decoded'),
        cssDecoded: of('Stylesheet', 'decoded'),
        all: list.reduce((a, r) => a + r.transfer, 0),
        count: list.length,
        scripts: list.filter((r) => r.type === 'Script').length,
      };
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
