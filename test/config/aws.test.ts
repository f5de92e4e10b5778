import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { validateStackConfig } from "../../config/validate";
import { AwsConfig } from "../../config/types";
import { readStackConfig } from "../../tools/mock/stack-files";

/** The shipped aws-dev stack's config, as raw JSON, with top-level keys replaced. */
function rawDev(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const raw: Record<string, unknown> = { ...rawConfigFrom(readStackConfig("aws-dev")) };
    for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete raw[k];
        else raw[k] = v;
    }
    return raw;
}

function errorOf(raw: Record<string, unknown>): ConfigError {
    try {
        validateStackConfig(raw);
    } catch (e) {
        if (e instanceof ConfigError) return e;
        throw e;
    }
    throw new Error("expected a ConfigError");
}

function problemAt(error: ConfigError, key: string) {
    const found = error.problems.filter((p) => p.key === key);
    if (found.length === 0) throw new Error(`no problem for ${key}; got:\n${error.message}`);
    return found[0];
}

describe("AWS stack config", () => {
    test("the shipped stacks validate, with EKS defaults", () => {
        const dev = validateStackConfig(rawDev()) as AwsConfig;
        expect(dev.eks.nodeOs).toBe("bottlerocket");
        expect(dev.eks.interfaceEndpoints).toBe(false);
        const prod = validateStackConfig(rawConfigFrom(readStackConfig("aws-prod"))) as AwsConfig;
        expect(prod.eks.interfaceEndpoints).toBe(true);
        expect(prod.network.zones).toBe(3);
        expect(prod.network.natLayout).toBe("perZone");
    });

    test("a malformed role ARN names the key, the value and the allowed form", () => {
        const error = errorOf(rawDev({ access: { admins: ["arn:aws:iam::12345:user/alice"] } }));
        const p = problemAt(error, "hardened-cluster:access.admins[0]");
        expect(p.value).toBe("arn:aws:iam::12345:user/alice");
        expect(error.message).toContain('hardened-cluster:access.admins[0]: got "arn:aws:iam::12345:user/alice"');
        expect(error.message).toContain("an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admins");
    });

    test("an unknown region names the key, the value and known regions", () => {
        const error = errorOf(rawDev({ region: "eu-west-9" }));
        expect(problemAt(error, "hardened-cluster:region").value).toBe("eu-west-9");
        expect(error.message).toContain('hardened-cluster:region: got "eu-west-9"');
        expect(error.message).toContain("aws region (this one is not offered); known: us-east-1");
        const typo = errorOf(rawDev({ region: "westeurope" }));
        expect(typo.message).toContain("aws region name such as eu-west-1");
    });

    test("0.0.0.0/0 as a public API CIDR is refused with the reason", () => {
        const error = errorOf(rawDev({ apiAccess: { authorizedCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } }));
        const p = problemAt(error, "hardened-cluster:apiAccess.authorizedCidrs[1]");
        expect(p.value).toBe("0.0.0.0/0");
        expect(error.message).toContain("specific CIDRs (0.0.0.0/0 opens the API server to the internet)");
        expect(error.problems.some((q) => q.key === "hardened-cluster:apiAccess.authorizedCidrs[0]")).toBe(false);
    });

    test.each([
        ["a public block", "8.8.0.0/16"],
        ["a block wider than /12", "10.0.0.0/8"],
        ["a block narrower than /24", "172.20.0.0/26"],
    ])("service CIDR: %s is refused", (_label, serviceCidr) => {
        const error = errorOf(rawDev({ network: { cidr: "10.20.0.0/16", serviceCidr } }));
        const ours = error.problems.filter(
            (p) => p.key === "hardened-cluster:network.serviceCidr" && p.allowed.startsWith("a private block"),
        );
        expect(ours).toHaveLength(1);
        expect(ours[0].value).toBe(serviceCidr);
        expect(ours[0].allowed).toContain("a private block (inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) of /12 to /24");
    });

    test("a service CIDR overlapping the VPC is refused", () => {
        const error = errorOf(rawDev({ network: { cidr: "10.20.0.0/16", serviceCidr: "10.20.128.0/20" } }));
        expect(problemAt(error, "hardened-cluster:network.serviceCidr").allowed).toContain("does not overlap network.cidr (10.20.0.0/16)");
    });

    test("a VPC block the planner cannot cut is refused", () => {
        const error = errorOf(rawDev({ network: { cidr: "10.20.0.0/24", serviceCidr: "172.20.0.0/16" } }));
        expect(problemAt(error, "hardened-cluster:network.cidr").allowed).toContain("a VPC block of /16 to /22");
    });

    test("existing subnets: fewer than two, duplicates, and endpoints in a foreign VPC", () => {
        expect(
            problemAt(
                errorOf(rawDev({ eks: { existingPrivateSubnetIds: ["subnet-0123456789abcdef0"] } })),
                "hardened-cluster:eks.existingPrivateSubnetIds",
            ).allowed,
        ).toContain("at least two subnet ids");
        const dup = errorOf(rawDev({ eks: { existingPrivateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef0"] } }));
        expect(problemAt(dup, "hardened-cluster:eks.existingPrivateSubnetIds[1]").allowed).toContain("repeats [0]");
        const endpoints = errorOf(
            rawDev({
                eks: { existingPrivateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], interfaceEndpoints: true },
            }),
        );
        expect(problemAt(endpoints, "hardened-cluster:eks.interfaceEndpoints").value).toBe(true);
    });

    test("one zone, and a pod CIDR (unused on AWS), are refused", () => {
        const error = errorOf(rawDev({ network: { cidr: "10.20.0.0/16", zones: 1, podCidr: "10.64.0.0/14" } }));
        expect(problemAt(error, "hardened-cluster:network.zones")).toEqual({
            key: "hardened-cluster:network.zones",
            value: 1,
            allowed: "2 or 3 on aws: EKS needs subnets in at least two availability zones",
        });
        expect(problemAt(error, "hardened-cluster:network.podCidr").allowed).toContain("no podCidr on aws");
    });

    test("a retention CloudWatch does not offer is refused", () => {
        const error = errorOf(rawDev({ logRetentionDays: 100 }));
        const p = problemAt(error, "hardened-cluster:logRetentionDays");
        expect(p.value).toBe(100);
        expect(p.allowed).toContain("one of CloudWatch Logs' retention values: 1, 3, 5, 7, 14, 30, 60, 90");
    });

    test("add-on versions: malformed, and kube-proxy of another minor", () => {
        const bad = errorOf(rawDev({ eks: { addonVersions: { vpcCni: "latest" } } }));
        expect(problemAt(bad, "hardened-cluster:eks.addonVersions.vpcCni").allowed).toContain(
            "an EKS add-on version such as v1.20.4-eksbuild.1",
        );
        const skew = errorOf(rawDev({ kubernetesVersion: "1.33" }));
        expect(problemAt(skew, "hardened-cluster:eks.addonVersions.kubeProxy").allowed).toContain(
            "a kube-proxy version for Kubernetes 1.33",
        );
        expect(() =>
            validateStackConfig(rawDev({ kubernetesVersion: "1.33", eks: { addonVersions: { kubeProxy: "v1.33.3-eksbuild.4" } } })),
        ).not.toThrow();
    });

    test("eks.supportType: STANDARD by default, EXTENDED when asked, anything else refused with the allowed values", () => {
        expect((validateStackConfig(rawDev()) as AwsConfig).eks.supportType).toBe("STANDARD");
        expect((validateStackConfig(rawDev({ eks: { supportType: "EXTENDED" } })) as AwsConfig).eks.supportType).toBe("EXTENDED");
        const p = problemAt(errorOf(rawDev({ eks: { supportType: "standard" } })), "hardened-cluster:eks.supportType");
        expect(p.value).toBe("standard");
        expect(p.allowed).toBe("STANDARD or EXTENDED");
    });

    test("eks.autoscaler: cluster-autoscaler by default, none when asked, anything else refused with the allowed values", () => {
        expect((validateStackConfig(rawDev()) as AwsConfig).eks.autoscaler).toBe("cluster-autoscaler");
        expect((validateStackConfig(rawDev({ eks: { autoscaler: "none" } })) as AwsConfig).eks.autoscaler).toBe("none");
        const p = problemAt(errorOf(rawDev({ eks: { autoscaler: "karpenter" } })), "hardened-cluster:eks.autoscaler");
        expect([p.value, p.allowed]).toEqual(["karpenter", "cluster-autoscaler or none"]);
    });

    test("eks.adoptExistingLogGroups: false by default, a boolean only", () => {
        expect((validateStackConfig(rawDev()) as AwsConfig).eks.adoptExistingLogGroups).toBe(false);
        const p = problemAt(errorOf(rawDev({ eks: { adoptExistingLogGroups: "yes" } })), "hardened-cluster:eks.adoptExistingLogGroups");
        expect([p.value, p.allowed]).toEqual(["yes", "true or false"]);
    });
});
