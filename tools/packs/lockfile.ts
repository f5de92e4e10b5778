import * as path from "path";

/**
 * The lock file a published pack carries (npm-shrinkwrap.json), cut from the repository's
 * package-lock.json: exactly the packages the pack's dependencies resolve to in the tested install,
 * at the same versions, tarball addresses and integrity hashes. `npm install` in the unpacked pack
 * (what the Pulumi CLI runs after downloading a published pack) then installs that tree and needs
 * no registry metadata, which is also what lets the publish test install offline from the npm cache.
 */
export interface LockEntry {
    readonly name?: string;
    readonly version?: string;
    readonly resolved?: string;
    readonly integrity?: string;
    readonly link?: boolean;
    readonly dev?: boolean;
    readonly optional?: boolean;
    readonly devOptional?: boolean;
    readonly peer?: boolean;
    readonly dependencies?: Readonly<Record<string, string>>;
    readonly optionalDependencies?: Readonly<Record<string, string>>;
    readonly peerDependencies?: Readonly<Record<string, string>>;
    readonly peerDependenciesMeta?: Readonly<Record<string, { optional?: boolean }>>;
    readonly [field: string]: unknown;
}

export interface Lockfile {
    readonly name?: string;
    readonly version?: string;
    readonly lockfileVersion: number;
    readonly requires?: boolean;
    readonly packages: Readonly<Record<string, LockEntry>>;
}

export class LockfileError extends Error {}

/** Where node would find `name` when required from the package at `from` (a lock-file location). */
export function resolveLocation(lock: Lockfile, from: string, name: string): string | undefined {
    let dir = from;
    for (;;) {
        const candidate = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
        if (lock.packages[candidate]) return candidate;
        if (dir === "") return undefined;
        const parent = path.posix.dirname(dir);
        dir = parent === "." ? "" : parent;
    }
}

interface Edge {
    readonly name: string;
    readonly optional: boolean;
}

function edgesOf(entry: LockEntry): Edge[] {
    const required = Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false }));
    const optional = Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true }));
    const peers = Object.keys(entry.peerDependencies ?? {}).map((name) => ({
        name,
        optional: entry.peerDependenciesMeta?.[name]?.optional === true,
    }));
    return [...required, ...optional, ...peers];
}

/** Every location reachable from `start`; with `requiredOnly`, through non-optional edges only. */
function reachable(lock: Lockfile, start: string, requiredOnly: boolean): Set<string> {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
        const location = queue.shift() as string;
        for (const edge of edgesOf(lock.packages[location])) {
            if (requiredOnly && edge.optional) continue;
            const target = resolveLocation(lock, location, edge.name);
            if (target === undefined) {
                if (edge.optional) continue;
                throw new LockfileError(`${location || "(root)"} needs ${edge.name}, which the lock file does not hold`);
            }
            if (lock.packages[target].link) throw new LockfileError(`${location} needs ${edge.name}, a linked workspace package`);
            if (!seen.has(target)) {
                seen.add(target);
                queue.push(target);
            }
        }
    }
    return seen;
}

const DEPENDENCY_FLAGS = ["dev", "optional", "devOptional", "peer"] as const;

/** The lock file of the workspace package at `workspace` (e.g. "policypacks/cluster-hardening") installed on its own. */
export function standaloneLockfile(lock: Lockfile, workspace: string): Lockfile {
    const root = lock.packages[workspace];
    if (!root) throw new LockfileError(`the lock file has no workspace ${workspace}`);
    const all = reachable(lock, workspace, false);
    const required = reachable(lock, workspace, true);
    const packages: Record<string, LockEntry> = {
        "": { name: root.name, version: root.version, license: root.license, dependencies: root.dependencies },
    };
    for (const location of [...all].sort()) {
        // A copy nested under the workspace's own node_modules moves to the top of the standalone tree.
        const target = location.startsWith(`${workspace}/`) ? location.slice(workspace.length + 1) : location;
        if (packages[target]) throw new LockfileError(`${location} and another package both land at ${target}`);
        const entry: Record<string, unknown> = { ...lock.packages[location] };
        for (const flag of DEPENDENCY_FLAGS) delete entry[flag];
        if (!required.has(location)) entry["optional"] = true;
        packages[target] = entry as LockEntry;
    }
    return { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages };
}
