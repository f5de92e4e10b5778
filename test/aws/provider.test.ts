import * as pulumi from "@pulumi/pulumi";
import { accountMismatch, callerWarning } from "../../components/aws/connection";
import { awsExecCredential, awsProviderArgs } from "../../components/aws/provider-args";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { CapturedResource, inputsOf, ofType, runStack, single, valueOf } from "../harness";
import { cloudResources, refusedRun } from "../shared/guard";

const ACCOUNT = MOCK_IDENTITY.awsAccountId;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const T = {
    provider: "pulumi:providers:aws",
    k8sProvider: "pulumi:providers:kubernetes",
    entry: "aws:eks/accessEntry:AccessEntry",
    association: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
} as const;

describe("awsProviderArgs (pure)", () => {
    test("carries every aws:* setting and pins the stack's region", () => {
        const args = awsProviderArgs({
            region: "eu-west-1",
            providerSettings: {
                region: "eu-west-1",
                profile: "platform-prod",
                allowedAccountIds: [ACCOUNT],
                assumeRoles: [{ roleArn: role("platform-deployer"), sessionName: "ci", duration: "1h" }],
                sharedConfigFiles: ["/etc/aws/config"],
                defaultTags: { tags: { "cost-centre": "platform" } },
                skipMetadataApiCheck: false,
                maxRetries: 10,
            },
        });
        expect(args).toEqual({
            region: "eu-west-1",
            profile: "platform-prod",
            allowedAccountIds: [ACCOUNT],
            assumeRoles: [{ roleArn: role("platform-deployer"), sessionName: "ci", duration: "1h" }],
            sharedConfigFiles: ["/etc/aws/config"],
            defaultTags: { tags: { "cost-centre": "platform" } },
            skipMetadataApiCheck: false,
            maxRetries: 10,
        });
    });

    test("without settings: only the region (the ambient credential chain)", () => {
        expect(awsProviderArgs({ region: "us-east-1", providerSettings: {} })).toEqual({ region: "us-east-1" });
    });
});

describe("awsExecCredential (pure): get-token signs in as the provider does", () => {
    const base = ["eks", "get-token", "--cluster-name", "c", "--region", "eu-west-1", "--output", "json"];

    test("ambient credentials: no profile, no role, no variables", () => {
        expect(awsExecCredential("c", "eu-west-1")).toEqual({ args: base, env: {} });
    });

    test("the provider's profile and assumed role", () => {
        expect(
            awsExecCredential("c", "eu-west-1", { profile: "platform-prod", assumeRoles: [{ roleArn: role("platform-deployer") }] }),
        ).toEqual({ args: [...base, "--profile", "platform-prod", "--role-arn", role("platform-deployer")], env: {} });
    });

    test("the provider's shared files and web identity token file, as the AWS CLI's variables", () => {
        const credential = awsExecCredential("c", "eu-west-1", {
            sharedConfigFiles: ["/etc/aws/config"],
            sharedCredentialsFiles: ["/etc/aws/credentials"],
            assumeRoleWithWebIdentity: { roleArn: role("ci"), webIdentityTokenFile: "/var/run/token", sessionName: "gha" },
        });
        expect(credential).toEqual({
            args: base,
            env: {
                AWS_CONFIG_FILE: "/etc/aws/config",
                AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials",
                AWS_ROLE_ARN: role("ci"),
                AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token",
                AWS_ROLE_SESSION_NAME: "gha",
            },
        });
    });
});

describe("accountMismatch (pure)", () => {
    test("an allowed account passes; another account, or a forbidden one, is named with the key", () => {
        expect(accountMismatch({ allowedAccountIds: [ACCOUNT] }, ACCOUNT)).toBeUndefined();
        expect(accountMismatch({}, ACCOUNT)).toBeUndefined();
        expect(accountMismatch({ allowedAccountIds: ["210987654321"] }, ACCOUNT)).toBe(
            `aws:allowedAccountIds is ["210987654321"], but the credentials belong to account ${ACCOUNT}`,
        );
        expect(accountMismatch({ forbiddenAccountIds: [ACCOUNT] }, ACCOUNT)).toContain("aws:forbiddenAccountIds lists");
    });
});

describe("callerWarning (pure)", () => {
    test("the deployer or an admin runs quietly; anyone else is warned that the baseline will be refused", () => {
        expect(callerWarning(role("platform-deployer"), role("Platform-Deployer"), [])).toBeUndefined();
        expect(callerWarning(role("platform-admins"), role("platform-deployer"), [role("platform-admins")])).toBeUndefined();
        expect(callerWarning(role("someone"), role("platform-deployer"), [role("platform-admins")])).toContain(
            `this run signs in as ${role("someone")}, which is neither access.deployer`,
        );
        expect(callerWarning(role("someone"), role("platform-deployer"), [], "all")).toContain("will be refused by the cluster");
    });

    test("a cluster-layer run is told what its baseline stack will sign in as", () => {
        expect(callerWarning(role("platform-deployer"), role("platform-deployer"), [], "cluster")).toBeUndefined();
        const warning = callerWarning(role("someone"), role("platform-deployer"), [], "cluster");
        expect(warning).toContain(`this run signs in as ${role("someone")}`);
        expect(warning).toContain(
            "this run creates nothing in the cluster, but the baseline stack signs in through this stack's kubeconfig",
        );
    });
});

describe("the stack's aws:* settings reach the explicit provider and the kubeconfig (under mocks)", () => {
    let resources: CapturedResource[];
    let kubeconfig: { users: { user: { exec: { args: string[]; env?: { name: string; value: string }[] } } }[] };
    beforeAll(async () => {
        const run = await runStack("aws-prod", {
            "aws:profile": "platform-prod",
            "aws:assumeRoles": [{ roleArn: role("platform-deployer"), sessionName: "pulumi" }],
            "aws:defaultTags": { tags: { "cost-centre": "platform" } },
            "aws:sharedConfigFiles": ["/etc/aws/config"],
        });
        resources = run.resources;
        kubeconfig = JSON.parse(await valueOf(run.outputs["kubeconfig"] as pulumi.Output<string>));
    });

    test("the provider carries the profile, the assumed role, the account guard and the default tags", () => {
        const provider = inputsOf(single(resources, T.provider));
        expect(provider["profile"]).toBe("platform-prod");
        expect(JSON.parse(String(provider["allowedAccountIds"]))).toEqual([ACCOUNT]);
        expect(JSON.parse(String(provider["assumeRoles"]))).toEqual([{ roleArn: role("platform-deployer"), sessionName: "pulumi" }]);
        expect(JSON.parse(String(provider["defaultTags"]))).toEqual({ tags: { "cost-centre": "platform" } });
        expect(provider["region"]).toBe("eu-west-1");
    });

    test("every AWS resource goes through that provider", () => {
        const provider = single(resources, T.provider);
        const aws = resources.filter((r) => r.type.startsWith("aws:"));
        expect(aws.length).toBeGreaterThan(60);
        expect(aws.filter((r) => !r.provider?.startsWith(`${provider.urn}::`)).map((r) => r.name)).toEqual([]);
    });

    test("the kubeconfig's get-token uses the same profile, role and config file", () => {
        const exec = kubeconfig.users[0].user.exec;
        expect(exec.args).toEqual(expect.arrayContaining(["--profile", "platform-prod", "--role-arn", role("platform-deployer")]));
        expect(exec.env).toEqual([{ name: "AWS_CONFIG_FILE", value: "/etc/aws/config" }]);
    });

    test("the paired baseline stack reads that kubeconfig as it is: it signs in with the cluster stack's profile and role", () => {
        expect(resources.filter((r) => r.stack === "aws-prod-baseline" && r.type === T.provider)).toEqual([]);
        const k8s = single(resources, T.k8sProvider);
        expect(k8s.stack).toBe("aws-prod-baseline");
        const read = JSON.parse(String(inputsOf(k8s)["kubeconfig"])) as typeof kubeconfig;
        expect(read.users[0].user.exec).toEqual(kubeconfig.users[0].user.exec);
    });
});

describe("the account guard (under mocks)", () => {
    test("credentials of another account stop the run before any AWS resource is registered", async () => {
        const { error, registered } = await refusedRun("aws-prod", { "aws:allowedAccountIds": ["210987654321"] });
        expect(error).toBeInstanceOf(pulumi.RunError);
        expect(error.message).toContain("nothing was created");
        expect(error.message).toContain(`aws:allowedAccountIds is ["210987654321"], but the credentials belong to account ${ACCOUNT}`);
        expect(registered.some((r) => r.type === T.provider)).toBe(true);
        expect(cloudResources(registered)).toEqual([]);
    });

    test("a forbidden account stops the run too", async () => {
        const { error, registered } = await refusedRun("aws-dev", { "aws:forbiddenAccountIds": [ACCOUNT] });
        expect(error.message).toContain(`aws:forbiddenAccountIds lists ${ACCOUNT}`);
        expect(cloudResources(registered)).toEqual([]);
    });
});

describe("the deployer's access entry (under mocks)", () => {
    // The Kubernetes provider the baseline waits on exists in a one-run (layer all) stack; split into layers,
    // the baseline stack's provider waits for nothing (the cluster stack was deployed first).
    const inOneRun = { "hardened-cluster:layer": "all", "hardened-cluster:apiAccess": { authorizedCidrs: ["203.0.113.0/24"] } };
    const entriesFor = (rs: readonly CapturedResource[], arn: string) =>
        ofType(rs, T.entry).filter((e) => String(inputsOf(e)["principalArn"]).toLowerCase() === arn.toLowerCase());
    const associationsOf = (rs: readonly CapturedResource[], entryName: string) =>
        ofType(rs, T.association).filter((a) => a.name.startsWith(`${entryName}-`));

    test("prod: the explicit access.deployer gets the entry, whoever runs the update", async () => {
        const { resources } = await runStack("aws-prod", {
            "hardened-cluster:access": {
                admins: [role("platform-admins")],
                deployer: role("release-pipeline"),
            },
        });
        const [entry] = entriesFor(resources, role("release-pipeline"));
        expect(entry.name).toBe("platform-prod-access-123456789012-release-pipeline");
        expect(associationsOf(resources, entry.name).map((a) => String(inputsOf(a)["policyArn"]).split("/").pop())).toEqual([
            "AmazonEKSClusterAdminPolicy",
        ]);
        // The mock caller (platform-deployer) gets nothing: the entry does not follow who runs the update.
        expect(entriesFor(resources, role("platform-deployer"))).toEqual([]);
    });

    test.each([
        ["developers", { developers: [role("platform-deployer")] }, []],
        ["viewers", { viewers: [role("platform-deployer")] }, []],
        ["tenant editors", {}, [{ name: "payments", editors: [role("Platform-Deployer")], quota: { cpu: "1", memory: "1Gi", pods: 5 } }]],
    ])(
        "a deployer that is also in %s keeps one entry; cluster-admin is attached to it and the baseline waits for it",
        async (_, lists, tenants) => {
            const { resources } = await runStack("aws-dev", {
                ...inOneRun,
                "hardened-cluster:access": { admins: [role("platform-admins")], ...lists, deployer: role("platform-deployer") },
                "hardened-cluster:tenants": tenants,
            });
            const entries = entriesFor(resources, role("platform-deployer"));
            expect(entries).toHaveLength(1);
            expect((inputsOf(entries[0])["kubernetesGroups"] as string[]).length).toBeGreaterThan(0);
            const associations = associationsOf(resources, entries[0].name);
            const admin = associations.find((a) => String(inputsOf(a)["policyArn"]).endsWith("/AmazonEKSClusterAdminPolicy"));
            expect(admin).toBeDefined();
            const k8s = single(resources, T.k8sProvider);
            expect(k8s.dependencies).toEqual(expect.arrayContaining([entries[0].urn, admin?.urn]));
        },
    );

    test("a deployer that is an admin: no entry of its own, and the baseline waits for the admin entry and its association", async () => {
        const { resources } = await runStack("aws-prod", {
            ...inOneRun,
            "hardened-cluster:access": {
                admins: [role("platform-admins"), role("platform-deployer")],
                deployer: role("Platform-Deployer"),
            },
        });
        const entries = entriesFor(resources, role("platform-deployer"));
        expect(entries.map((e) => inputsOf(e)["kubernetesGroups"])).toEqual([["hardened:platform-admins"]]);
        const associations = associationsOf(resources, entries[0].name);
        expect(associations).toHaveLength(1);
        const k8s = single(resources, T.k8sProvider);
        expect(k8s.dependencies).toEqual(expect.arrayContaining([entries[0].urn, associations[0].urn]));
    });

    test("dev without access.deployer: the caller's role (from the provider's session) is the deployer", async () => {
        const { resources } = await runStack("aws-dev");
        expect(entriesFor(resources, role("platform-deployer")).map((e) => inputsOf(e)["kubernetesGroups"])).toEqual([[]]);
    });
});
