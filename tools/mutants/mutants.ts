/**
 * Deliberate bugs the test suite must catch: each replaces one exact piece of source (which must occur
 * exactly once, so a mutant that no longer applies is noticed) and names the test files that should
 * fail. `npm run test:mutants` applies them one at a time to a copy of the repository.
 */
export interface Mutant {
    readonly id: string;
    /** The bug, as a reviewer would describe it. */
    readonly bug: string;
    /** Repository-relative source file. */
    readonly file: string;
    readonly find: string;
    readonly replace: string;
    /** Repository-relative test files to run; at least one of them must fail. */
    readonly tests: readonly string[];
}

export const MUTANTS: readonly Mutant[] = [
    {
        id: "imdsv2-policy-accepts-missing-tokens",
        bug: "the IMDSv2 policy accepts a launch template without httpTokens",
        file: "policypacks/cluster-hardening/aws/ec2-launchtemplate-require-imdsv2.ts",
        find: 'if (options?.httpTokens !== "required") {',
        replace: 'if (options?.httpTokens !== undefined && options.httpTokens !== "required") {',
        tests: ["test/aws/policies.test.ts", "test/mutation/aws.test.ts"],
    },
    {
        id: "retention-policy-accepts-unset",
        bug: "the log retention policy accepts a log group without retentionInDays",
        file: "policypacks/cluster-hardening/aws/cloudwatch-loggroup-require-retention.ts",
        find: "if (days === undefined || days === 0) {",
        replace: "if (days === 0) {",
        tests: ["test/aws/policies.test.ts", "test/mutation/aws.test.ts"],
    },
    {
        id: "endpoint-policy-trusts-unset-public-access",
        bug: "the EKS endpoint policy treats an unset endpointPublicAccess as off (AWS's default is on)",
        file: "policypacks/cluster-hardening/aws/eks-cluster-require-private-endpoint.ts",
        find: "if (vpc.endpointPublicAccess === false) return;",
        replace: "if (vpc.endpointPublicAccess !== true) return;",
        tests: ["test/aws/policies.test.ts", "test/mutation/aws.test.ts"],
    },
    {
        id: "default-deny-policy-ignores-egress",
        bug: "the default-deny policy counts any all-pods NetworkPolicy as denying egress",
        file: "policypacks/kubernetes-hardening/rules/kubernetes-namespace-require-default-deny.ts",
        find: '(type === "Ingress" ? p.ingress : p.egress).length === 0,',
        replace: '(type === "Ingress" ? p.ingress.length === 0 : true),',
        tests: ["test/kubernetes/policies-objects.test.ts", "test/mutation/aws.test.ts"],
    },
    {
        id: "cluster-admin-policy-ignores-rolebindings",
        bug: "the cluster-admin policy lets a RoleBinding grant cluster-admin in a namespace",
        file: "policypacks/kubernetes-hardening/rules/kubernetes-rbac-restrict-cluster-admin.ts",
        find: "report(`${binding.label} grants cluster-admin inside a namespace; bind the admin, edit or view ClusterRole instead`);",
        replace: "",
        tests: ["test/kubernetes/policies-objects.test.ts", "test/mutation/aws.test.ts"],
    },
    {
        id: "tenant-without-default-deny",
        bug: "a tenant namespace is created without its default-deny NetworkPolicy",
        file: "components/kubernetes/tenant-namespace.ts",
        find: "new k8s.networking.v1.NetworkPolicy(\n            `${name}-default-deny`,",
        replace: "false &&\n            new k8s.networking.v1.NetworkPolicy(\n            `${name}-default-deny`,",
        tests: ["test/kubernetes/baseline.test.ts", "test/kubernetes/stacks.test.ts"],
    },
    {
        id: "launch-template-unencrypted",
        bug: "EKS launch templates map their volumes unencrypted",
        file: "components/aws/nodegroups.ts",
        find: 'encrypted: "true",',
        replace: 'encrypted: "false",',
        tests: ["test/aws/cluster.test.ts"],
    },
    {
        id: "gke-pool-unshielded",
        bug: "GKE node pools lose their shielded-instance settings (no secure boot)",
        file: "components/gcp/node-pools.ts",
        find: "shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },",
        replace: "",
        tests: ["test/gcp/component.test.ts"],
    },
    {
        id: "aks-pool-without-host-encryption",
        bug: "AKS pools are created without encryption at host",
        file: "components/azure/pools.ts",
        find: "enableEncryptionAtHost: true,",
        replace: "enableEncryptionAtHost: false,",
        tests: ["test/azure/component.test.ts"],
    },
    {
        id: "admission-warn-in-prod",
        bug: "admission bindings in Deny mode (prod) only warn",
        file: "components/kubernetes/admission/plan.ts",
        find: 'case "Deny":\n            return ["Deny"];',
        replace: 'case "Deny":\n            return ["Warn", "Audit"];',
        tests: ["test/kubernetes/plan.test.ts", "test/kubernetes/baseline.test.ts"],
    },
];

/**
 * A change that alters no behaviour (a comment). Run first: the runner must report it as surviving,
 * or it would count a broken run (a test that fails whatever the source) as a kill.
 */
export const CONTROL_MUTANT: Mutant = {
    id: "control-comment-only",
    bug: "(control) a comment added: no behaviour changes, so no test may fail",
    file: "policypacks/cluster-hardening/aws/ec2-launchtemplate-require-imdsv2.ts",
    find: "export const awsEc2LaunchtemplateRequireImdsv2 = controlResourcePolicy({",
    replace: "// control mutant: nothing changes below\nexport const awsEc2LaunchtemplateRequireImdsv2 = controlResourcePolicy({",
    tests: ["test/aws/policies.test.ts"],
};

/** How many times `find` occurs in `text` (a mutant applies only when it is exactly once). */
export function occurrences(text: string, find: string): number {
    let count = 0;
    for (let i = text.indexOf(find); i >= 0; i = text.indexOf(find, i + find.length)) count++;
    return count;
}
