// The replay viewer's Node side: the `view` command and its server.
export { viewCommand } from './cli/view-command.js';
export { startViewServer } from './server/view-server.js';
export { insideFolder } from './server/inside-folder.js';
export type { ViewServer } from './server/view-server.js';
export { listRun, RunListingError } from './server/run-listing.js';
export type { RunListing } from './server/run-listing.js';
export { ensureViewerBuild, DIST_DIR } from './server/ensure-build.js';
