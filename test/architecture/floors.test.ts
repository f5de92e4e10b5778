import * as fs from "fs";
import * as path from "path";

/**
 * The house's floors (ARCHITECTURE.md): `core/` holds pure helpers and vocabularies and imports nothing
 * of ours and no Pulumi SDK; the policy packs stand on `core/` and their own `lib/` and `controls/`,
 * never on `components/` or `config/`, so that a pack directory can be shipped on its own.
 */
const ROOT = path.resolve(__dirname, "..", "..");

function tsFilesUnder(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "dist") out.push(...tsFilesUnder(rel));
        } else if (entry.name.endsWith(".ts")) {
            out.push(rel);
        }
    }
    return out;
}

/** Every module specifier a file imports or requires, resolved to a repository path when relative. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const specs = [...text.matchAll(/(?:from\s+|require\(|import\()["']([^"']+)["']/g)].map((m) => m[1]);
    return specs.map((s) => (s.startsWith(".") ? path.normalize(path.join(path.dirname(file), s)) : s));
}

describe("floors", () => {
    const coreFiles = tsFilesUnder("core");
    const packFiles = tsFilesUnder("policypacks");

    test("there is a ground floor and the packs have files to check", () => {
        expect(coreFiles.length).toBeGreaterThan(3);
        expect(packFiles.length).toBeGreaterThan(20);
    });

    test("core/ imports only core/ and plain npm packages, never the Pulumi SDK", () => {
        const offending = coreFiles.flatMap((file) =>
            importsOf(file)
                .filter((spec) => spec.startsWith("@pulumi/") || /^(components|config|policypacks|tools|test)\//.test(spec))
                .map((spec) => `${file} -> ${spec}`),
        );
        expect(offending).toEqual([]);
    });

    test("the policy packs never import components/ or config/", () => {
        const offending = packFiles.flatMap((file) =>
            importsOf(file)
                .filter((spec) => /^(components|config|tools|test)\//.test(spec) || spec === "stack" || spec === "index")
                .map((spec) => `${file} -> ${spec}`),
        );
        expect(offending).toEqual([]);
    });
});
