import * as pulumi from "@pulumi/pulumi";
import { projectMismatch } from "../../components/gcp/connection";
import { gcpProviderArgs, gkeAuthPlugin } from "../../components/gcp/provider-args";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { CapturedResource, inputsOf, runStack, single, valueOf } from "../harness";
import { cloudResources, refusedRun } from "../shared/guard";

const NUMBER = MOCK_IDENTITY.gcpProjectNumber;
const SA = "deployer@acme-platform-prod.iam.gserviceaccount.com";
const DELEGATE = "broker@acme-seed.iam.gserviceaccount.com";
const T = { provider: "pulumi:providers:gcp" } as const;

describe("gcpProviderArgs (pure)", () => {
    const gke = { projectId: "acme-platform-prod", groupsDomain: "example.com", releaseChannel: "STABLE" as const, attestationSigners: [] };

    test("carries every gcp:* setting, pinned to gke.projectId and the stack's region; SDK-only keys stay out", async () => {
        const args = gcpProviderArgs({
            region: "europe-west1",
            gke,
            providerSettings: {
                project: "acme-platform-prod",
                region: "europe-west1",
                impersonateServiceAccount: SA,
                impersonateServiceAccountDelegates: [DELEGATE],
                billingProject: "acme-billing",
                userProjectOverride: true,
                defaultLabels: { team: "platform" },
                disableGlobalProjectWarning: true,
                customEndpoints: { containerCustomEndpoint: "https://container.example/" },
            },
        });
        expect(args).toEqual({
            project: "acme-platform-prod",
            region: "europe-west1",
            impersonateServiceAccount: SA,
            impersonateServiceAccountDelegates: [DELEGATE],
            billingProject: "acme-billing",
            userProjectOverride: true,
            defaultLabels: { team: "platform" },
            containerCustomEndpoint: "https://container.example/",
        });
    });

    test("a credentials file path stays secret", async () => {
        const args = gcpProviderArgs({ region: "europe-west1", gke, providerSettings: { credentials: "/secrets/key.json" } });
        const credentials = args.credentials as pulumi.Output<string>;
        expect(await pulumi.isSecret(credentials)).toBe(true);
        expect(await valueOf(credentials)).toBe("/secrets/key.json");
    });
});

describe("gkeAuthPlugin (pure): the plugin signs in as the provider does", () => {
    test("no impersonation: Application Default Credentials, like the provider", () => {
        expect(gkeAuthPlugin()).toEqual({ args: ["--use_application_default_credentials"], env: {} });
        expect(gkeAuthPlugin({ credentials: "/secrets/key.json" })).toEqual({
            args: ["--use_application_default_credentials"],
            env: { GOOGLE_APPLICATION_CREDENTIALS: "/secrets/key.json" },
        });
    });

    test("impersonation: the same service account through the same delegation chain", () => {
        expect(gkeAuthPlugin({ impersonateServiceAccount: SA, impersonateServiceAccountDelegates: [DELEGATE] })).toEqual({
            args: [`--impersonate_service_account=${DELEGATE},${SA}`],
            env: {},
        });
        expect(gkeAuthPlugin({ impersonateServiceAccount: SA, credentials: "/secrets/key.json" }).env).toEqual({
            CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE: "/secrets/key.json",
        });
    });
});

describe("projectMismatch (pure)", () => {
    const gke = { projectId: "acme-platform-prod", groupsDomain: "example.com", releaseChannel: "STABLE" as const, attestationSigners: [] };

    test("the stack's number must be the project's; no number means the credentials cannot see the project", () => {
        expect(projectMismatch({ ...gke, projectNumber: NUMBER }, NUMBER)).toBeUndefined();
        expect(projectMismatch(gke, NUMBER)).toBeUndefined();
        expect(projectMismatch({ ...gke, projectNumber: "42" }, NUMBER)).toBe(
            `gke.projectNumber is 42, but project acme-platform-prod has number ${NUMBER}`,
        );
        expect(projectMismatch(gke, "")).toContain("has no project number for these credentials");
    });
});

describe("the explicit gcp provider and the kubeconfig (under mocks)", () => {
    let resources: CapturedResource[];
    let exec: { args: string[]; env?: { name: string; value: string }[] };
    beforeAll(async () => {
        const run = await runStack("gcp-prod", {
            "gcp:impersonateServiceAccount": SA,
            "gcp:project": "acme-platform-prod",
            "gcp:userProjectOverride": "true",
            "gcp:billingProject": "acme-platform-prod",
        });
        resources = run.resources;
        exec = JSON.parse(await valueOf(run.outputs["kubeconfig"] as pulumi.Output<string>)).users[0].user.exec;
    });

    test("the provider carries the impersonation and billing settings, pinned to the stack's project and region", () => {
        const provider = single(resources, T.provider);
        expect(provider.name).toBe("platform-prod-gcp");
        expect(inputsOf(provider)).toMatchObject({
            impersonateServiceAccount: SA,
            project: "acme-platform-prod",
            region: "europe-west1",
            billingProject: "acme-platform-prod",
        });
    });

    test("every Google Cloud resource goes through it", () => {
        const provider = single(resources, T.provider);
        const google = resources.filter((r) => r.type.startsWith("gcp:"));
        expect(google.length).toBeGreaterThan(30);
        expect(google.filter((r) => !r.provider?.startsWith(`${provider.urn}::`)).map((r) => r.name)).toEqual([]);
    });

    test("the kubeconfig's plugin impersonates the same service account", () => {
        expect(exec.args).toEqual([`--impersonate_service_account=${SA}`]);
    });
});

describe("the project number guard (under mocks)", () => {
    test("a project whose number is not gke.projectNumber stops the run before any Google Cloud resource is registered", async () => {
        const { error, registered } = await refusedRun("gcp-prod", {
            "hardened-cluster:gke": {
                projectId: "acme-platform-prod",
                groupsDomain: "example.com",
                projectNumber: "987654321098",
                attestationSigners: ["serviceAccount:release-signer@acme-platform-prod.iam.gserviceaccount.com"],
            },
        });
        expect(error).toBeInstanceOf(pulumi.RunError);
        expect(error.message).toContain(`gke.projectNumber is 987654321098, but project acme-platform-prod has number ${NUMBER}`);
        expect(registered.some((r) => r.type === T.provider)).toBe(true);
        expect(cloudResources(registered)).toEqual([]);
    });
});
