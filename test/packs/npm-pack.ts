import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { childEnvironment } from "./child-env";

/**
 * What `pulumi policy publish` and a consumer do with a pack directory, with npm as the CLI runs it:
 * `npm pack --loglevel=error` in the pack directory (the CLI reads the tarball's file name from its
 * standard output), then, on the consumer's side, unpack the tarball and `npm install` in it.
 */
const run = promisify(execFile);

export interface PackedTarball {
    /** What `npm pack --loglevel=error` printed on standard output, trimmed. */
    readonly reportedName: string;
    /** Where the tarball is now (moved out of the repository). */
    readonly file: string;
}

/** Packs `packDirectory` as the CLI's publish does and moves the tarball into `destination`. */
export async function packAsPublishDoes(packDirectory: string, destination: string): Promise<PackedTarball> {
    const { stdout } = await run("npm", ["pack", "--loglevel=error"], { cwd: packDirectory, env: childEnvironment(), maxBuffer: 1 << 24 });
    const reportedName = stdout.trim();
    const produced = path.join(packDirectory, path.basename(reportedName));
    const file = path.join(destination, path.basename(reportedName));
    if (fs.existsSync(produced)) fs.renameSync(produced, file);
    return { reportedName, file };
}

/** Unpacks a tarball as the CLI does after downloading a published pack: the files are under package/. */
export async function unpack(tarball: string, into: string): Promise<string> {
    fs.mkdirSync(into, { recursive: true });
    await run("tar", ["-xzf", tarball, "-C", into]);
    return path.join(into, "package");
}

/** `npm install` in the unpacked pack, from the npm cache only (no registry). */
export async function installOffline(directory: string): Promise<void> {
    await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], {
        cwd: directory,
        env: childEnvironment(),
        maxBuffer: 1 << 24,
    });
}

export function filesUnder(directory: string): string[] {
    return fs
        .readdirSync(directory, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
        .sort();
}
