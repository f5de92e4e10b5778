import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PACKS, PackName } from "../../policypacks/controls/types";
import { bundlePack } from "./bundle";
import { packDir, readPackManifest, REPO_ROOT, SHRINKWRAP_FILE } from "./layout";
import { Lockfile, standaloneLockfile } from "./lockfile";
import { dependencyProblems } from "./manifest-check";

/**
 * npm run build:packs                          bundle every pack into policypacks/<pack>/dist/ (root `prepare`)
 * tsx tools/packs/build.ts --shrinkwrap PACK   also write the pack's npm-shrinkwrap.json (its `prepack`)
 * tsx tools/packs/build.ts --clean PACK        remove that npm-shrinkwrap.json again (its `postpack`)
 * Prints nothing on success: `pulumi policy publish` reads `npm pack`'s standard output as the
 * tarball's file name.
 */
async function buildPack(pack: PackName, shrinkwrap: boolean): Promise<void> {
    const dir = packDir(pack);
    const bundle = await bundlePack(pack, true);
    const problems = dependencyProblems(readPackManifest(dir), bundle.externalPackages);
    if (problems.length > 0) throw new Error(`policypacks/${pack}/package.json:\n  ${problems.join("\n  ")}`);
    if (shrinkwrap) {
        const rootLock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as Lockfile;
        const lock = standaloneLockfile(rootLock, `policypacks/${pack}`);
        fs.writeFileSync(path.join(dir, SHRINKWRAP_FILE), `${JSON.stringify(lock, null, 2)}\n`);
    }
}

function isPack(name: string): name is PackName {
    return (PACKS as readonly string[]).includes(name);
}

async function main(argv: string[]): Promise<void> {
    const { values, positionals } = parseArgs({
        args: argv,
        options: { shrinkwrap: { type: "boolean", default: false }, clean: { type: "boolean", default: false } },
        allowPositionals: true,
    });
    const unknown = positionals.filter((p) => !isPack(p));
    if (unknown.length > 0) throw new Error(`unknown pack(s) ${unknown.join(", ")}; allowed: ${PACKS.join(", ")}`);
    const packs = positionals.length > 0 ? positionals.filter(isPack) : [...PACKS];
    for (const pack of packs) {
        if (values.clean) fs.rmSync(path.join(packDir(pack), SHRINKWRAP_FILE), { force: true });
        else await buildPack(pack, values.shrinkwrap);
    }
}

main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`build:packs: ${(e as Error).message}\n`);
    process.exit(1);
});
