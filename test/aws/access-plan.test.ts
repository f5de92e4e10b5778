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
                isDeployer: false,
            },
            {
                key: "123456789012-auditors",
                principalArn: role("auditors"),
                kubernetesGroups: ["hardened:viewers"],
                grants: [{ policy: "AmazonEKSViewPolicy", scope: { type: "cluster" } }],
                isDeployer: false,
            },
            {
                key: "123456789012-devs",
                principalArn: role("devs"),
                kubernetesGroups: ["hardened:developers"],
                grants: [{ policy: "AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["payments", "search"] } }],
                isDeployer: false,
            },
            {
                key: "123456789012-team-payments",
                principalArn: role("team-payments"),
                kubernetesGroups: ["hardened:tenant:payments:editors"],
                grants: [{ policy: "AmazonEKSEditPolicy", scope: { type: "namespace", namespaces: ["payments"] } }],
                isDeployer: false,
            },
            {
                key: "123456789012-search-ro",
                principalArn: role("search-ro"),
                kubernetesGroups: ["hardened:tenant:search:viewers"],
                grants: [{ policy: "AmazonEKSViewPolicy", scope: { type: "namespace", namespaces: ["search"] } }],
                isDeployer: false,
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
            {
                key: "123456789012-devs",
                principalArn: role("devs"),
                kubernetesGroups: ["hardened:developers"],
                grants: [],
                isDeployer: false,
            },
        ]);
    });

    test("the deployer outside every list gets an entry of its own, with cluster-admin and no groups", () => {
        const plan = planAccessEntries({
            access: { admins: [role("admins")], developers: [], viewers: [] },
            tenants: [],
            deployer: role("ci"),
        });
        expect(plan.find((p) => p.isDeployer)).toEqual({
            key: "123456789012-ci",
            principalArn: role("ci"),
            kubernetesGroups: [],
            grants: [{ policy: "AmazonEKSClusterAdminPolicy", scope: { type: "cluster" } }],
            isDeployer: true,
        });
        expect(plan).toHaveLength(2);
    });

    test.each([
        ["a developer", { admins: [role("admins")], developers: [role("ci")], viewers: [] }, []],
        ["a viewer", { admins: [role("admins")], developers: [], viewers: [role("ci")] }, []],
        ["a tenant editor", { admins: [role("admins")], developers: [], viewers: [] }, [tenant("payments", [role("ci")])]],
        ["a tenant viewer", { admins: [role("admins")], developers: [], viewers: [] }, [tenant("payments", [], [role("ci")])]],
    ])(
        "a deployer that is also %s keeps one entry, with cluster-admin attached to it (EKS allows one entry per principal)",
        (_, access, tenants) => {
            const plan = planAccessEntries({ access, tenants, deployer: role("CI") });
            const entries = plan.filter((p) => p.principalArn.toLowerCase() === role("ci"));
            expect(entries).toHaveLength(1);
            expect(entries[0].isDeployer).toBe(true);
            expect(entries[0].kubernetesGroups.length).toBeGreaterThan(0);
            expect(entries[0].grants).toContainEqual({ policy: "AmazonEKSClusterAdminPolicy", scope: { type: "cluster" } });
            expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
        },
    );

    test("a deployer that is an admin adds nothing: its admin entry is the deployer's", () => {
        const without = planAccessEntries({ access: { admins: [role("admins")], developers: [], viewers: [] }, tenants: [] });
        const withDeployer = planAccessEntries({
            access: { admins: [role("admins")], developers: [], viewers: [] },
            tenants: [],
            deployer: role("Admins"),
        });
        const ignoringFlag = (plans: typeof without) => plans.map((p) => ({ ...p, isDeployer: undefined }));
        expect(ignoringFlag(withDeployer)).toEqual(ignoringFlag(without));
        expect(withDeployer[0].isDeployer).toBe(true);
    });

    test("one principal spelled in two cases is one entry", () => {
        const plan = planAccessEntries({
            access: { admins: [role("Platform-Admins")], developers: [], viewers: [role("platform-admins")] },
            tenants: [],
        });
        expect(plan).toHaveLength(1);
        expect(plan[0].principalArn).toBe(role("Platform-Admins"));
        expect(plan[0].kubernetesGroups).toEqual(["hardened:platform-admins", "hardened:viewers"]);
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
