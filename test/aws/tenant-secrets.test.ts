import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import {
    ROTATION_POLL_INTERVAL,
    SECRETS_STORE_ADDON,
    secretProviderClassParameters,
    secretsStoreAddonConfiguration,
    TENANT_SECRETS_SERVICE_ACCOUNT,
    tenantIdentityPlan,
    tenantSecretArnPattern,
    tenantSecretsReadPolicy,
    tenantSecretsTrustPolicy,
} from "../../components/aws/tenant-secrets-plan";
import { DEFAULT_EKS_ADDON_VERSIONS } from "../../config/clouds/eks";
import { changesOfTypes, planChange } from "../harness/day2";
import { CapturedResource, inputsOf, ofStack, ofType, runStack, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const ADDON = "aws:eks/addon:Addon";
const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
const PROVIDER_CLASS = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";
const KEY = (name: string) => `hardened-cluster:${name}`;
const SCOPE = { partition: "aws", region: "eu-west-1", accountId: "123456789012", clusterName: "platform-prod", tenant: "payments" };

interface Statement {
    Sid?: string;
    Action: string[];
    Resource: string | string[];
    Principal?: Record<string, string>;
    Condition?: Record<string, Record<string, string>>;
}

describe("tenant secrets plan (pure, HC-IAM-06)", () => {
    test("the read policy names only the tenant's prefix, ending in '/' so 'pay' cannot read 'payments'", () => {
        expect(tenantSecretArnPattern(SCOPE)).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-prod/payments/*");
        const [read, decrypt] = tenantSecretsReadPolicy(SCOPE).Statement as unknown as Statement[];
        expect(read).toEqual({
            Sid: "ReadTenantSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
            Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-prod/payments/*",
        });
        expect(decrypt).toMatchObject({
            Action: ["kms:Decrypt"],
            Resource: "arn:aws:kms:eu-west-1:123456789012:key/*",
            Condition: {
                StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:SecretARN": read.Resource },
            },
        });
        for (const action of nonEmpty(tenantSecretsReadPolicy(SCOPE).Statement.flatMap((s) => s.Action))) {
            expect(action).not.toMatch(/\*|List/);
        }
        // IAM's "*" as a regular expression: tenant "pay"'s pattern does not reach a secret of "payments".
        const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.]/g, "\\.").replace(/\*/g, ".*")}$`);
        const paymentsSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-prod/payments/db-AbCdEf";
        expect(glob(tenantSecretArnPattern(SCOPE)).test(paymentsSecret)).toBe(true);
        expect(glob(tenantSecretArnPattern({ ...SCOPE, tenant: "pay" })).test(paymentsSecret)).toBe(false);
    });

    test("the trust admits only Pod Identity, for <tenant>/tenant-secrets of this cluster, on behalf of this account", () => {
        const arn = "arn:aws:eks:eu-west-1:123456789012:cluster/platform-prod";
        const [statement] = tenantSecretsTrustPolicy(arn, "123456789012", "payments").Statement as unknown as Statement[];
        expect(statement).toMatchObject({
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
                StringEquals: {
                    "aws:SourceAccount": "123456789012",
                    "aws:RequestTag/eks-cluster-arn": arn,
                    "aws:RequestTag/kubernetes-namespace": "payments",
                    "aws:RequestTag/kubernetes-service-account": TENANT_SECRETS_SERVICE_ACCOUNT,
                },
            },
        });
    });

    test("SecretProviderClass parameters: Pod Identity, the region, one secretsmanager object per secret under its short name", () => {
        const p = secretProviderClassParameters({ clusterName: "c1", region: "eu-west-1", tenant: "payments", secrets: ["db", "api-key"] });
        expect(p["usePodIdentity"]).toBe("true");
        expect(p["region"]).toBe("eu-west-1");
        expect(parseYaml(p["objects"])).toEqual([
            { objectName: "c1/payments/db", objectType: "secretsmanager", objectAlias: "db" },
            { objectName: "c1/payments/api-key", objectType: "secretsmanager", objectAlias: "api-key" },
        ]);
    });

    test("a tenant without secrets gets its identity but no SecretProviderClass", () => {
        const tenant = { name: "search", editors: [], viewers: [], secrets: [] } as unknown as Parameters<
            typeof tenantIdentityPlan
        >[0]["tenant"];
        const plan = tenantIdentityPlan({ clusterName: "c1", region: "eu-west-1", tenant });
        expect(plan).toEqual({ serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT, annotations: {}, podLabels: {} });
        const withSecrets = tenantIdentityPlan({ clusterName: "c1", region: "eu-west-1", tenant: { ...tenant, secrets: ["db"] } });
        expect(withSecrets.secretProviderClass?.provider).toBe("aws");
    });

    test("add-on values: no Kubernetes Secret sync, rotation on, every pool's taint tolerated by both DaemonSets", () => {
        const taints = [
            { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" as const },
            { key: "isolated", value: "true", effect: "NoSchedule" as const },
        ];
        const values = JSON.parse(secretsStoreAddonConfiguration({ region: "eu-west-1", nodeTaints: taints })) as Record<string, unknown>;
        const tolerations = nonEmpty(values["tolerations"] as unknown[]);
        expect(tolerations).toEqual(taints.map((t) => ({ ...t, operator: "Equal" })));
        expect(values).toEqual({
            awsRegion: "eu-west-1",
            tolerations,
            "secrets-store-csi-driver": {
                syncSecret: { enabled: false },
                enableSecretRotation: true,
                rotationPollInterval: ROTATION_POLL_INTERVAL,
                linux: { tolerations },
            },
        });
    });
});

describe("tenant secrets on the shipped aws-prod stack (issue 14)", () => {
    let prod: CapturedResource[];
    let handover: Record<string, unknown>;
    beforeAll(async () => {
        const run = await runStack("aws-prod");
        prod = run.resources;
        handover = await valueOf(pulumi.output(run.outputs["baselineHandover"]) as pulumi.Output<Record<string, unknown>>);
    });

    test("the managed add-on, pinned, after the node groups, with the planned values", () => {
        const addon = ofType(prod, ADDON).find((a) => inputsOf(a)["addonName"] === SECRETS_STORE_ADDON);
        expect(addon).toBeDefined();
        const inputs = inputsOf(addon!);
        expect(inputs["addonVersion"]).toBe(DEFAULT_EKS_ADDON_VERSIONS.secretsStoreProvider);
        expect(JSON.parse(String(inputs["configurationValues"]))).toMatchObject({
            awsRegion: "eu-west-1",
            "secrets-store-csi-driver": { syncSecret: { enabled: false }, enableSecretRotation: true },
        });
        const nodeGroups = nonEmpty(ofType(prod, "aws:eks/nodeGroup:NodeGroup").map((g) => g.urn));
        expect(addon!.dependencies).toEqual(expect.arrayContaining(nodeGroups));
    });

    test.each(["payments", "search"])("tenant %s: its own role, read policy and association for its tenant-secrets account", (tenant) => {
        const role = ofType(prod, ROLE).find((r) => r.name === `platform-prod-tenant-${tenant}-secrets-role`);
        expect(role).toBeDefined();
        const trust = JSON.parse(String(inputsOf(role!)["assumeRolePolicy"])) as { Statement: Statement[] };
        expect(trust.Statement).toHaveLength(1);
        expect(trust.Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
        expect(trust.Statement[0].Condition?.["StringEquals"]).toMatchObject({
            "aws:RequestTag/kubernetes-namespace": tenant,
            "aws:RequestTag/kubernetes-service-account": TENANT_SECRETS_SERVICE_ACCOUNT,
            "aws:SourceAccount": expect.stringMatching(/^\d{12}$/),
        });
        const policy = ofType(prod, ROLE_POLICY).find((r) => r.name === `platform-prod-tenant-${tenant}-secrets-read`);
        expect(policy?.propertyDependencies["role"]).toEqual([role!.urn]);
        const document = JSON.parse(String(inputsOf(policy!)["policy"])) as { Statement: Statement[] };
        expect(document.Statement[0].Resource).toMatch(new RegExp(`:secret:platform-prod/${tenant}/\\*$`));
        const association = ofType(prod, ASSOCIATION).find((a) => a.name === `platform-prod-tenant-${tenant}-secrets`);
        expect(inputsOf(association!)).toMatchObject({ namespace: tenant, serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT });
        expect(association!.propertyDependencies["roleArn"]).toEqual([role!.urn]);
    });

    test("the node role holds no Secrets Manager grant (HC-IAM-06)", () => {
        const nodeRole = ofType(prod, ROLE).find((r) => r.name === "platform-prod-node-role");
        expect(nodeRole).toBeDefined();
        const onNode = prod.filter((r) => (r.propertyDependencies["role"] ?? []).includes(nodeRole!.urn));
        for (const grant of nonEmpty(onNode.map((r) => String(inputsOf(r)["policyArn"] ?? inputsOf(r)["policy"] ?? "")))) {
            expect(grant.toLowerCase()).not.toContain("secretsmanager");
        }
    });

    test("the hand-over: each tenant's identity, the payments class, no class for search, secretStore enabled", () => {
        const identities = handover["tenantIdentities"] as Record<string, Record<string, unknown>>;
        expect(Object.keys(identities).sort()).toEqual(["payments", "search"]);
        expect(identities["search"]).toEqual({ serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT, annotations: {}, podLabels: {} });
        expect(identities["payments"]["secretProviderClass"]).toEqual({
            provider: "aws",
            parameters: secretProviderClassParameters({
                clusterName: "platform-prod",
                region: "eu-west-1",
                tenant: "payments",
                secrets: ["db-credentials", "api-key"],
            }),
        });
        expect(handover["secretStore"]).toMatchObject({ enabled: true, settings: { provider: "aws", addon: SECRETS_STORE_ADDON } });
    });

    test("the baseline stack creates the tenant's account and its SecretProviderClass with those parameters", () => {
        const baseline = ofStack(prod, "aws-prod-baseline");
        const accounts = ofType(baseline, SERVICE_ACCOUNT).filter(
            (a) => (inputsOf(a)["metadata"] as Record<string, unknown>)["name"] === "tenant-secrets",
        );
        expect(accounts.map((a) => (inputsOf(a)["metadata"] as Record<string, unknown>)["namespace"]).sort()).toEqual([
            "payments",
            "search",
        ]);
        const classes = nonEmpty(ofType(baseline, PROVIDER_CLASS));
        expect(classes).toHaveLength(1);
        const inputs = inputsOf(classes[0]);
        expect(inputs["metadata"]).toMatchObject({ name: "tenant-secrets", namespace: "payments" });
        expect(inputs["spec"]).toEqual({
            provider: "aws",
            parameters: {
                usePodIdentity: "true",
                region: "eu-west-1",
                objects: secretProviderClassParameters({
                    clusterName: "platform-prod",
                    region: "eu-west-1",
                    tenant: "payments",
                    secrets: ["db-credentials", "api-key"],
                })["objects"],
            },
        });
    });

    test("secretStore.enabled false: no add-on, no tenant roles or associations, neutral hand-over", async () => {
        const run = await runStack("aws-prod", { [KEY("secretStore")]: { enabled: false } });
        const out = await valueOf(pulumi.output(run.outputs["baselineHandover"]) as pulumi.Output<Record<string, unknown>>);
        expect(run.resources.filter((r) => /tenant-.*-secrets|secrets-store/.test(r.name)).map((r) => r.name)).toEqual([]);
        expect(out["tenantIdentities"]).toEqual({});
        expect(out["secretStore"]).toEqual({ enabled: false, settings: {} });
        expect(ofType(run.resources, PROVIDER_CLASS)).toEqual([]);
    });
});

describe("EKS day-2: a tenant adds a secret (issue 14)", () => {
    const QUOTA = { cpu: "8", memory: "16Gi", pods: 50 };
    const tenants = (paymentsSecrets: string[]) => ({
        [KEY("tenants")]: [
            { name: "payments", editors: ["arn:aws:iam::123456789012:role/team-payments"], quota: QUOTA, secrets: paymentsSecrets },
            { name: "search", editors: ["arn:aws:iam::123456789012:role/team-search"], quota: QUOTA },
        ],
    });

    test.each([
        ["its first secret", [], ["db-credentials"], "create"],
        ["another secret", ["db-credentials"], ["db-credentials", "api-key"], "update"],
    ])("adding %s changes only the SecretProviderClass: the role, its policy and the association stay", async (_, before, after, kind) => {
        const { changes } = await planChange("aws-prod", tenants(before), tenants(after));
        expect(changesOfTypes(changes, [ROLE, ROLE_POLICY, ASSOCIATION, ADDON, "aws:eks/cluster:Cluster"])).toEqual([]);
        const summary = nonEmpty(changes).map((c) => `${c.kind} ${c.type}`);
        expect(summary).toEqual([`${kind} ${PROVIDER_CLASS}`]);
    });

    test("switching secretStore off only deletes the add-on, the tenant roles, policies, associations, accounts and class", async () => {
        const KEEP = ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup"];
        const { changes } = await planChange("aws-prod", {}, { [KEY("secretStore")]: { enabled: false } });
        expect(changesOfTypes(changes, KEEP)).toEqual([]);
        const summary = nonEmpty(changes).map((c) => `${c.kind} ${c.type} ${c.name}`);
        expect(summary.sort()).toEqual(
            [
                `delete ${ADDON} platform-prod-${SECRETS_STORE_ADDON}`,
                ...["payments", "search"].flatMap((t) => [
                    `delete ${ROLE} platform-prod-tenant-${t}-secrets-role`,
                    `delete ${ROLE_POLICY} platform-prod-tenant-${t}-secrets-read`,
                    `delete ${ASSOCIATION} platform-prod-tenant-${t}-secrets`,
                    `delete ${SERVICE_ACCOUNT} platform-prod-baseline-tenant-${t}-identity`,
                ]),
                `delete ${PROVIDER_CLASS} platform-prod-baseline-tenant-payments-secrets`,
            ].sort(),
        );
    });
});
