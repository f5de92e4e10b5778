import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { build, Metafile, OutputFile, Plugin } from "esbuild";
import { PackName } from "../../policypacks/controls/types";
import { DIST_DIR, packDir, REPO_ROOT } from "./layout";

/**
 * Bundles a pack into policypacks/<pack>/dist/: `policies.js` holds the policy list with everything
 * it imports from this repository (the pack's own files, policypacks/lib, policypacks/controls,
 * core/), and `index.js` only constructs the PolicyPack from `./policies`. npm packages stay
 * external: the pack's package.json declares them and the consumer installs them.
 */
export interface PackBundle {
    readonly outputs: readonly OutputFile[];
    /** Repository files compiled into the bundle, relative to the repository root. */
    readonly inputs: readonly string[];
    /** npm packages the bundle requires at run time (package names, no subpaths), sorted. */
    readonly externalPackages: readonly string[];
}

export class PackBundleError extends Error {}

/** The repository directories a pack may be built from: never components/, config/ or another pack. */
export function allowedInputPrefixes(pack: PackName): string[] {
    return ["core/", "policypacks/lib/", "policypacks/controls/", `policypacks/${pack}/`];
}

/** "@pulumi/azure-native/containerservice" → "@pulumi/azure-native"; "yaml" → "yaml". */
export function packageNameOf(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** index.ts imports the policy list from the sibling bundle instead of compiling it a second time. */
function policiesStayBeside(entry: string): Plugin {
    return {
        name: "policies-stay-beside",
        setup(b) {
            b.onResolve({ filter: /^\.\/policies$/ }, (args) =>
                path.resolve(args.importer) === entry ? { path: "./policies", external: true } : undefined,
            );
        },
    };
}

function externalsOf(metafile: Metafile): string[] {
    const names = Object.values(metafile.outputs).flatMap((o) =>
        o.imports.filter((i) => i.external && !i.path.startsWith(".") && !builtins.has(i.path)).map((i) => packageNameOf(i.path)),
    );
    return [...new Set(names)].sort();
}

async function bundleEntry(pack: PackName, file: "index.ts" | "policies.ts") {
    const dir = packDir(pack);
    const entry = path.join(dir, file);
    return build({
        absWorkingDir: REPO_ROOT,
        entryPoints: [entry],
        outdir: path.join(dir, DIST_DIR),
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        packages: "external",
        sourcemap: true,
        sourcesContent: false,
        metafile: true,
        write: false,
        logLevel: "silent",
        plugins: [policiesStayBeside(entry)],
    });
}

/**
 * Writes a bundle file only when its content changed, through a rename: a pack being loaded (a test,
 * a running preview) never reads a half-written file, and an unchanged build touches nothing.
 */
function writeIfChanged(output: OutputFile): void {
    if (fs.existsSync(output.path) && fs.readFileSync(output.path).equals(Buffer.from(output.contents))) return;
    fs.mkdirSync(path.dirname(output.path), { recursive: true });
    const temporary = `${output.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, output.contents);
    fs.renameSync(temporary, output.path);
}

/** Builds both bundles of a pack, checks what went into them, and writes them to dist/ when `write` is set. */
export async function bundlePack(pack: PackName, write: boolean): Promise<PackBundle> {
    const results = [await bundleEntry(pack, "policies.ts"), await bundleEntry(pack, "index.ts")];
    const inputs = results.flatMap((r) => Object.keys(r.metafile.inputs)).sort();
    const allowed = allowedInputPrefixes(pack);
    const foreign = inputs.filter((input) => !allowed.some((prefix) => input.startsWith(prefix)));
    if (foreign.length > 0) {
        throw new PackBundleError(`${pack}: the bundle may only contain ${allowed.join(", ")}; it pulled in ${foreign.join(", ")}`);
    }
    const outputs = results.flatMap((r) => r.outputFiles);
    if (write) outputs.forEach(writeIfChanged);
    return {
        outputs,
        inputs,
        externalPackages: [...new Set(results.flatMap((r) => externalsOf(r.metafile)))].sort(),
    };
}
