import * as fs from "fs";
import * as path from "path";
import { PackName } from "../../policypacks/controls/types";

/**
 * Where a pack's files are and what its package.json declares. A pack directory is what the Pulumi
 * CLI loads (`--policy-pack DIR`) and what `pulumi policy publish` packs with `npm pack`.
 */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export function packDir(pack: PackName): string {
    return path.join(REPO_ROOT, "policypacks", pack);
}

/** The bundles the build writes, relative to the pack directory. */
export const DIST_DIR = "dist";
export const ENTRY_BUNDLE = `${DIST_DIR}/index.js`;
export const POLICIES_BUNDLE = `${DIST_DIR}/policies.js`;
/** Written at pack time only (prepack), removed again after (postpack). */
export const SHRINKWRAP_FILE = "npm-shrinkwrap.json";

/** The name under which each pack's policies.ts exports its policy list. */
export const POLICY_LIST_EXPORT: Readonly<Record<PackName, string>> = {
    "cluster-hardening": "CLUSTER_HARDENING_POLICIES",
    "kubernetes-hardening": "KUBERNETES_HARDENING_POLICIES",
};

/**
 * npm packages a pack declares beyond what its bundle imports: the CLI's policy host runs
 * `@pulumi/pulumi/cmd/run-policy-pack`, resolved from the pack directory, so the SDK must be installed
 * there at the version the pack was tested with.
 */
export const HOST_DEPENDENCIES: readonly string[] = ["@pulumi/pulumi"];

export interface PackManifest {
    readonly name: string;
    readonly version: string;
    readonly main: string;
    readonly files: readonly string[];
    readonly scripts: Readonly<Record<string, string>>;
    readonly dependencies: Readonly<Record<string, string>>;
    readonly devDependencies?: Readonly<Record<string, string>>;
}

export function readPackManifest(dir: string): PackManifest {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as PackManifest;
}
