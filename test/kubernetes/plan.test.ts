import { validationActionsFor, planAdmission } from "../../components/kubernetes/admission/plan";
import { planAuthorities } from "../../components/kubernetes/image-signatures";
import { psaLabels } from "../../core/kubernetes-labels";
import { planTenant } from "../../components/kubernetes/tenant-plan";
import { nodeAgentTolerations } from "../../components/kubernetes/tolerations";
import { nodeTaintsOf } from "../../components/shared/handover-plan";
import { KUBERNETES_CONTROLS } from "../../policypacks/controls/kubernetes";
import { CLUSTER_CONTROLS } from "../../policypacks/controls/cluster";
import { KUBERNETES_POLICIES } from "../../policypacks/kubernetes-hardening/rules";
import { FAKE_SUBJECTS, testConfig } from "./fixture";
import { nonEmpty } from "../harness/non-empty";

const tenant = (overrides: Record<string, unknown> = {}) => ({
    name: "payments",
    editors: [],
    viewers: [],
    quota: { cpu: "2", memory: "4Gi", pods: 10 },
    allowLoadBalancer: false,
    allowNodePort: false,
    allowSameNamespaceTraffic: true,
    secrets: [],
    ...overrides,
});

describe("tenant plan", () => {
    test("quota keeps node ports and load balancers at zero unless allowed", () => {
        const exposure = (allowNodePort: boolean, allowLoadBalancer: boolean) => {
            const hard = planTenant(tenant({ allowNodePort, allowLoadBalancer }), FAKE_SUBJECTS, "1.34", true).quota;
            return [hard["services.nodeports"], hard["services.loadbalancers"]];
        };
        expect(exposure(false, false)).toEqual(["0", "0"]);
        expect(exposure(true, false)).toEqual([undefined, "0"]);
        expect(exposure(false, true)).toEqual([undefined, undefined]);
    });

    test("editors are the tenant's groups plus developers, deduplicated; a tenant without mapped groups gets developers only", () => {
        const subjects = { ...FAKE_SUBJECTS, developers: ["platform:developers", "team:payments"] };
        expect(planTenant(tenant(), subjects, "1.34", true).editors).toEqual(["team:payments", "platform:developers"]);
        expect(planTenant(tenant({ name: "unmapped" }), FAKE_SUBJECTS, "1.34", true)).toMatchObject({
            editors: ["platform:developers"],
            viewers: [],
        });
    });

    test("the sigstore opt-in label follows where signatures are verified", () => {
        expect(planTenant(tenant(), FAKE_SUBJECTS, "1.34", true).labels).toHaveProperty(["policy.sigstore.dev/include"], "true");
        expect(planTenant(tenant(), FAKE_SUBJECTS, "1.34", false).labels).not.toHaveProperty(["policy.sigstore.dev/include"]);
    });

    test("PSA labels pin every mode to the cluster minor", () => {
        expect(psaLabels({ enforce: "privileged", audit: "restricted", warn: "baseline" }, "1.33")).toEqual({
            "pod-security.kubernetes.io/enforce": "privileged",
            "pod-security.kubernetes.io/enforce-version": "v1.33",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": "v1.33",
            "pod-security.kubernetes.io/warn": "baseline",
            "pod-security.kubernetes.io/warn-version": "v1.33",
        });
    });
});

describe("admission plan", () => {
    test("validation actions per mode", () => {
        expect(validationActionsFor("Deny")).toEqual(["Deny"]);
        expect(validationActionsFor("Warn")).toEqual(["Warn", "Audit"]);
    });

    test("the digest rule is only planned when required", () => {
        const keys = (requireImageDigest: boolean) =>
            planAdmission({ mode: "Deny", requireImageDigest, trustedRegistries: ["ghcr.io/acme/"] })
                .find((p) => p.key === "image-provenance")!
                .validations.map((v) => v.key);
        expect(keys(true)).toEqual(["trusted-registry", "pull-always", "image-digest"]);
        expect(keys(false)).toEqual(["trusted-registry", "pull-always"]);
    });
});

test("node agents tolerate every pool taint once", () => {
    const config = testConfig({ nodePools: { isolated: { taints: [{ key: "gpu", value: "true", effect: "NoExecute" }] } } });
    expect(nodeAgentTolerations(nodeTaintsOf(config.nodePools))).toEqual([
        { key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" },
        { key: "gpu", operator: "Equal", value: "true", effect: "NoExecute" },
    ]);
});

test("no configured signers: any Sigstore identity, flagged as unrestricted", () => {
    expect(planAuthorities({ keyless: [], publicKeys: [] }).restricted).toBe(false);
    expect(
        planAuthorities({ keyless: [{ issuer: "https://accounts.google.com", subjectRegExp: "^ci@acme\\.com$" }], publicKeys: [] })
            .restricted,
    ).toBe(true);
});

test("the pack implements exactly the policies the Kubernetes controls name", () => {
    // A Kubernetes control may also name a cloud policy of the cluster-hardening pack (GKE's rbacBindingConfig
    // enforces HC-RBAC-03 at the API server), and a node control a kubernetes- policy on the objects an autoscaler
    // creates nodes from (Karpenter's EC2NodeClass under HC-NODE-02): the kubernetes- ones of every control belong here.
    const catalogued = [...KUBERNETES_CONTROLS, ...CLUSTER_CONTROLS]
        .flatMap((c) => c.policies)
        .filter((p) => p.startsWith("kubernetes-"))
        .sort();
    expect(KUBERNETES_POLICIES.map((p) => p.name).sort()).toEqual(catalogued);
    for (const policy of nonEmpty(KUBERNETES_POLICIES)) expect(policy.enforcementLevel).toBeUndefined();
});
