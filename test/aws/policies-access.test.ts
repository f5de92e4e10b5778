import * as aws from "@pulumi/aws";
import { GROUPS } from "../../components/aws/access-plan";
import { rawConfigFrom } from "../../config/load";
import { validateProgramConfig } from "../../config/program";
import { validateStackConfig } from "../../config/validate";
import { awsEksAccessRestrictClusterAdmin } from "../../policypacks/cluster-hardening/aws/eks-access-restrict-cluster-admin";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";
import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource, inputsOf, ofType, runStack } from "../harness";
import { evaluatePolicy } from "../harness/policies";
import { added, expectPasses, messages, mutated, prodConfig, Props, statuses } from "./policy-fixture";

const policy = awsEksAccessRestrictClusterAdmin;
const ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const DEVELOPERS = "arn:aws:iam::123456789012:role/platform-developers";
const SCOPED_FIX =
    "grant AmazonEKSEditPolicy or AmazonEKSViewPolicy scoped to its own namespaces, or list it in adminPrincipals if it is a platform admin";

interface AdminConfig {
    readonly adminPrincipals: string[];
    readonly adminGroups: string[];
}

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

function association(change: (p: Props) => void, name = "platform-prod-access-123456789012-platform-developers-edit"): CapturedResource[] {
    return mutated(prod, ASSOCIATION, change, name);
}

describe("aws-eks-access-restrict-cluster-admin", () => {
    test("passes on both shipped stacks with the shipped config (admins and the deployer are listed)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev, readPackConfig("cluster-hardening", "dev"));
    });

    test("wrong value: the developers' association switched to AmazonEKSClusterAdminPolicy", async () => {
        const bad = association((p) => (p["policyArn"] = CLUSTER_ADMIN));
        expect(await messages(policy, bad)).toEqual([
            `[HC-IAM-05] associates AmazonEKSClusterAdminPolicy (which is cluster-admin (every verb on every resource)) over namespaces [payments, search] with ${DEVELOPERS}, which is not one of the pack config's adminPrincipals; ${SCOPED_FIX}`,
        ]);
    });

    test("unset scope: the developers' edit association without accessScope reaches the whole cluster", async () => {
        const bad = association((p) => delete p["accessScope"]);
        expect(await messages(policy, bad)).toEqual([
            `[HC-IAM-05] associates AmazonEKSEditPolicy (which execs into pods, reads Secrets and impersonates service accounts) over the whole cluster with ${DEVELOPERS}, which is not one of the pack config's adminPrincipals; ${SCOPED_FIX}`,
        ]);
    });

    test("wrong scope: edit cluster-wide or in kube-system, namespace admin for a tenant", async () => {
        const clusterWide = association((p) => (p["accessScope"] = { type: "cluster" }));
        expect(await messages(policy, clusterWide)).toHaveLength(1);
        const kubeSystem = association((p) => (p["accessScope"] = { type: "namespace", namespaces: ["payments", "kube-system"] }));
        expect((await messages(policy, kubeSystem))[0]).toContain("AmazonEKSEditPolicy");
        const tenantAdmin = association(
            (p) => (p["policyArn"] = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy"),
            "platform-prod-access-123456789012-team-payments-edit",
        );
        expect(await messages(policy, tenantAdmin)).toEqual([
            `[HC-IAM-05] associates AmazonEKSAdminPolicy (which writes Roles and RoleBindings, so it can grant itself anything in its scope) over namespaces [payments] with arn:aws:iam::123456789012:role/team-payments, which is not one of the pack config's adminPrincipals; ${SCOPED_FIX}`,
        ]);
        const viewAll = association(
            (p) => (p["policyArn"] = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy"),
            "platform-prod-access-123456789012-platform-auditors-view",
        );
        expect((await messages(policy, viewAll))[0]).toContain("reads every resource, Secrets included");
    });

    test("access entries: a team mapped into the admin group, or into system:masters", async () => {
        const adminGroup = mutated(
            prod,
            ENTRY,
            (p) => (p["kubernetesGroups"] = [GROUPS.tenantEditors("payments"), GROUPS.admins]),
            "platform-prod-access-123456789012-team-payments",
        );
        expect(await messages(policy, adminGroup)).toEqual([
            "[HC-IAM-05] maps arn:aws:iam::123456789012:role/team-payments, which is not one of the pack config's adminPrincipals, to the cluster-admin group(s) [hardened:platform-admins]; map it to its team's group, or list it in adminPrincipals if it is a platform admin",
        ]);
        const masters = mutated(
            prod,
            ENTRY,
            (p) => (p["kubernetesGroups"] = ["system:masters"]),
            "platform-prod-access-123456789012-team-search",
        );
        expect(await messages(policy, masters)).toEqual([
            '[HC-IAM-05] maps arn:aws:iam::123456789012:role/team-search to [system:masters]; EKS refuses "system:" groups in access entries and system:masters would bypass RBAC: map admins to a group in adminGroups instead',
        ]);
    });

    test("unset pack config: with no adminPrincipals every admin grant is reported, naming the missing list", async () => {
        const found = await messages(policy, prod, {});
        expect(found).toHaveLength(2);
        expect(found[0]).toContain("and the pack config lists no adminPrincipals");
    });

    test("judges who, not where: a grant added outside the component fails for a team role and passes for a listed admin (any case)", async () => {
        const extra = await added(() => {
            const entry = new aws.eks.AccessEntry("ci", {
                clusterName: "platform-prod",
                principalArn: "arn:aws:iam::123456789012:role/ci",
            });
            new aws.eks.AccessPolicyAssociation("ci-admin", {
                clusterName: "platform-prod",
                principalArn: entry.principalArn,
                policyArn: CLUSTER_ADMIN,
                accessScope: { type: "cluster" },
            });
            new aws.eks.AccessPolicyAssociation("admins-again", {
                clusterName: "platform-prod",
                principalArn: "arn:aws:iam::123456789012:role/Platform-Admins",
                policyArn: CLUSTER_ADMIN,
                accessScope: { type: "cluster" },
            });
        });
        const outcomes = await evaluatePolicy(policy, [...prod, ...extra], prodConfig());
        expect(outcomes.filter((o) => o.status === "violation").map((o) => [o.urn?.split("::").pop(), o.message])).toEqual([
            [
                "ci-admin",
                `[HC-IAM-05] associates AmazonEKSClusterAdminPolicy (which is cluster-admin (every verb on every resource)) over the whole cluster with arn:aws:iam::123456789012:role/ci, which is not one of the pack config's adminPrincipals; ${SCOPED_FIX}`,
            ],
        ]);
        expect(outcomes.filter((o) => o.urn?.endsWith("::admins-again")).map((o) => o.status)).toEqual(["pass"]);
    });

    test("preview: the blueprint is judged (entry ARNs are inputs); an association for a role created in the same preview is not evaluated", async () => {
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        expect(new Set(statuses(await evaluatePolicy(policy, resources, prodConfig()), policy))).toEqual(new Set(["pass"]));
        const extra = await added(() => {
            const role = new aws.iam.Role("new-admin", {
                assumeRolePolicy: JSON.stringify({
                    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            });
            new aws.eks.AccessPolicyAssociation("new-admin", {
                clusterName: "platform-prod",
                principalArn: role.arn,
                policyArn: CLUSTER_ADMIN,
                accessScope: { type: "cluster" },
            });
        }, true);
        const outcomes = await evaluatePolicy(policy, extra, prodConfig());
        expect(
            outcomes.filter((o) => o.urn?.endsWith("accessPolicyAssociation:AccessPolicyAssociation::new-admin")).map((o) => o.status),
        ).toEqual(["not-evaluated"]);
    });
});

describe("the shipped pack configs name every shipped AWS stack's admins and deployer", () => {
    // The stacks that build an EKS cluster (layer all or cluster); their paired baseline stacks grant no cloud access.
    const awsStacks = listStacks().filter((s) => {
        const config = validateProgramConfig(rawConfigFrom(readStackConfig(s)));
        return config.layer !== "baseline" && config.cloud === "aws";
    });

    test("there are shipped AWS cluster stacks to check", () => expect(awsStacks.length).toBeGreaterThan(0));

    test.each(awsStacks)(
        "%s: access.admins and access.deployer (required in prod) are adminPrincipals; adminGroups holds the admin group",
        async (stack) => {
            const config = validateStackConfig(rawConfigFrom(readStackConfig(stack)));
            const entry = readPackConfig("cluster-hardening", config.environment)[policy.name] as unknown as AdminConfig;
            const listed = new Set(entry.adminPrincipals.map((a) => a.toLowerCase()));
            const { admins, deployer } = config.access;
            if (config.environment === "prod") expect(deployer).toBeDefined();
            const expected = [...admins, ...(deployer !== undefined ? [deployer] : [])];
            expect(expected.length).toBeGreaterThan(0);
            expect(expected.filter((a) => !listed.has(a.toLowerCase()))).toEqual([]);
            expect(entry.adminGroups).toContain(GROUPS.admins);
            // The deployer the run resolves (access.deployer, or outside prod the caller) gets cluster-admin too.
            const { resources } = await runStack(stack);
            const clusterAdmins = ofType(resources, ASSOCIATION)
                .map(inputsOf)
                .filter((p) => p["policyArn"] === CLUSTER_ADMIN)
                .map((p) => String(p["principalArn"]));
            expect(clusterAdmins.length).toBeGreaterThan(0);
            expect(clusterAdmins.filter((a) => !listed.has(a.toLowerCase()))).toEqual([]);
        },
    );

    test("staging, which has no shipped stack, names the same admins as prod", () => {
        const staging = readPackConfig("cluster-hardening", "staging")[policy.name];
        expect(staging).toEqual(readPackConfig("cluster-hardening", "prod")[policy.name]);
    });
});
