import * as k8s from "@pulumi/kubernetes";
import { CapturedResource } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { capture, edit, messages, named, statusesOf, unknownAt } from "./edits";
import { ROLE, runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

const SPC = "test-baseline-tenant-payments-secrets";
const SYNC = "kubernetes-secretproviderclass-deny-secret-sync";
const NODE_IDENTITY = "kubernetes-secretproviderclass-deny-node-identity";

let prod: CapturedResource[];
beforeAll(async () => {
    const identity = (tenant: string) => ({
        serviceAccount: "tenant-secrets",
        annotations: { "eks.amazonaws.com/role-arn": ROLE(`tenant-${tenant}`) },
        podLabels: {},
        secretProviderClass: {
            provider: "aws",
            parameters: { usePodIdentity: "true", objects: `- objectName: "${tenant}/db"\n  objectType: "secretsmanager"` },
        },
    });
    prod = (
        await runBaseline(testConfig(), {
            handover: { tenantIdentities: { payments: identity("payments"), search: identity("search") } },
        })
    ).resources;
});

async function added(spec: Record<string, unknown>): Promise<CapturedResource[]> {
    return capture(() => {
        new k8s.apiextensions.CustomResource("payments-extra", {
            apiVersion: "secrets-store.csi.x-k8s.io/v1",
            kind: "SecretProviderClass",
            metadata: { name: "extra", namespace: "payments" },
            spec,
        });
    });
}

describe("tenant editors manage their own SecretProviderClasses (HC-IAM-06)", () => {
    test("the tenant editor role reads and writes secretproviderclasses (bound per namespace, never cluster-wide)", () => {
        const rules = named(prod, "test-baseline-rbac-tenant-editor").props["rules"] as {
            apiGroups: string[];
            resources: string[];
            verbs: string[];
        }[];
        expect(rules).toContainEqual({
            apiGroups: ["secrets-store.csi.x-k8s.io"],
            resources: ["secretproviderclasses"],
            verbs: ["get", "list", "watch", "create", "delete", "deletecollection", "patch", "update"],
        });
        const bindings = prod.filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
        for (const binding of nonEmpty(bindings))
            expect((binding.props["roleRef"] as { name: string }).name).not.toBe("hardened-tenant-editor");
    });

    test.each([SYNC, NODE_IDENTITY])("%s passes on the baseline's tenant-secrets classes", async (name) => {
        expect(statusesOf(await evaluate(name, prod))).toEqual(["pass"]);
    });
});

describe("kubernetes-secretproviderclass-deny-secret-sync (HC-IAM-06)", () => {
    test("wrong value: secretObjects mirror the cloud secret into a Kubernetes Secret", async () => {
        const stack = edit(prod, SPC, "spec.secretObjects", [
            { secretName: "db", type: "Opaque", data: [{ objectName: "db", key: "password" }] },
        ]);
        expect(messages(await evaluate(SYNC, stack))).toEqual([
            '[HC-IAM-06] SecretProviderClass payments/tenant-secrets syncs cloud secrets into Kubernetes Secrets ["db"] (spec.secretObjects), back into etcd and readable without the tenant\'s cloud identity; remove spec.secretObjects and read the mounted files',
        ]);
    });

    test("an empty secretObjects list syncs nothing; unknown in preview is not evaluated", async () => {
        expect(statusesOf(await evaluate(SYNC, edit(prod, SPC, "spec.secretObjects", [])))).toEqual(["pass"]);
        expect(statusesOf(await evaluate(SYNC, unknownAt(prod, SPC, "spec.secretObjects")))).toContain("not-evaluated");
    });
});

describe("kubernetes-secretproviderclass-deny-node-identity (HC-IAM-06)", () => {
    test("Azure: the node's managed identity", async () => {
        const stack = await added({ provider: "azure", parameters: { useVMManagedIdentity: "true", keyvaultName: "kv", tenantId: "t" } });
        expect(messages(await evaluate(NODE_IDENTITY, stack))).toEqual([
            expect.stringContaining(
                'SecretProviderClass payments/extra sets parameters.useVMManagedIdentity "true", so it reads Key Vault as the node\'s managed identity',
            ),
        ]);
    });

    test("GCP: the provider's own credentials", async () => {
        const stack = await added({ provider: "gcp", parameters: { auth: "provider-adc", secrets: "- resourceName: x" } });
        expect(messages(await evaluate(NODE_IDENTITY, stack))).toEqual([
            expect.stringContaining(
                'sets parameters.auth "provider-adc", so it reads Secret Manager as the provider\'s own identity, shared by every namespace; set it to "pod-adc"',
            ),
        ]);
    });

    test("compliant: the pod's identity (GCP pod-adc, Azure clientID, AWS Pod Identity)", async () => {
        const stack = [
            ...(await added({ provider: "gcp", parameters: { auth: "pod-adc", secrets: "- resourceName: x" } })),
            ...edit(prod, SPC, "spec.parameters.useVMManagedIdentity", "false"),
        ];
        expect(statusesOf(await evaluate(NODE_IDENTITY, stack))).toEqual(["pass"]);
    });
});
