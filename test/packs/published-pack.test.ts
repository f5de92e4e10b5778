import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Policy } from "@pulumi/policy";
import { PACKS, PackName } from "../../policypacks/controls/types";
import { CapturedResource } from "../../tools/mock/captured";
import { ENTRY_BUNDLE, packDir, POLICY_LIST_EXPORT, readPackManifest, REPO_ROOT, SHRINKWRAP_FILE } from "../../tools/packs/layout";
import { Lockfile } from "../../tools/packs/lockfile";
import { evaluatePacks, Outcome, PackConfig } from "../../tools/policy/evaluate";
import { PACK_POLICIES, readPackConfig } from "../../tools/policy/packs";
import { runStack } from "../harness";
import { analyze, analyzerInfo, analyzeStack, configure, Diagnostic, grpcCode, handshake, pluginVersion } from "./analyzer-calls";
import { expectedDiagnostics, receivedDiagnostics, resolvedConfig } from "./expected-diagnostics";
import { filesUnder, installOffline, packAsPublishDoes, unpack } from "./npm-pack";
import { startPolicyHost } from "./policy-host";
import { nonEmpty } from "../harness/non-empty";

/**
 * Each pack as an organisation publishes it (`pulumi policy publish` runs `npm pack` in the pack
 * directory) and as the CLI installs it for a stack (unpack, `npm install`): packed here, unpacked in
 * an empty folder outside the repository, installed offline from the npm cache that the root
 * `npm ci` filled (the tarball carries a lock file, so no registry metadata is needed), then
 * (a) its policy list judges captured stacks through the in-process evaluator exactly as the
 * in-repo pack does, and (b) the CLI's policy host starts it from that folder and, over gRPC,
 * reports it and returns the same verdicts.
 */
const SCRATCH = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-cluster-published-"));

interface Published {
    readonly reportedName: string;
    readonly shippedFiles: readonly string[];
    readonly dir: string;
    readonly seconds: number;
}

const published = new Map<PackName, Published>();
const stacks = new Map<string, readonly CapturedResource[]>();

async function publishAndInstall(pack: PackName): Promise<Published> {
    const started = Date.now();
    const tarball = await packAsPublishDoes(packDir(pack), SCRATCH);
    const dir = await unpack(tarball.file, path.join(SCRATCH, pack));
    const shippedFiles = filesUnder(dir);
    await installOffline(dir);
    return { reportedName: tarball.reportedName, shippedFiles, dir, seconds: (Date.now() - started) / 1000 };
}

/** The mock engine runs one program at a time; the npm work runs beside it in child processes. */
async function captureStacks(): Promise<void> {
    for (const stack of ["aws-prod", "aws-dev"]) stacks.set(stack, (await runStack(stack)).resources);
}

beforeAll(async () => {
    const [packs] = await Promise.all([
        Promise.all(PACKS.map(async (pack) => [pack, await publishAndInstall(pack)] as const)),
        captureStacks(),
    ]);
    for (const [pack, result] of packs) published.set(pack, result);
}, 600_000);

afterAll(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

function publishedPack(pack: PackName): Published {
    const result = published.get(pack);
    if (!result) throw new Error(`${pack} was not published`);
    return result;
}

function capturedStack(stack: string): readonly CapturedResource[] {
    const resources = stacks.get(stack);
    if (!resources || resources.length === 0) throw new Error(`${stack} registered nothing`);
    return resources;
}

function loadUnpackedPolicies(pack: PackName): readonly Policy[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(path.join(publishedPack(pack).dir, "dist", "policies.js")) as Record<string, readonly Policy[]>;
    return bundle[POLICY_LIST_EXPORT[pack]];
}

function unpackedConfig(pack: PackName): PackConfig {
    return JSON.parse(fs.readFileSync(path.join(publishedPack(pack).dir, "config", "prod.json"), "utf8")) as PackConfig;
}

describe.each(PACKS)("policy pack %s as published", (pack) => {
    const manifest = readPackManifest(packDir(pack));

    test("npm pack prints only the tarball's name, which is what `pulumi policy publish` reads", () => {
        const { reportedName, seconds } = publishedPack(pack);
        expect(reportedName).toBe(`hardened-cluster-${pack}-${manifest.version}.tgz`);
        expect(fs.existsSync(path.join(SCRATCH, reportedName))).toBe(true);
        // Packing leaves no lock file behind in the checkout (postpack removes it).
        expect(fs.existsSync(path.join(packDir(pack), SHRINKWRAP_FILE))).toBe(false);
        process.stdout.write(`${pack}: npm pack + unpack + offline npm install took ${seconds.toFixed(1)} s\n`);
    });

    test("the tarball holds the bundles, the pack config, PulumiPolicy.yaml, package.json and a lock file: no TypeScript", () => {
        const configFiles = fs.readdirSync(path.join(packDir(pack), "config")).map((f) => `config/${f}`);
        expect(configFiles).toContain("config/prod.json");
        const expected = [
            "PulumiPolicy.yaml",
            ...configFiles,
            ENTRY_BUNDLE,
            `${ENTRY_BUNDLE}.map`,
            "dist/policies.js",
            "dist/policies.js.map",
            SHRINKWRAP_FILE,
            "package.json",
        ];
        expect(publishedPack(pack).shippedFiles).toEqual(expected.sort());
    });

    test("its lock file pins every dependency at the version the repository tested, and npm installed those", () => {
        const { dir } = publishedPack(pack);
        const lock = JSON.parse(fs.readFileSync(path.join(dir, SHRINKWRAP_FILE), "utf8")) as Lockfile;
        const dependencies = Object.entries(manifest.dependencies);
        expect(dependencies.length).toBeGreaterThan(2);
        for (const [dep, version] of nonEmpty(dependencies)) {
            // @pulumi/policy's own package.json spells its version with a leading "v".
            const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", dep, "package.json"), "utf8")) as {
                version: string;
            };
            expect({ dep, locked: lock.packages[`node_modules/${dep}`]?.version, installed: installed.version.replace(/^v/, "") }).toEqual({
                dep,
                locked: version,
                installed: version,
            });
        }
        // The bundle resolves the SDK from the unpacked folder, not from the repository.
        expect(require.resolve("@pulumi/policy", { paths: [path.join(dir, "dist")] }).startsWith(dir)).toBe(true);
    });

    test("(a) the unpacked policy list judges aws-prod and aws-dev exactly as the in-repo pack does", async () => {
        const unpacked = loadUnpackedPolicies(pack);
        expect(unpacked.map((p) => p.name)).toEqual(PACK_POLICIES[pack].map((p) => p.name));
        for (const stack of ["aws-prod", "aws-dev"]) {
            const resources = capturedStack(stack);
            const fromTarball = await evaluatePacks(resources, [{ name: pack, policies: unpacked, config: unpackedConfig(pack) }]);
            const fromRepo = await evaluatePacks(resources, [
                { name: pack, policies: PACK_POLICIES[pack], config: readPackConfig(pack, "prod") },
            ]);
            expect(fromRepo.outcomes.filter((o) => o.status === "pass").length).toBeGreaterThan(20);
            expect(fromTarball.outcomes).toEqual(fromRepo.outcomes);
        }
    }, 180_000);

    test("(b) the CLI's policy host starts the unpacked pack, reports it, and its verdicts over gRPC are the evaluator's", async () => {
        const { dir } = publishedPack(pack);
        const host = await startPolicyHost(dir, 180_000);
        try {
            await handshake(host.client, dir).catch((e: unknown) => expect(grpcCode(e)).toBe(12)); // UNIMPLEMENTED: the CLI carries on
            expect(await pluginVersion(host.client)).toBe(manifest.dependencies["@pulumi/policy"]);
            const info = await analyzerInfo(host.client);
            expect({ name: info.name, version: info.version }).toEqual({ name: pack, version: manifest.version });
            expect(info.policies.map((p) => p.name)).toEqual(PACK_POLICIES[pack].map((p) => p.name));

            const policies = loadUnpackedPolicies(pack);
            const config = unpackedConfig(pack);
            await configure(host.client, resolvedConfig(policies, config));
            const resources = capturedStack("aws-dev");
            const received: Diagnostic[] = [];
            for (const resource of resources.filter((r) => r.custom)) received.push(...(await analyze(host.client, resource)));
            received.push(...(await analyzeStack(host.client, resources)));

            const evaluated: readonly Outcome[] = (await evaluatePacks(resources, [{ name: pack, policies, config }])).outcomes;
            const expected = expectedDiagnostics(evaluated);
            expect(expected.length).toBeGreaterThan(0);
            expect(receivedDiagnostics(received, policies)).toEqual(expected);
        } finally {
            await host.stop();
        }
    }, 300_000);
});

test("the published packs were installed outside the repository", () => {
    expect(published.size).toBe(PACKS.length);
    for (const { dir } of nonEmpty(published.values())) expect(path.relative(REPO_ROOT, dir).startsWith("..")).toBe(true);
});
