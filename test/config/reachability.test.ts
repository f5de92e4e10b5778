import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { validateProgramConfig } from "../../config/program";
import { apiPathOf, planApiReachability, ReachabilityInput, reachabilityOf } from "../../config/reachability";
import { readStackConfig } from "../../tools/mock/stack-files";

const shipped = (stack: string) => planApiReachability(validateProgramConfig(rawConfigFrom(readStackConfig(stack))));

function input(overrides: Partial<ReachabilityInput>): ReachabilityInput {
    return {
        layer: "all",
        cloud: "aws",
        region: "eu-west-1",
        authorizedCidrs: [],
        privateSourceCidrs: [],
        privateSourceSecurityGroupIds: [],
        existingVpc: false,
        ...overrides,
    };
}

describe("planApiReachability on the shipped stacks", () => {
    test.each([
        ["aws-dev", "cluster", "separate-baseline-stack"],
        ["aws-prod", "cluster", "separate-baseline-stack"],
        ["azure-dev", "cluster", "separate-baseline-stack"],
        ["azure-prod", "cluster", "separate-baseline-stack"],
        ["aws-prod-baseline", "baseline", "separate-baseline-stack"],
        ["azure-dev-baseline", "baseline", "separate-baseline-stack"],
        ["gcp-dev", "all", "dns-endpoint-iam"],
        ["gcp-prod", "all", "dns-endpoint-iam"],
        ["existing-cluster", "baseline", "existing-cluster"],
    ])("%s: layer %s, path %s", (stack, layer, path) => {
        const plan = shipped(stack);
        expect(plan.layer).toBe(layer);
        expect(plan.path).toBe(path);
        expect(plan.prerequisites.length).toBeGreaterThan(0);
    });

    test("the AWS cluster stacks: AWS API access only; the baseline stack comes through the runner network, resolving the endpoint privately", () => {
        const plan = shipped("aws-prod");
        expect(plan.summary).toContain("Cloud layer only: this run needs aws API access");
        expect(plan.summary).toContain("from a runner network connected to the VPC: 10.100.0.0/24");
        expect(plan.warnings).toEqual([]);
        expect(plan.prerequisites.join("\n")).toContain(
            "forward eu-west-1.eks.amazonaws.com to a Route 53 Resolver inbound endpoint in the VPC",
        );
        expect(plan.prerequisites.join("\n")).toContain("aws eks get-token");
    });

    test("the Azure cluster stacks: the runner VNet route, and the EncryptionAtHost feature before the first run", () => {
        const plan = shipped("azure-dev");
        expect(plan.summary).toContain("from the runner VNet /subscriptions/");
        const text = plan.prerequisites.join("\n");
        expect(text).toContain("EncryptionAtHost feature registered");
        expect(text).toContain("privatelink.<region>.azmk8s.io");
        expect(text).toContain("kubelogin");
    });

    test("the GCP stacks: the DNS endpoint, Service Usage and Cloud Resource Manager first, connect for everyone, VPC Service Controls as the fence", () => {
        const plan = shipped("gcp-prod");
        expect(plan.summary).toContain("DNS-based control-plane endpoint");
        expect(plan.summary).toContain("container.clusters.connect");
        const text = plan.prerequisites.join("\n");
        expect(text).toContain(
            "gcloud services enable serviceusage.googleapis.com cloudresourcemanager.googleapis.com --project acme-platform-prod",
        );
        expect(text).toContain("roles/container.admin");
        expect(text).toContain("roles/container.clusterViewer, which carries container.clusters.connect");
        expect(text).toContain("VPC Service Controls perimeter");
    });

    test("a baseline stack names the stack it reads; the existing-cluster one the cluster and its minor", () => {
        expect(shipped("aws-dev-baseline").summary).toContain("organization/hardened-cluster/aws-dev");
        const existing = shipped("existing-cluster");
        expect(existing.summary).toContain("existingCluster.kubeconfig (legacy-prod)");
        expect(existing.prerequisites.join("\n")).toContain("Kubernetes 1.33");
    });
});

describe("routes by cloud and layer (table)", () => {
    test.each<[string, Partial<ReachabilityInput>, boolean, string | undefined]>([
        ["aws, nothing", {}, true, undefined],
        ["aws, authorized CIDRs", { authorizedCidrs: ["203.0.113.0/24"] }, true, "authorized-cidrs"],
        ["aws, runner CIDRs, new VPC, before the first run", { privateSourceCidrs: ["10.100.0.0/24"] }, true, undefined],
        ["aws, runner CIDRs, new VPC, later (baseline stack)", { privateSourceCidrs: ["10.100.0.0/24"] }, false, "runner-network"],
        [
            "aws, runner group, existing VPC",
            { privateSourceSecurityGroupIds: ["sg-0123456789abcdef0"], existingVpc: true },
            true,
            "runner-network",
        ],
        ["azure, nothing", { cloud: "azure" }, true, undefined],
        ["azure, runner VNet", { cloud: "azure", runnerVnet: "/subscriptions/x/vnet" }, true, "runner-network"],
        ["azure, authorized CIDRs", { cloud: "azure", authorizedCidrs: ["203.0.113.0/24"] }, true, "authorized-cidrs"],
        ["gcp, nothing", { cloud: "gcp" }, true, "dns-endpoint-iam"],
        ["gcp, authorized CIDRs (still the DNS endpoint)", { cloud: "gcp", authorizedCidrs: ["203.0.113.0/24"] }, true, "dns-endpoint-iam"],
    ])("%s", (_what, overrides, beforeFirstRun, path) => {
        expect(apiPathOf(input(overrides), beforeFirstRun)).toBe(path);
    });

    test("layer all without a route throws the same ConfigError validation reports", () => {
        expect(() => reachabilityOf(input({}))).toThrow(ConfigError);
        expect(() => reachabilityOf(input({}))).toThrow("hardened-cluster:layer");
    });

    test("layer cluster without a route still plans, with a warning naming the keys for the baseline stack", () => {
        const plan = reachabilityOf(input({ layer: "cluster", cloud: "azure" }));
        expect(plan.path).toBe("separate-baseline-stack");
        expect(plan.summary).toContain("through a route that is not configured yet");
        expect(plan.warnings).toEqual([
            "No route to the API server for the baseline stack yet: set apiAccess.authorizedCidrs (the runner's public CIDRs), or aks.runnerVnet (the runner's VNet, peered and linked to the private DNS zone).",
        ]);
    });

    test("layer all with authorized CIDRs: the public endpoint to exactly those, the runner's address inside them", () => {
        const plan = reachabilityOf(input({ authorizedCidrs: ["203.0.113.0/24"] }));
        expect(plan).toMatchObject({ layer: "all", path: "authorized-cidrs", warnings: [] });
        expect(plan.summary).toBe(
            "The baseline is applied in the same run, through the public endpoint, which answers only apiAccess.authorizedCidrs (203.0.113.0/24).",
        );
        expect(plan.prerequisites).toContain("The runner's egress address is inside apiAccess.authorizedCidrs.");
    });
});
