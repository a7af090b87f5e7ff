/** The project folder (where package.json is). */
export declare const ROOT: string;
/** dist/src/cli.js: what bin/iop-bot.js runs when the build is fresh. */
export declare const DIST_ENTRY: string;
/** dist/.built: written last by the build, dated to when it started. */
export declare const STAMP: string;
/** True when `root`/dist was built from the sources as they are now. */
export declare function isBuildFresh(root?: string): boolean;
