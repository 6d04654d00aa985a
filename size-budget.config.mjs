/**
 * Gzip budgets for what the built console makes a browser download, in KB of 1024 bytes
 * (checked by scripts/size-budget.mjs in `npm test` and `npm run size`).
 */
export default {
  /**
   * The first view: index.html's JS and CSS and everything they import statically or preload
   * (61.7 as one chunk; 63.5 since it is two, the connection's modules and then the app, so the
   * socket opens before the app is evaluated, two files compressing about 1.5 KB worse, and
   * since a page opened at its own address fetches its view beside the app; 64.4 with the
   * gateway's basePath, the phones' one-row status bar and the channel watchdog's attention
   * line); 65.6 with the socket worker's page side, which keeps a frame flood off the main
   * thread and hands a batch over in slices). The issue's ceiling is 70, held tighter so growth
   * is noticed while it is small.
   */
  firstView: 66,
  /**
   * What opening each lazy chunk adds to the first view (its JS, its CSS and the lazy chunks it
   * imports), by the chunk's name; a little above the 2026-12 build, shown in the comments.
   */
  views: {
    // 48.3: the transcripts, the kept outbox, per-tab drafts, streaming markdown and the session
    // page's strings, out of the first view. 50.0 with the full-height session page and the
    // transcript's stable keys (no layout per streaming delta).
    SessionView: 50.5,
    SessionsView: 5, // 4.6
    // 7.2: the wall's texts and options are now a chunk the fleet wall shares (5.9 as one file).
    WallView: 7.5,
    // 2.8: the connect form, which a returning operator never sees.
    ConnectView: 3.2,
    // 2.1: the title badge and notification watcher with its texts, fetched just after.
    // 3.1 with "a session I watch" (its store and notices).
    alerts: 3.4,
    // 30.9: uPlot 1.6.32 (~21.5 KB gzip with its CSS) is most of it, loaded only on /usage.
    UsageView: 37, // 36.3 with the budget settings and the opt-in pause at the limit
    // 13.0: the triage (one snapshot reader per signal, reusing the approvals, cron and nodes
    // validators) and its catalogue. 14.6 with the registry of fleet gateways that decisions go
    // to, and the chunks it now shares with the lazy deciding-in-place (FleetAsks, 18.2).
    FleetView: 15.5, // 15.0: the signals' words are shared with the fleet wall
    // 14.2; 15.1 with its catalogue, question form and decision core in chunks shared with the
    // fleet's deciding in place.
    ApprovalsView: 15.5,
    LogsView: 8.5, // 7.9
    CronView: 13, // 12.1
    NodesView: 9.5, // 8.5
    SearchView: 5.5, // 5.0
    ActivityView: 8, // 7.4
    WallTicker: 4, // 3.6, only on a wall with ?ticker=1
    // 16.7: the fleet's connections and triage (as the fleet view), only on a wall with ?fleet=
    WallFleet: 17.5,
    CommandPalette: 3, // 2.8
    // 3.7: the overview's folded forms (system event, channel send, alerts, diagnostics).
    OverviewTools: 4.2,
    ShortcutHelp: 1.4, // 1.1, on the first ? or Shortcuts press
    LinkPrompt: 2.3, // 2.0, only when a link proposes a gateway or carries something to warn of
    'identity-fallback': 9, // 7.8, only where WebCrypto has no Ed25519
  },
};
