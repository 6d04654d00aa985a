/**
 * Gzip budgets for what the built console makes a browser download, in KB of 1024 bytes
 * (checked by scripts/size-budget.mjs in `npm test` and `npm run size`).
 */
export default {
  /** The first view: index.html's JS and CSS and everything they import statically (64.6). */
  firstView: 70,
  /**
   * What opening each lazy chunk adds to the first view (its JS, its CSS and the lazy chunks it
   * imports), by the chunk's name; a little above the 2026-12 build, shown in the comments.
   */
  views: {
    // 42.3: the transcripts, outbox and drafts moved here out of the first view.
    SessionView: 46,
    SessionsView: 4.5, // 3.9
    WallView: 5.5, // 4.8
    // 30.9: uPlot 1.6.32 (~21.5 KB gzip with its CSS) is most of it, loaded only on /usage.
    UsageView: 35.5, // 35.1 with the budget settings
    // 13.0: the triage (one snapshot reader per signal, reusing the approvals, cron and nodes
    // validators) and its catalogue.
    FleetView: 13.5,
    ApprovalsView: 14.5, // 13.3
    LogsView: 8.5, // 7.9
    CronView: 13, // 12.1
    NodesView: 9.5, // 8.5
    SearchView: 5.5, // 5.0
    CommandPalette: 3, // 2.8
    'identity-fallback': 9, // 7.8, only where WebCrypto has no Ed25519
  },
};
