import { list, record } from "./objects";

/**
 * The cluster's own registry gates, read back from the objects that hold them:
 * - the trusted-registry rule of a ValidatingAdmissionPolicy, in the form core/admission-cel.ts writes
 *   (`[<prefixes>].exists(p, c.image.startsWith(p))`);
 * - the image globs of a Sigstore ClusterImagePolicy (`spec.images[].glob`; "**" crosses "/", "*" and "?"
 *   do not), which say which images its authorities verify.
 */
const PREFIX_LIST = /\[((?:\s*"(?:[^"\\]|\\.)*"\s*,?)*)\]\.exists\(\s*(\w+)\s*,\s*\w+\.image\.startsWith\(\s*\2\s*\)\s*\)/g;

/** The registry prefixes of every trusted-registry rule in a ValidatingAdmissionPolicy's validations. */
export function admittedPrefixes(validations: readonly unknown[]): { found: boolean; prefixes: string[] } {
    const prefixes: string[] = [];
    let found = false;
    for (const v of validations) {
        const expression = record(v)?.["expression"];
        if (typeof expression !== "string") continue;
        for (const match of expression.matchAll(PREFIX_LIST)) {
            found = true;
            try {
                prefixes.push(...(JSON.parse(`[${match[1]}]`) as string[]));
            } catch {
                // Not JSON string literals after all: the caller reports the rule as unreadable through `found`.
            }
        }
    }
    return { found, prefixes };
}

/** A ClusterImagePolicy's `spec.images[].glob` as anchored regular expressions. */
export function imageGlobs(spec: Record<string, unknown>): { globs: string[]; patterns: RegExp[] } {
    const globs: string[] = [];
    const patterns: RegExp[] = [];
    for (const image of list<unknown>(spec["images"])) {
        const entry = record(image) ?? {};
        if (typeof entry["glob"] === "string") {
            globs.push(entry["glob"]);
            patterns.push(globToRegExp(entry["glob"]));
        } else if (typeof entry["regex"] === "string") {
            globs.push(`regex ${entry["regex"]}`);
            try {
                patterns.push(new RegExp(entry["regex"]));
            } catch {
                // An invalid regex verifies nothing.
            }
        }
    }
    return { globs, patterns };
}

export function globToRegExp(glob: string): RegExp {
    let source = "";
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === "*" && glob[i + 1] === "*") {
            source += ".*";
            i++;
        } else if (c === "*") source += "[^/]*";
        else if (c === "?") source += "[^/]";
        else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    return new RegExp(`^${source}$`);
}

/**
 * Whether images below a registry prefix are all matched by the patterns: tested on an image directly
 * under it and two levels down, with a tag.
 */
export function coversRegistry(patterns: readonly RegExp[], prefix: string): boolean {
    const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
    const probes = [`${base}image`, `${base}team/image`, `${base}team/sub/image`];
    return probes.every((probe) => patterns.some((p) => p.test(probe)));
}
