import * as k8s from "@pulumi/kubernetes";
import { CapturedResource } from "../harness";
import { passes, violations } from "../harness/policies";
import { assertApiValid, capture, edit, messages, statusesOf, unknownAt, without } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

let prod: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
});

async function added(build: () => void): Promise<CapturedResource[]> {
    const resources = await capture(build);
    expect(resources.length).toBeGreaterThan(0);
    assertApiValid(resources);
    return resources;
}

const DENY = "test-baseline-tenant-payments-default-deny";

describe("kubernetes-networkpolicy-deny-open-rules (HC-ISO-04)", () => {
    const NAME = "kubernetes-networkpolicy-deny-open-rules";

    test("the baseline's policies (default deny, DNS to kube-dns, same namespace) pass", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
    });

    test("wrong value: the DNS egress rule opened to every namespace", async () => {
        const stack = edit(prod, "test-baseline-tenant-payments-allow-dns", "spec.egress.0.to.0", { namespaceSelector: {} });
        expect(messages(await evaluate(NAME, stack))).toEqual([
            "[HC-ISO-04] NetworkPolicy payments/allow-dns-egress opens the namespace: egress rule 1 allows traffic to namespaceSelector {} (every namespace) on 53/UDP, 53/TCP; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead",
        ]);
    });

    test("unset: the DNS rule's destinations removed allows egress to everywhere", async () => {
        const stack = edit(prod, "test-baseline-tenant-payments-allow-dns", "spec.egress.0.to", undefined);
        expect(messages(await evaluate(NAME, stack))).toEqual([
            "[HC-ISO-04] NetworkPolicy payments/allow-dns-egress opens the namespace: egress rule 1 allows traffic to everywhere (no to) on 53/UDP, 53/TCP; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead",
        ]);
    });

    test("added in a tenant namespace: the internet, every namespace, every source, all egress, a wide IPv6 block", async () => {
        const resources = await added(() => {
            new k8s.networking.v1.NetworkPolicy("internet", {
                metadata: { name: "from-internet", namespace: "payments" },
                spec: {
                    podSelector: { matchLabels: { app: "web" } },
                    ingress: [
                        { from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ port: 443, protocol: "TCP" }] },
                    ],
                },
            });
            new k8s.networking.v1.NetworkPolicy("all-namespaces", {
                metadata: { name: "from-all-namespaces", namespace: "search" },
                spec: {
                    podSelector: {},
                    policyTypes: ["Ingress"],
                    ingress: [
                        {
                            from: [
                                {
                                    namespaceSelector: {
                                        matchExpressions: [
                                            { key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["kube-system"] },
                                        ],
                                    },
                                },
                            ],
                        },
                    ],
                },
            });
            new k8s.networking.v1.NetworkPolicy("anything", {
                metadata: { name: "allow-everything", namespace: "payments" },
                spec: {
                    podSelector: {},
                    policyTypes: ["Ingress", "Egress"],
                    ingress: [{}],
                    egress: [{ to: [{ ipBlock: { cidr: "::/0" } }] }],
                },
            });
        });
        expect(messages(await evaluate(NAME, [...prod, ...resources])).sort()).toEqual([
            "[HC-ISO-04] NetworkPolicy payments/allow-everything opens the namespace: ingress rule 1 admits traffic from everywhere (no from) on every port; egress rule 1 allows traffic to ipBlock ::/0 (the internet) on every port; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead",
            "[HC-ISO-04] NetworkPolicy payments/from-internet opens the namespace: ingress rule 1 admits traffic from ipBlock 0.0.0.0/0 (the internet, whatever its except list) on 443/TCP; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead",
            '[HC-ISO-04] NetworkPolicy search/from-all-namespaces opens the namespace: ingress rule 1 admits traffic from namespaceSelector {"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["kube-system"]}]} (every namespace) on every port; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead',
        ]);
    });

    test("rules of a direction the policy does not enforce do not count; a patch over a policy is judged merged", async () => {
        const resources = await added(() => {
            new k8s.networking.v1.NetworkPolicy("egress-only", {
                metadata: { name: "egress-only", namespace: "payments" },
                spec: { podSelector: {}, policyTypes: ["Egress"], ingress: [{}], egress: [{ to: [{ podSelector: {} }] }] },
            });
            new k8s.networking.v1.NetworkPolicyPatch("open-dns", {
                metadata: { name: "allow-dns-egress", namespace: "search" },
                spec: { egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] },
            });
        });
        expect(messages(await evaluate(NAME, [...prod, ...resources]))).toEqual([
            "[HC-ISO-04] NetworkPolicy search/allow-dns-egress opens the namespace: egress rule 1 allows traffic to everywhere (no to) on 53/UDP; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead",
        ]);
    });

    test("compliant: a named namespace, a narrow block, the platform's own namespace; kube-system is not judged", async () => {
        const resources = await added(() => {
            new k8s.networking.v1.NetworkPolicy("from-gateway", {
                metadata: { name: "from-gateway", namespace: "payments" },
                spec: {
                    podSelector: { matchLabels: { app: "web" } },
                    ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }] }],
                    egress: [{ to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ port: 5432, protocol: "TCP" }] }],
                    policyTypes: ["Ingress", "Egress"],
                },
            });
            new k8s.networking.v1.NetworkPolicy("cosign-webhook", {
                metadata: { name: "webhook-from-api-server", namespace: "cosign-system" },
                spec: { podSelector: {}, ingress: [{}] },
            });
            new k8s.networking.v1.NetworkPolicy("system", {
                metadata: { name: "dns-from-anywhere", namespace: "kube-system" },
                spec: { podSelector: { matchLabels: { "k8s-app": "kube-dns" } }, ingress: [{}] },
            });
        });
        expect(violations(await evaluate(NAME, [...prod, ...resources]))).toEqual([]);
    });

    test("a policy that names no namespace lands in the provider's default namespace and is judged as a tenant's", async () => {
        const resources = await added(() => {
            new k8s.networking.v1.NetworkPolicy("unplaced", {
                metadata: { name: "unplaced" },
                spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{}] },
            });
        });
        expect(messages(await evaluate(NAME, resources))).toEqual([
            "[HC-ISO-04] NetworkPolicy default/unplaced opens the namespace: egress rule 1 allows traffic to everywhere (no to) on every port; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead",
        ]);
    });

    test("preview: an unknown peer is not evaluated", async () => {
        const stack = unknownAt(prod, "test-baseline-tenant-payments-allow-dns", "spec.egress.0.to");
        expect(statusesOf(await evaluate(NAME, stack))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-namespace-require-default-deny (HC-ISO-02): the default deny keeps both directions and every pod", () => {
    const NAME = "kubernetes-namespace-require-default-deny";

    test("the baseline passes", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
    });

    test("wrong value: the default deny narrowed to Ingress only", async () => {
        expect(messages(await evaluate(NAME, edit(prod, DENY, "spec.policyTypes", ["Ingress"])))).toEqual([
            "[HC-ISO-02] Namespace payments has no default-deny NetworkPolicy for Egress (NetworkPolicy payments/default-deny-all has policyTypes [Ingress], not Egress); add one with podSelector {} and policyTypes [Ingress, Egress] and no rules",
        ]);
    });

    test("unset: policyTypes removed defaults to Ingress only, as the API does", async () => {
        expect(messages(await evaluate(NAME, edit(prod, DENY, "spec.policyTypes", undefined)))).toEqual([
            "[HC-ISO-02] Namespace payments has no default-deny NetworkPolicy for Egress (NetworkPolicy payments/default-deny-all has policyTypes [Ingress], not Egress); add one with podSelector {} and policyTypes [Ingress, Egress] and no rules",
        ]);
    });

    test("a default deny that selects only some pods denies nothing for the rest", async () => {
        expect(messages(await evaluate(NAME, edit(prod, DENY, "spec.podSelector", { matchLabels: { app: "none" } })))).toEqual([
            '[HC-ISO-02] Namespace payments has no default-deny NetworkPolicy for Ingress and Egress (NetworkPolicy payments/default-deny-all selects only pods matching {"matchLabels":{"app":"none"}}, not every pod); add one with podSelector {} and policyTypes [Ingress, Egress] and no rules',
        ]);
    });

    test("a patch that gives the default deny an allow-all ingress rule undoes it", async () => {
        const patch = await added(() => {
            new k8s.networking.v1.NetworkPolicyPatch("allow-in", {
                metadata: { name: "default-deny-all", namespace: "search" },
                spec: { ingress: [{}] },
            });
        });
        expect(messages(await evaluate(NAME, [...prod, ...patch]))).toEqual([
            "[HC-ISO-02] Namespace search has no default-deny NetworkPolicy for Ingress; add one with podSelector {} and policyTypes [Ingress, Egress] and no rules",
        ]);
    });

    test("removed: a tenant namespace without its default deny", async () => {
        expect(messages(await evaluate(NAME, without(prod, DENY)))).toEqual([
            "[HC-ISO-02] Namespace payments has no default-deny NetworkPolicy for Ingress and Egress; add one with podSelector {} and policyTypes [Ingress, Egress] and no rules",
        ]);
    });

    test("added: a tenant namespace outside the baseline needs its own; a platform one does not", async () => {
        const resources = await added(() => {
            new k8s.core.v1.Namespace("team", {
                metadata: {
                    name: "team",
                    labels: { "hardened-cluster.io/tenant": "team", "pod-security.kubernetes.io/enforce": "restricted" },
                },
            });
            new k8s.core.v1.Namespace("ingress", {
                metadata: {
                    name: "cosign-system",
                    labels: { "hardened-cluster.io/platform": "true", "pod-security.kubernetes.io/enforce": "baseline" },
                },
            });
        });
        const outcomes = await evaluate(NAME, resources);
        expect(messages(outcomes)).toEqual([
            "[HC-ISO-02] Namespace team has no default-deny NetworkPolicy for Ingress and Egress; add one with podSelector {} and policyTypes [Ingress, Egress] and no rules",
        ]);
    });

    test("compliant edit: an explicit Egress-only deny next to an Ingress-only one passes", async () => {
        const split = await added(() => {
            new k8s.networking.v1.NetworkPolicy("deny-egress", {
                metadata: { name: "deny-egress", namespace: "payments" },
                spec: { podSelector: {}, policyTypes: ["Egress"] },
            });
        });
        const outcomes = await evaluate(NAME, [...edit(prod, DENY, "spec.policyTypes", ["Ingress"]), ...split]);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NAME)).toHaveLength(1);
    });

    test("preview: unknown policyTypes are not evaluated", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, DENY, "spec.policyTypes")))).toEqual(["not-evaluated"]);
    });
});
