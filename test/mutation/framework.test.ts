import { deserializePolicyProps } from "../../policypacks/lib/sdk-internals";
import { CapturedResource } from "../../tools/mock/captured";
import { evaluatePacks } from "../../tools/policy/evaluate";
import { keyRotationPolicy } from "../policy/fixtures";
import { CapturedStack } from "./framework/evaluate";
import {
    addResource,
    applyEdit,
    combined,
    EditError,
    Inputs,
    removeResource,
    set,
    Snapshot,
    target,
    unset,
    urnOf,
} from "./framework/edits";
import { getAll, parsePath, setAll, unsetAll } from "./framework/path";
import { MutationRow } from "./framework/rows";
import { checkRow } from "./framework/suite";

/** The mutation framework on a two-resource fixture: edits, no-op detection, and each kind of row's verdict. */
function resource(type: string, name: string, props: Inputs, extra: Partial<CapturedResource> = {}): CapturedResource {
    return {
        urn: `urn:pulumi:fixture-prod::proj::${type}::${name}`,
        type,
        name,
        custom: type !== "pulumi:pulumi:Stack",
        props,
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        ...extra,
    };
}

const ROOT = resource("pulumi:pulumi:Stack", "proj-fixture-prod", {});
const KEY = resource(
    "aws:kms/key:Key",
    "key",
    { enableKeyRotation: true, tags: { team: "a" } },
    { propertyDependencies: { tags: ["urn:x"] } },
);
const OTHER = resource("aws:kms/key:Key", "other-key", { enableKeyRotation: true });
const keys = target("aws:kms/key:Key");
const firstKey = target("aws:kms/key:Key", /^key$/);

async function fixture(): Promise<CapturedStack> {
    const resources = [ROOT, KEY, OTHER];
    const packs = [{ name: "cluster-hardening" as const, policies: [keyRotationPolicy], config: {} }];
    return {
        stack: "fixture-prod",
        environment: "prod",
        packs,
        resources,
        inputs: new Map(resources.map((r) => [r.urn, deserializePolicyProps(r.props)])),
        baseline: (await evaluatePacks(resources, packs)).outcomes,
    };
}

const snapshot = (): Snapshot => ({
    stack: "fixture-prod",
    resources: [ROOT, KEY, OTHER],
    inputs: new Map([ROOT, KEY, OTHER].map((r) => [r.urn, r.props])),
});

describe("paths", () => {
    test("parse keys, indexes, every element, matches and quoted keys", () => {
        expect(parsePath('a.b[0][*][name=x.y]["k.8s/io"]')).toEqual([
            { kind: "key", key: "a" },
            { kind: "key", key: "b" },
            { kind: "index", index: 0 },
            { kind: "all" },
            { kind: "match", key: "name", value: "x.y" },
            { kind: "key", key: "k.8s/io" },
        ]);
        expect(() => parsePath("a..b")).toThrow(/empty key/);
        expect(() => parsePath("a[")).toThrow(/unclosed/);
    });

    test("set, get and unset reach every matching place, and report how many", () => {
        const doc = {
            pools: [
                { name: "system", ssh: "on" },
                { name: "user", ssh: "on" },
            ],
            tags: {} as Record<string, string>,
        };
        expect(setAll(doc, "pools[name=user].ssh", "off")).toBe(1);
        expect(getAll(doc, "pools[*].ssh")).toEqual(["on", "off"]);
        expect(setAll(doc, 'tags["kubernetes.io/role"]', "1")).toBe(1);
        expect(doc.tags).toEqual({ "kubernetes.io/role": "1" });
        expect(setAll(doc, "pools[*].ssh", (v: unknown) => `${String(v)}!`)).toBe(2);
        expect(unsetAll(doc, "pools[name=system]")).toBe(1);
        expect(doc.pools).toEqual([{ name: "user", ssh: "off!" }]);
        expect(unsetAll(doc, "pools[0].missing")).toBe(0);
        expect(setAll(doc, "pools[name=nobody].ssh", "x")).toBe(0);
    });
});

describe("edits", () => {
    test("set changes a copy of the targets only, and a top-level literal drops that input's dependencies", () => {
        const edited = applyEdit(snapshot(), set(firstKey, "tags", { team: "b" }));
        const key = edited.resources.find((r) => r.name === "key");
        expect(key?.props).toEqual({ enableKeyRotation: true, tags: { team: "b" } });
        expect(key?.propertyDependencies["tags"]).toEqual([]);
        expect(KEY.props).toEqual({ enableKeyRotation: true, tags: { team: "a" } });
        expect([...edited.changed]).toEqual([KEY.urn]);
    });

    test("an edit that would change nothing is refused", () => {
        expect(() => applyEdit(snapshot(), set(keys, "enableKeyRotation", true))).toThrow(EditError);
        expect(() => applyEdit(snapshot(), unset(keys, "deletionWindowInDays"))).toThrow(/reaches nothing/);
        expect(() => applyEdit(snapshot(), removeResource(target("aws:ec2/vpc:Vpc")))).toThrow(/matches no resource/);
    });

    test("remove and add: the added resource gets the URN the engine would give it", () => {
        const edited = applyEdit(
            snapshot(),
            combined(
                "swap",
                "unset",
                removeResource(firstKey),
                addResource("a key", "unset", () => ({ type: "aws:kms/key:Key", name: "added", props: {} })),
            ),
        );
        expect(edited.resources.map((r) => r.name)).toEqual(["proj-fixture-prod", "other-key", "added"]);
        expect(edited.resources[2].urn).toBe("urn:pulumi:fixture-prod::proj::aws:kms/key:Key::added");
        expect([...edited.removed]).toEqual([KEY.urn]);
        const child = { ...KEY, urn: "urn:pulumi:s::p::my:Component$aws:kms/key:Key::k", type: "my:Component" };
        expect(urnOf(child, "aws:s3/bucket:Bucket", "b")).toBe("urn:pulumi:s::p::my:Component$aws:kms/key:Key$aws:s3/bucket:Bucket::b");
    });
});

describe("a row's verdict", () => {
    const source = { get: fixture };
    const stack = "fixture-prod";
    const row = (r: MutationRow) => r;
    const disable = set(firstKey, "enableKeyRotation", false);

    test("a caught row passes only with the right policy and message fragment", async () => {
        await expect(
            checkRow(source, row({ stack, edit: disable, expect: { policy: "test-kms-key-require-rotation", message: "set it to true" } })),
        ).resolves.toBeUndefined();
        await expect(
            checkRow(source, row({ stack, edit: disable, expect: { policy: "test-kms-key-require-rotation", message: "rotate weekly" } })),
        ).rejects.toThrow(/not caught/);
        await expect(
            checkRow(source, row({ stack, edit: disable, expect: { policy: "another-policy", message: "set it to true" } })),
        ).rejects.toThrow(/not caught/);
    });

    test("a gap row fails once something catches it, a compliant row on any mandatory violation", async () => {
        await expect(
            checkRow(source, row({ stack, edit: set(firstKey, "description", "x"), expect: "gap", gap: "Single gaps" })),
        ).resolves.toBeUndefined();
        await expect(checkRow(source, row({ stack, edit: disable, expect: "gap", gap: "Single gaps" }))).rejects.toThrow(/now caught/);
        await expect(checkRow(source, row({ stack, edit: disable, expect: "compliant" }))).rejects.toThrow(/false positive/);
    });

    test("a compliant row judged by a policy needs that policy to have passed an edited resource", async () => {
        const harmless = set(firstKey, "description", "x");
        await expect(
            checkRow(source, row({ stack, edit: harmless, expect: "compliant", judgedBy: "test-kms-key-require-rotation" })),
        ).resolves.toBeUndefined();
        await expect(
            checkRow(source, row({ stack, edit: harmless, expect: "compliant", judgedBy: "test-cloudwatch-loggroup-require-key" })),
        ).rejects.toThrow(/did not evaluate and pass/);
    });
});
