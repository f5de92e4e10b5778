import { IMAGE_DIGEST_VALIDATION, POD_SECURITY_VALIDATIONS, PULL_ALWAYS_VALIDATION, WORKLOAD_VARIABLES } from "../../core/admission-cel";
import { CHARTS } from "../../components/kubernetes/charts";
import { TENANT_EDITOR_ROLE } from "../../components/kubernetes/tenant-roles";
import { PRIVILEGED_AGENT_EXCEPTION } from "../../components/kubernetes/platform-namespace";
import { exceptionAnnotationKey, formatCarriedException } from "../../core/exception-format";
import { at, CapturedResource, inputsOf, ofType, single } from "../harness";
import { BaselineRun, FAKE_SUBJECTS, RELEASE_SIGNER, runBaseline, testConfig } from "./fixture";
import { nonEmpty } from "../harness/non-empty";

const NS = "kubernetes:core/v1:Namespace";
const byName = (resources: readonly CapturedResource[], name: string): CapturedResource => {
    const found = resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`);
    return found;
};
const props = (resources: readonly CapturedResource[], name: string) => inputsOf(byName(resources, name));
const group = (name: string) => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name });

describe("KubernetesBaseline on a fake prod cluster", () => {
    let run: BaselineRun;
    beforeAll(async () => {
        run = await runBaseline(testConfig());
    });

    test("one TenantNamespace per tenant, named by tenant name", () => {
        expect(ofType(run.resources, "hardened:kubernetes:TenantNamespace").map((r) => r.name)).toEqual([
            "test-baseline-tenant-payments",
            "test-baseline-tenant-search",
        ]);
    });

    test("every Kubernetes object goes through the cluster's provider and waits for its ready resources", () => {
        const children = run.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && r.name !== "cni-ready");
        // 33, plus the ambient mesh of a prod stack on AWS: its namespace, four releases, the PeerAuthentication, two probe
        // policies and two tenant AuthorizationPolicies.
        expect(children.length).toBe(43);
        for (const r of nonEmpty(children)) {
            expect([r.name, r.provider?.startsWith(`${run.providerUrn}::`)]).toEqual([r.name, true]);
            expect([r.name, r.dependencies.includes(run.readyUrn)]).toEqual([r.name, true]);
        }
    });

    test("tenant namespace: restricted PSA pinned to the cluster minor, tenant and exposure labels", () => {
        expect(at(props(run.resources, "test-baseline-tenant-payments-ns"), "metadata")).toEqual({
            name: "payments",
            labels: {
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "v1.35",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/audit-version": "v1.35",
                "pod-security.kubernetes.io/warn": "restricted",
                "pod-security.kubernetes.io/warn-version": "v1.35",
                "hardened-cluster.io/tenant": "payments",
                "hardened-cluster.io/allow-load-balancer": "false",
                "hardened-cluster.io/allow-node-port": "false",
                "policy.sigstore.dev/include": "true",
                "istio.io/dataplane-mode": "ambient",
            },
        });
        expect(at(props(run.resources, "test-baseline-tenant-search-ns"), "metadata.labels")).toMatchObject({
            "hardened-cluster.io/allow-load-balancer": "true",
        });
    });

    test("tenant namespaces are protected from deletion in prod (they hold the tenant's data)", () => {
        expect(byName(run.resources, "test-baseline-tenant-payments-ns").protect).toBe(true);
        expect(byName(run.resources, "test-baseline-runtime-ns").protect).toBe(false);
    });

    test("default deny for ingress and egress, DNS to kube-dns only, same-namespace traffic when allowed", () => {
        expect(props(run.resources, "test-baseline-tenant-payments-default-deny")["spec"]).toEqual({
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
        });
        expect(props(run.resources, "test-baseline-tenant-payments-allow-dns")["spec"]).toEqual({
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [
                        {
                            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                        },
                    ],
                    ports: [
                        { protocol: "UDP", port: 53 },
                        { protocol: "TCP", port: 53 },
                    ],
                },
            ],
        });
        expect(props(run.resources, "test-baseline-tenant-payments-allow-same-namespace")["spec"]).toEqual({
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ podSelector: {} }] }],
            egress: [{ to: [{ podSelector: {} }] }],
        });
        expect(run.resources.some((r) => r.name === "test-baseline-tenant-search-allow-same-namespace")).toBe(false);
    });

    test("quota: cpu/memory requests and limits, pods, no node ports or load balancers unless allowed", () => {
        expect(at(props(run.resources, "test-baseline-tenant-payments-quota"), "spec.hard")).toEqual({
            "requests.cpu": "8",
            "limits.cpu": "8",
            "requests.memory": "16Gi",
            "limits.memory": "16Gi",
            pods: "50",
            "services.nodeports": "0",
            "services.loadbalancers": "0",
        });
        // search allows LoadBalancer: the load balancer quota is lifted, and node ports too (a LoadBalancer allocates them).
        expect(at(props(run.resources, "test-baseline-tenant-search-quota"), "spec.hard")).toEqual({
            "requests.cpu": "4",
            "limits.cpu": "4",
            "requests.memory": "8Gi",
            "limits.memory": "8Gi",
            pods: "30",
        });
    });

    test("LimitRange gives containers default requests and limits", () => {
        expect(at(props(run.resources, "test-baseline-tenant-payments-limits"), "spec.limits")).toEqual([
            { type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "500m", memory: "512Mi" } },
        ]);
    });

    test("tenant groups and developers get the tenant editor role and view, tenant viewers view", () => {
        const editors = props(run.resources, "test-baseline-tenant-payments-editors");
        expect(editors["roleRef"]).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: TENANT_EDITOR_ROLE });
        expect(editors["subjects"]).toEqual([group("team:payments"), group("platform:developers")]);
        const editorsView = props(run.resources, "test-baseline-tenant-payments-editors-view");
        expect(editorsView["roleRef"]).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" });
        expect(editorsView["subjects"]).toEqual([group("team:payments"), group("platform:developers")]);
        const viewers = props(run.resources, "test-baseline-tenant-payments-viewers");
        expect(viewers["roleRef"]).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" });
        expect(viewers["subjects"]).toEqual([group("team:payments-readonly")]);
        // search has no viewers: no empty binding.
        expect(run.resources.some((r) => r.name === "test-baseline-tenant-search-viewers")).toBe(false);
        expect(ofType(run.resources, "kubernetes:rbac.authorization.k8s.io/v1:Role")).toEqual([]);
    });

    test("the tenant editor role writes workloads only: no NetworkPolicies, RBAC, tokens, impersonation, proxies or wildcards", () => {
        const role = single(run.resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole");
        const rules = inputsOf(role)["rules"] as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
        expect(at(inputsOf(role), "metadata.name")).toBe(TENANT_EDITOR_ROLE);
        expect(rules.length).toBeGreaterThan(0);
        const resources = rules.flatMap((r) => r.resources);
        expect(resources).toEqual(expect.arrayContaining(["pods", "secrets", "deployments", "services"]));
        for (const forbidden of [
            "networkpolicies",
            "roles",
            "rolebindings",
            "serviceaccounts/token",
            "pods/proxy",
            "services/proxy",
            "resourcequotas",
            "limitranges",
            "namespaces",
        ]) {
            expect([forbidden, resources.includes(forbidden)]).toEqual([forbidden, false]);
        }
        for (const rule of nonEmpty(rules)) {
            expect([...rule.apiGroups, ...rule.resources, ...rule.verbs]).not.toContain("*");
            expect(rule.verbs).not.toEqual(expect.arrayContaining(["impersonate"]));
            expect(rule.verbs).not.toEqual(expect.arrayContaining(["escalate"]));
            expect(rule.verbs).not.toEqual(expect.arrayContaining(["bind"]));
        }
        // Every binding that names it is created after it.
        const editors = run.resources.find((r) => r.name === "test-baseline-tenant-payments-editors")!;
        expect(editors.dependencies).toContain(role.urn);
    });

    test("the default ServiceAccount is patched to not automount its token", () => {
        const patches = ofType(run.resources, "kubernetes:core/v1:ServiceAccountPatch").map(inputsOf);
        expect(patches).toEqual([
            expect.objectContaining({ metadata: { name: "default", namespace: "payments" }, automountServiceAccountToken: false }),
            expect.objectContaining({ metadata: { name: "default", namespace: "search" }, automountServiceAccountToken: false }),
        ]);
    });

    test("cluster-wide: admins → cluster-admin, viewers → view, nothing else", () => {
        const bindings = ofType(run.resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").map(inputsOf);
        expect(bindings.map((b) => [at(b, "roleRef.name"), b["subjects"]])).toEqual([
            ["cluster-admin", FAKE_SUBJECTS.admins.map(group)],
            ["view", FAKE_SUBJECTS.viewers.map(group)],
        ]);
    });

    test("admission: fail-closed VAPs with the CEL module's expressions, bound with Deny to tenant namespaces only", () => {
        const policies = ofType(run.resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").map(inputsOf);
        expect(policies.map((p) => at(p, "metadata.name")).sort()).toEqual([
            "hardened-image-provenance",
            "hardened-pod-security",
            "hardened-service-exposure",
        ]);
        for (const p of nonEmpty(policies)) expect(at(p, "spec.failurePolicy")).toBe("Fail");
        const podSecurity = policies.find((p) => at(p, "metadata.name") === "hardened-pod-security")!;
        expect(at(podSecurity, "spec.variables")).toEqual(WORKLOAD_VARIABLES.map((v) => ({ name: v.name, expression: v.expression })));
        expect((at(podSecurity, "spec.validations") as { expression: string }[]).map((v) => v.expression)).toEqual(
            POD_SECURITY_VALIDATIONS.map((v) => v.expression),
        );
        expect(at(podSecurity, "spec.matchConstraints.resourceRules")).toEqual([
            { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["pods", "pods/ephemeralcontainers"] },
            {
                apiGroups: ["apps"],
                apiVersions: ["v1"],
                operations: ["CREATE", "UPDATE"],
                resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
            },
            { apiGroups: ["batch"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["jobs", "cronjobs"] },
        ]);
        const images = policies.find((p) => at(p, "metadata.name") === "hardened-image-provenance")!;
        const imageExpressions = (at(images, "spec.validations") as { expression: string }[]).map((v) => v.expression);
        expect(imageExpressions[0]).toContain(
            '["123456789012.dkr.ecr.eu-west-1.amazonaws.com/", "ghcr.io/acme/", "ghcr.io/acme:", "ghcr.io/acme@"]',
        );
        expect(imageExpressions.slice(1)).toEqual([PULL_ALWAYS_VALIDATION.expression, IMAGE_DIGEST_VALIDATION.expression]);

        const bindings = ofType(run.resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding").map(inputsOf);
        expect(bindings).toHaveLength(3);
        for (const b of nonEmpty(bindings)) {
            expect(at(b, "spec.validationActions")).toEqual(["Deny"]);
            expect(at(b, "spec.matchResources.namespaceSelector")).toEqual({
                matchExpressions: [
                    { key: "hardened-cluster.io/tenant", operator: "Exists" },
                    { key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["kube-system", "kube-public", "kube-node-lease"] },
                    { key: "hardened-cluster.io/platform", operator: "DoesNotExist" },
                ],
            });
        }
    });

    test("image signatures: pinned policy-controller release, ClusterImagePolicy after it, enforcing the configured authorities", async () => {
        const release = inputsOf(byName(run.resources, "test-baseline-image-signatures-policy-controller"));
        expect(release).toMatchObject({
            chart: "policy-controller",
            version: CHARTS.policyController.version,
            repositoryOpts: { repo: "https://sigstore.github.io/helm-charts" },
            namespace: "cosign-system",
        });
        const policy = byName(run.resources, "test-baseline-image-signatures-policy");
        expect(policy.type).toBe("kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy");
        expect(policy.dependencies).toContain(byName(run.resources, "test-baseline-image-signatures-policy-controller").urn);
        expect(at(inputsOf(policy), "spec.mode")).toBe("enforce");
        // Prod names its signer (the config refuses an empty list there): only that identity is accepted.
        expect(at(inputsOf(policy), "spec.authorities")).toEqual([
            {
                name: "keyless",
                keyless: { url: "https://fulcio.sigstore.dev", identities: [RELEASE_SIGNER] },
                ctlog: { url: "https://rekor.sigstore.dev" },
            },
        ]);
        expect(at(props(run.resources, "test-baseline-image-signatures-ns"), "metadata.labels")).toMatchObject({
            "pod-security.kubernetes.io/enforce": "baseline",
            "hardened-cluster.io/platform": "true",
        });
    });

    test("Falco: pinned chart, modern eBPF, JSON alerts on stdout (no falcosidekick without a destination), tolerating the system and isolated taints; privileged namespace with a reviewed exception", () => {
        const falco = props(run.resources, "test-baseline-runtime-falco");
        expect(falco).toMatchObject({
            chart: "falco",
            version: CHARTS.falco.version,
            repositoryOpts: { repo: "https://falcosecurity.github.io/charts" },
            namespace: "falco",
        });
        expect(at(falco, "values.driver.kind")).toBe("modern_ebpf");
        expect(at(falco, "values.falco.json_output")).toBe(true);
        expect(at(falco, "values.falcosidekick")).toEqual({ enabled: false });
        expect(at(falco, "values.tolerations")).toEqual([
            { key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" },
            { key: "hardened-cluster.io/isolated", operator: "Equal", value: "true", effect: "NoSchedule" },
        ]);
        expect(at(props(run.resources, "test-baseline-runtime-ns"), "metadata")).toEqual({
            name: "falco",
            labels: expect.objectContaining({
                "pod-security.kubernetes.io/enforce": "privileged",
                "pod-security.kubernetes.io/audit": "restricted",
                "hardened-cluster.io/platform": "true",
            }),
            annotations: { [exceptionAnnotationKey("HC-ISO-01")]: formatCarriedException(PRIVILEGED_AGENT_EXCEPTION) },
        });
    });

    test("managed monitoring installs nothing in the cluster", () => {
        expect(ofType(run.resources, "hardened:kubernetes:InClusterMonitoring")).toEqual([]);
        expect(
            ofType(run.resources, "kubernetes:helm.sh/v3:Release")
                .map((r) => at(inputsOf(r), "chart"))
                .sort(),
        ).toEqual(["base", "cni", "falco", "istiod", "policy-controller", "ztunnel"]);
    });

    test("encrypted default StorageClass, volumes retained in prod", () => {
        expect(inputsOf(single(run.resources, "kubernetes:storage.k8s.io/v1:StorageClass"))).toMatchObject({
            metadata: { name: "encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/test" },
            allowVolumeExpansion: true,
            volumeBindingMode: "WaitForFirstConsumer",
            reclaimPolicy: "Retain",
        });
    });
});

describe("KubernetesBaseline variants", () => {
    test("dev: Warn+Audit bindings, no digest rule, ClusterImagePolicy in warn mode, volumes deleted with their claim", async () => {
        const run = await runBaseline(testConfig({ environment: "dev" }));
        for (const b of nonEmpty(ofType(run.resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding"))) {
            expect(at(inputsOf(b), "spec.validationActions")).toEqual(["Warn", "Audit"]);
        }
        const images = inputsOf(byName(run.resources, "test-baseline-admission-image-provenance"));
        expect((at(images, "spec.validations") as { expression: string }[]).map((v) => v.expression)).not.toContain(
            IMAGE_DIGEST_VALIDATION.expression,
        );
        expect(at(props(run.resources, "test-baseline-image-signatures-policy"), "spec.mode")).toBe("warn");
        expect(at(inputsOf(single(run.resources, "kubernetes:storage.k8s.io/v1:StorageClass")), "reclaimPolicy")).toBe("Delete");
        expect(byName(run.resources, "test-baseline-tenant-payments-ns").protect).toBe(false);
    });

    test("dev without signing identities: any Sigstore identity (unsigned images still refused), which the pack reports", async () => {
        const run = await runBaseline(testConfig({ environment: "dev", baseline: { imageSignatures: {} } }));
        expect(at(props(run.resources, "test-baseline-image-signatures-policy"), "spec.authorities")).toEqual([
            {
                name: "any-sigstore-identity",
                keyless: { url: "https://fulcio.sigstore.dev", identities: [{ issuerRegExp: ".*", subjectRegExp: ".*" }] },
                ctlog: { url: "https://rekor.sigstore.dev" },
            },
        ]);
    });

    test("configured keyless identities and keys become the ClusterImagePolicy's authorities", async () => {
        const pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";
        const run = await runBaseline(
            testConfig({
                baseline: {
                    imageSignatures: {
                        keyless: [
                            { issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github\\.com/acme/.+$" },
                        ],
                        publicKeys: [pem],
                    },
                },
            }),
        );
        expect(at(props(run.resources, "test-baseline-image-signatures-policy"), "spec.authorities")).toEqual([
            {
                name: "keyless",
                keyless: {
                    url: "https://fulcio.sigstore.dev",
                    identities: [
                        { issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github\\.com/acme/.+$" },
                    ],
                },
                ctlog: { url: "https://rekor.sigstore.dev" },
            },
            { name: "key-1", key: { data: pem, hashAlgorithm: "sha256" } },
        ]);
    });

    test("cloud image verification (GKE Binary Authorization): no policy-controller, no sigstore label", async () => {
        const run = await runBaseline(testConfig(), { imageVerification: "cloud" });
        expect(ofType(run.resources, "hardened:kubernetes:ImageSignatures")).toEqual([]);
        expect(ofType(run.resources, "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy")).toEqual([]);
        expect(at(props(run.resources, "test-baseline-tenant-payments-ns"), "metadata.labels")).not.toHaveProperty([
            "policy.sigstore.dev/include",
        ]);
    });

    test("runtime defence off, in-cluster monitoring on: no Falco; pinned Fluent Bit and kube-prometheus-stack in a privileged, excepted namespace", async () => {
        const run = await runBaseline(testConfig({ baseline: { runtimeDefence: false, monitoring: "in-cluster" } }));
        const releases = ofType(run.resources, "kubernetes:helm.sh/v3:Release").map(inputsOf);
        expect(releases.filter((r) => r["namespace"] !== "istio-system").map((r) => [r["chart"], r["version"], r["namespace"]])).toEqual([
            ["policy-controller", CHARTS.policyController.version, "cosign-system"],
            ["fluent-bit", CHARTS.fluentBit.version, "monitoring"],
            ["kube-prometheus-stack", CHARTS.kubePrometheusStack.version, "monitoring"],
        ]);
        const monitoringNs = ofType(run.resources, NS)
            .map(inputsOf)
            .find((n) => at(n, "metadata.name") === "monitoring")!;
        expect(at(monitoringNs, "metadata.annotations")).toEqual({
            [exceptionAnnotationKey("HC-ISO-01")]: formatCarriedException(PRIVILEGED_AGENT_EXCEPTION),
        });
    });
});
