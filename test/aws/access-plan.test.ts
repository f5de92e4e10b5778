import { accessPolicyArn, GROUPS, kubernetesSubjects, planAccessEntries, principalKey } from "../../components/aws/access-plan";

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const tenant = (name: string, editors: string[] = [], viewers: string[] = []) => ({ name, editors, viewers });

describe("planAccessEntries", () => {
    test("maps each list to its groups and EKS access policy with the right scope", () => {
        const plan = planAccessEntries({
            access: { admins: [role("admins")], developers: [role("devs")], viewers: [role("auditors")] },
            tenants: [tenant("payments", [role("team-payments")]), tenant("search", [], [role("search-ro")])],
        });
        expect(plan).toEqual([
            {
                key: "123456789012-admins",
                principalArn: role("admins"),
                kubernetesGroups: ["hardened:platform-admins"],
                grants: [{ policy: "AmazonEKSClusterAdminPolicy", scope: { type: "cluster" } }],
            },
            {
                key: "123456789012-auditors",
                principalArn: role("auditors"),
                kubernetesGroups: ["hardened:viewers"],
                grants: [{ policy: "AmazonEKSViewPolicy", scope: { type: "cluster" } }],
            },
            {
                key: "123456789012-devs",
                principalArn: role("devs"),
                kubernetesGroups: ["hardened:developers"],
                grants: [{ policy: "AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["payments", "search"] } }],
            },
            {
                key: "123456789012-team-payments",
                principalArn: role("team-payments"),
                kubernetesGroups: ["hardened:tenant:payments:editors"],
                grants: [{ policy: "AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["payments"] } }],
            },
            {
                key: "123456789012-search-ro",
                principalArn: role("search-ro"),
                kubernetesGroups: ["hardened:tenant:search:viewers"],
                grants: [{ policy: "AmazonEKSViewPolicy", scope: { type: "namespace", namespaces: ["search"] } }],
            },
        ]);
    });

    test("a principal in several lists gets one entry; same-policy grants merge, cluster scope wins", () => {
        const plan = planAccessEntries({
            access: { admins: [], developers: [], viewers: [role("ops")] },
            tenants: [tenant("a", [role("ops")], [role("ops")]), tenant("b", [role("ops")])],
        });
        expect(plan).toHaveLength(1);
        expect(plan[0].kubernetesGroups).toEqual([
            "hardened:tenant:a:editors",
            "hardened:tenant:a:viewers",
            "hardened:tenant:b:editors",
            "hardened:viewers",
        ]);
        expect(plan[0].grants).toEqual([
            { policy: "AmazonEKSViewPolicy", scope: { type: "cluster" } },
            { policy: "AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["a", "b"] } },
        ]);
    });

    test("developers without tenants get their group but no EKS edit grant (there is no namespace to scope it to)", () => {
        const plan = planAccessEntries({ access: { admins: [], developers: [role("devs")], viewers: [] }, tenants: [] });
        expect(plan).toEqual([
            { key: "123456789012-devs", principalArn: role("devs"), kubernetesGroups: ["hardened:developers"], grants: [] },
        ]);
    });

    test.each([
        ["arn:aws:iam::123456789012:role/platform-admins", "123456789012-platform-admins"],
        ["arn:aws:iam::123456789012:role/teams/Payments_RW", "123456789012-teams-payments-rw"],
        ["arn:aws-us-gov:iam::210987654321:role/x", "210987654321-x"],
    ])("principalKey(%s) = %s", (arn, key) => {
        expect(principalKey(arn)).toBe(key);
    });

    test("principalKey refuses what is not an IAM role ARN", () => {
        expect(() => principalKey("arn:aws:sts::123456789012:assumed-role/x/y")).toThrow("not an IAM role or user ARN");
    });

    test("access policy ARNs follow the partition", () => {
        expect(accessPolicyArn("aws", "AmazonEKSClusterAdminPolicy")).toBe(
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
        );
        expect(accessPolicyArn("aws-cn", "AmazonEKSViewPolicy")).toBe("arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
    });
});

describe("kubernetesSubjects", () => {
    test("lists exactly the groups the access entries carry, and only groups with members", () => {
        const input = {
            access: { admins: [role("admins")], developers: [], viewers: [role("auditors")] },
            tenants: [tenant("payments", [role("team-payments")]), tenant("search", [role("s")], [role("s-ro")])],
        };
        const subjects = kubernetesSubjects(input);
        expect(subjects).toEqual({
            admins: [GROUPS.admins],
            developers: [],
            viewers: [GROUPS.viewers],
            tenants: {
                payments: { editors: ["hardened:tenant:payments:editors"], viewers: [] },
                search: { editors: ["hardened:tenant:search:editors"], viewers: ["hardened:tenant:search:viewers"] },
            },
        });
        const subjectGroups = new Set([
            ...subjects.admins,
            ...subjects.viewers,
            ...subjects.developers,
            ...Object.values(subjects.tenants).flatMap((t) => [...t.editors, ...t.viewers]),
        ]);
        const entryGroups = new Set(planAccessEntries(input).flatMap((e) => e.kubernetesGroups));
        expect(subjectGroups).toEqual(entryGroups);
    });
});
