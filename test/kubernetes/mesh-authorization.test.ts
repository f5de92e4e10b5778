import * as k8s from "@pulumi/kubernetes";
import { meshAuthorizationPolicy } from "../../components/kubernetes/tenant-plan";
import { CapturedResource } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { capture, edit, messages, named, statusesOf, unknownAt, without } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

const PAYMENTS = "test-baseline-tenant-payments-mesh-authorization";
const SEARCH = "test-baseline-tenant-search-mesh-authorization";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
    dev = (await runBaseline(testConfig({ environment: "dev", "aws:allowedAccountIds": undefined }))).resources;
});

/** An AuthorizationPolicy a teammate adds beside the baseline. */
async function added(namespace: string, spec: Record<string, unknown>, name = "extra"): Promise<CapturedResource[]> {
    return capture(() => {
        new k8s.apiextensions.CustomResource(`${namespace}-${name}`, {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name, namespace },
            spec,
        });
    });
}

describe("the tenants' mesh authorization agrees with their NetworkPolicies (HC-ISO-02, HC-NET-07)", () => {
    test("same-namespace traffic allowed: ALLOW only peers whose mTLS identity is in the namespace", () => {
        expect(named(prod, PAYMENTS)).toMatchObject({
            type: "kubernetes:security.istio.io/v1:AuthorizationPolicy",
            props: {
                metadata: { name: "allow-same-namespace", namespace: "payments" },
                spec: { action: "ALLOW", rules: [{ from: [{ source: { namespaces: ["payments"] } }] }] },
            },
        });
    });

    test("same-namespace traffic not allowed: allow-nothing (an ALLOW policy without rules denies everything)", () => {
        expect(named(prod, SEARCH).props["metadata"]).toEqual({ name: "allow-nothing", namespace: "search" });
        expect(named(prod, SEARCH).props["spec"]).toEqual({});
        expect(meshAuthorizationPolicy("x", false).spec).toEqual({});
    });

    test("created after the mesh's releases (the CRD comes with istio-base), inside its namespace", () => {
        const releases = prod.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name.startsWith("test-baseline-mesh-"));
        expect(releases).toHaveLength(4);
        for (const tenant of nonEmpty([PAYMENTS, SEARCH])) {
            expect(named(prod, tenant).dependencies).toContain(releases[3].urn);
            expect(named(prod, tenant).propertyDependencies["metadata"]).toContain(
                named(prod, tenant.replace("-mesh-authorization", "-ns")).urn,
            );
        }
    });

    test("no mesh (dev default): no AuthorizationPolicy", () => {
        expect(dev.filter((r) => r.type.endsWith(":AuthorizationPolicy"))).toEqual([]);
    });
});

describe("kubernetes-authorizationpolicy-deny-cross-tenant (HC-ISO-02)", () => {
    const NAME = "kubernetes-authorizationpolicy-deny-cross-tenant";

    test("the baseline's policies pass; not applicable without any AuthorizationPolicy", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
        expect(await evaluate(NAME, dev)).toEqual([]);
    });

    test("wrong value: the baseline's policy admitting another tenant's namespace", async () => {
        const stack = edit(prod, PAYMENTS, "spec.rules.0.from.0.source.namespaces", ["payments", "search"]);
        expect(messages(await evaluate(NAME, stack))).toEqual([
            `[HC-ISO-02] AuthorizationPolicy payments/allow-same-namespace in tenant namespace payments admits peers of other namespaces (rules[0].from[0].source.namespaces admits ["search"]); set every rule's from.source.namespaces to ["payments"]`,
        ]);
    });

    test("unset: a rule without from admits every source", async () => {
        const stack = edit(prod, PAYMENTS, "spec.rules.0.from", undefined);
        expect(messages(await evaluate(NAME, stack))).toEqual([
            expect.stringContaining("(rules[0] has no from, so it admits every source)"),
        ]);
    });

    test.each([
        ["a wildcard principal", { principals: ["*"] }, 'principals admits ["*"]'],
        ["another namespace's principal", { principals: ["cluster.local/ns/search/sa/api"] }, "principals admits"],
        ["notNamespaces alone", { notNamespaces: ["search"] }, "names no namespaces or principals"],
        ["an IP block alone", { ipBlocks: ["10.0.0.0/8"] }, "names no namespaces or principals"],
        ["all namespaces", { namespaces: ["*"] }, 'namespaces admits ["*"]'],
    ])("an added ALLOW policy with %s is a violation", async (_label, source, fragment) => {
        const stack = [...prod, ...(await added("payments", { rules: [{ from: [{ source }] }] }))];
        expect(messages(await evaluate(NAME, stack))).toEqual([
            expect.stringContaining(`AuthorizationPolicy payments/extra in tenant namespace payments admits peers of other namespaces`),
        ]);
        expect(messages(await evaluate(NAME, stack))[0]).toContain(fragment);
    });

    test("compliant: own principals, a field ANDed with the own namespace, DENY policies, platform namespaces", async () => {
        const extra = [
            ...(await added("payments", { rules: [{ from: [{ source: { principals: ["cluster.local/ns/payments/sa/api"] } }] }] }, "own")),
            ...(await added("payments", { rules: [{ from: [{ source: { namespaces: ["payments"], principals: ["*"] } }] }] }, "and")),
            ...(await added("payments", { action: "DENY", rules: [{}] }, "deny")),
            ...(await added("istio-system", { rules: [{}] }, "platform")),
        ];
        const stack = [...prod, ...extra];
        expect(statusesOf(await evaluate(NAME, stack))).toEqual(["pass"]);
    });

    test("a namespace unknown in preview is not evaluated, never passed", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, PAYMENTS, "spec.rules")))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-stack-require-mesh-authorization (HC-ISO-02)", () => {
    const NAME = "kubernetes-stack-require-mesh-authorization";

    test("passes on the baseline with the mesh; not applicable without one", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
        expect(await evaluate(NAME, dev)).toEqual([]);
    });

    test("unset: a tenant namespace without its mesh policy", async () => {
        expect(messages(await evaluate(NAME, without(prod, SEARCH)))).toEqual([
            '[HC-ISO-02] Namespace search has no namespace-wide ALLOW AuthorizationPolicy although the stack runs Istio ambient (Helm release test-baseline-mesh-ztunnel installs ztunnel), so the mesh admits every peer there; add one with from.source.namespaces ["search"] (or spec {} to deny all)',
        ]);
    });

    test("wrong value: scoped to some workloads, or turned into a DENY policy, it no longer covers the namespace", async () => {
        const scoped = edit(prod, PAYMENTS, "spec.selector", { matchLabels: { app: "api" } });
        expect(messages(await evaluate(NAME, scoped))).toEqual([expect.stringContaining("Namespace payments has no namespace-wide ALLOW")]);
        const deny = edit(prod, SEARCH, "spec.action", "DENY");
        expect(messages(await evaluate(NAME, deny))).toEqual([expect.stringContaining("Namespace search has no namespace-wide ALLOW")]);
    });
});
