import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PACKS } from "../../policypacks/controls/types";
import { bundlePack } from "../../tools/packs/bundle";
import { ENTRY_BUNDLE, packDir, POLICIES_BUNDLE, readPackManifest, REPO_ROOT, SHRINKWRAP_FILE } from "../../tools/packs/layout";
import { dependencyProblems } from "../../tools/packs/manifest-check";
import { PACK_POLICIES } from "../../tools/policy/packs";
import { analyzerInfo } from "./analyzer-calls";
import { startPolicyHost } from "./policy-host";
import { nonEmpty } from "../harness/non-empty";

/**
 * A pack directory on a checkout, after `npm ci` (whose `prepare` bundles the packs), as
 * `pulumi preview --policy-pack policypacks/<pack>` uses it.
 */
const rootPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    workspaces: string[];
    scripts: Record<string, string>;
};

describe.each(PACKS)("policy pack %s on a checkout", (pack) => {
    const dir = packDir(pack);
    const manifest = readPackManifest(dir);

    test("PulumiPolicy.yaml names the nodejs runtime and describes the pack", () => {
        const policyProject = parse(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")) as {
            runtime: string;
            description: string;
        };
        expect(policyProject.runtime).toBe("nodejs");
        expect(policyProject.description.length).toBeGreaterThan(20);
    });

    test("package.json: main is the bundle, files ship it with the config and PulumiPolicy.yaml, prepack builds it", () => {
        expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(manifest.main).toBe(ENTRY_BUNDLE);
        expect([...manifest.files].sort()).toEqual(["PulumiPolicy.yaml", "config/", "dist/", SHRINKWRAP_FILE].sort());
        expect(manifest.scripts["prepack"]).toBe(`tsx ../../tools/packs/build.ts --shrinkwrap ${pack}`);
        expect(manifest.scripts["postpack"]).toBe(`tsx ../../tools/packs/build.ts --clean ${pack}`);
        // `npm install` in an unpacked pack runs `prepare` and install scripts of the root package: it has none.
        expect(Object.keys(manifest.scripts).sort()).toEqual(["postpack", "prepack"]);
    });

    test("its dependencies are exactly the npm packages the bundle requires (plus the host's SDK), at the root's exact versions", async () => {
        const bundle = await bundlePack(pack, false);
        expect(bundle.externalPackages).toContain("@pulumi/policy");
        expect(dependencyProblems(manifest, bundle.externalPackages)).toEqual([]);
        for (const [dep, version] of nonEmpty(Object.entries(manifest.dependencies)))
            expect({ dep, version }).toEqual({ dep, version: rootPackage.dependencies[dep] });
    });

    test("the bundle is built from the pack, policypacks/lib, policypacks/controls and core/ only: no Pulumi program code", async () => {
        const { inputs } = await bundlePack(pack, false);
        expect(inputs).toContain(`policypacks/${pack}/policies.ts`);
        expect(inputs).toContain("policypacks/lib/define.ts");
        expect(inputs.some((i) => i.startsWith("core/"))).toBe(true);
        const foreign = inputs.filter((i) => !/^(core|policypacks\/(lib|controls|[a-z-]+-hardening))\//.test(i));
        expect(foreign).toEqual([]);
        expect(
            inputs.filter((i) => i.startsWith("policypacks/") && i.includes("-hardening/") && !i.startsWith(`policypacks/${pack}/`)),
        ).toEqual([]);
    });

    test("dist/ holds what the sources build to now (npm ci's prepare built it; rebuild with npm run build:packs)", async () => {
        const { outputs } = await bundlePack(pack, false);
        expect(outputs.map((o) => path.relative(dir, o.path)).sort()).toEqual(
            [ENTRY_BUNDLE, `${ENTRY_BUNDLE}.map`, POLICIES_BUNDLE, `${POLICIES_BUNDLE}.map`].sort(),
        );
        for (const output of nonEmpty(outputs)) {
            expect({
                file: path.relative(REPO_ROOT, output.path),
                upToDate: fs.existsSync(output.path) && fs.readFileSync(output.path).equals(Buffer.from(output.contents)),
            }).toEqual({
                file: path.relative(REPO_ROOT, output.path),
                upToDate: true,
            });
        }
    });

    test("npm ci installs its dependencies where the CLI resolves them from the pack directory (an npm workspace)", () => {
        expect(rootPackage.workspaces).toContain(`policypacks/${pack}`);
        expect(rootPackage.scripts["prepare"]).toBe("npm run build:packs");
        for (const dep of [...Object.keys(manifest.dependencies), "@pulumi/pulumi/cmd/run-policy-pack"]) {
            expect(() => require.resolve(dep, { paths: [dir] })).not.toThrow();
        }
    });

    test("the CLI's policy host loads the directory and serves the pack's name, version and every policy", async () => {
        const host = await startPolicyHost(dir, 180_000);
        try {
            const info = await analyzerInfo(host.client);
            const expected = PACK_POLICIES[pack].map((p) => p.name);
            expect(expected.length).toBeGreaterThan(5);
            expect({ name: info.name, version: info.version, supportsConfig: info.supportsConfig }).toEqual({
                name: pack,
                version: manifest.version,
                supportsConfig: true,
            });
            expect(info.policies.map((p) => p.name)).toEqual(expected);
            expect(new Set(info.policies.map((p) => p.enforcementLevel))).toEqual(new Set(["mandatory"]));
        } finally {
            await host.stop();
        }
    }, 240_000);
});
