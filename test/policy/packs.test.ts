import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PACKS } from "../../policypacks/controls/types";
import { PACKS_DIR } from "../../tools/policy/packs";
import { nonEmpty } from "../harness/non-empty";

const ROOT = path.resolve(__dirname, "..", "..");
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    workspaces: string[];
};

describe.each(PACKS)("policy pack %s as the CLI loads it", (pack) => {
    const dir = path.join(PACKS_DIR, pack);

    test("has a nodejs PulumiPolicy.yaml and a versioned package.json", () => {
        const manifest = parse(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")) as { runtime: string; description: string };
        expect(manifest.runtime).toBe("nodejs");
        expect(manifest.description.length).toBeGreaterThan(20);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
            version: string;
            dependencies: Record<string, string>;
        };
        expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
        for (const [dep, version] of nonEmpty(Object.entries(pkg.dependencies)))
            expect({ dep, version }).toEqual({ dep, version: rootPackage.dependencies[dep] });
    });

    test("is an npm workspace, so `npm ci` at the root installs what `pulumi preview --policy-pack` needs", () => {
        expect(rootPackage.workspaces).toContain(`policypacks/${pack}`);
        for (const dep of ["@pulumi/policy", "@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes"]) {
            expect(() => require.resolve(dep, { paths: [dir] })).not.toThrow();
        }
    });

    test("index.ts only constructs the PolicyPack from the exported list", () => {
        const source = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
        expect(source).toContain(`new PolicyPack("${pack}", {`);
        const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
        expect(imports).toEqual(["@pulumi/policy", "./policies"]);
    });
});
