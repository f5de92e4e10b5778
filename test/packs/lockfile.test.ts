import * as fs from "fs";
import * as path from "path";
import { PACKS } from "../../policypacks/controls/types";
import { packDir, readPackManifest, REPO_ROOT } from "../../tools/packs/layout";
import { Lockfile, LockfileError, resolveLocation, standaloneLockfile } from "../../tools/packs/lockfile";
import { nonEmpty } from "../harness/non-empty";

/** A workspace "ws" that needs a (which needs b, nested under it, and optionally c) and a peer-needing d. */
const WORKSPACE_LOCK: Lockfile = {
    lockfileVersion: 3,
    packages: {
        "": { name: "root", dependencies: { a: "1.0.0", dev: "1.0.0" } },
        ws: { name: "ws", version: "2.0.0", dependencies: { a: "1.0.0", d: "1.0.0" } },
        "node_modules/ws": { resolved: "ws", link: true },
        "node_modules/a": {
            version: "1.0.0",
            integrity: "sha512-a",
            dependencies: { b: "^2" },
            optionalDependencies: { c: "1", gone: "1" },
        },
        "node_modules/a/node_modules/b": { version: "2.1.0", integrity: "sha512-b2" },
        "node_modules/b": { version: "1.0.0", integrity: "sha512-b1", dev: true },
        "node_modules/c": { version: "1.0.0", integrity: "sha512-c", devOptional: true },
        "node_modules/dev": { version: "1.0.0", integrity: "sha512-dev", dev: true },
        "ws/node_modules/d": { version: "1.0.0", integrity: "sha512-d", peerDependencies: { b: "^1" } },
    },
};

describe("standalone lock file of a workspace", () => {
    test("node's resolution: the nearest node_modules up the tree", () => {
        expect(resolveLocation(WORKSPACE_LOCK, "node_modules/a", "b")).toBe("node_modules/a/node_modules/b");
        expect(resolveLocation(WORKSPACE_LOCK, "ws/node_modules/d", "b")).toBe("node_modules/b");
        expect(resolveLocation(WORKSPACE_LOCK, "ws", "d")).toBe("ws/node_modules/d");
        expect(resolveLocation(WORKSPACE_LOCK, "ws", "missing")).toBeUndefined();
    });

    test("holds exactly what the workspace reaches, moved to the top, with dev flags dropped and optional ones kept", () => {
        const lock = standaloneLockfile(WORKSPACE_LOCK, "ws");
        expect(lock.packages).toEqual({
            "": { name: "ws", version: "2.0.0", license: undefined, dependencies: { a: "1.0.0", d: "1.0.0" } },
            "node_modules/a": WORKSPACE_LOCK.packages["node_modules/a"],
            "node_modules/a/node_modules/b": WORKSPACE_LOCK.packages["node_modules/a/node_modules/b"],
            "node_modules/b": { version: "1.0.0", integrity: "sha512-b1" },
            "node_modules/c": { version: "1.0.0", integrity: "sha512-c", optional: true },
            "node_modules/d": WORKSPACE_LOCK.packages["ws/node_modules/d"],
        });
    });

    test("a required package missing from the lock file is an error, not a silently smaller install", () => {
        const packages = Object.fromEntries(
            Object.entries(WORKSPACE_LOCK.packages).filter(([location]) => !location.endsWith("node_modules/b")),
        );
        const withoutB: Lockfile = { ...WORKSPACE_LOCK, packages };
        expect(() => standaloneLockfile(withoutB, "ws")).toThrow(LockfileError);
        expect(() => standaloneLockfile(withoutB, "ws")).toThrow("node_modules/a needs b");
    });

    test.each(PACKS)("the repository's lock file yields one for %s with every dependency, each with an integrity hash", (pack) => {
        const rootLock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as Lockfile;
        const lock = standaloneLockfile(rootLock, `policypacks/${pack}`);
        const manifest = readPackManifest(packDir(pack));
        const entries = Object.entries(lock.packages).filter(([location]) => location !== "");
        expect(entries.length).toBeGreaterThan(50);
        for (const [dep, version] of nonEmpty(Object.entries(manifest.dependencies)))
            expect(lock.packages[`node_modules/${dep}`]?.version).toBe(version);
        expect(entries.filter(([, entry]) => typeof entry.integrity !== "string" || entry.link || entry.dev).map(([l]) => l)).toEqual([]);
    });
});
