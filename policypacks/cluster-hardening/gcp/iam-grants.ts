/**
 * IAM grants in every form the provider writes them, reduced to (scope, role, members). Pure: callers
 * pass a resource's type and its props (through the SDK's unknown-checking proxy). Members are read
 * lazily, so a policy that can decide from the role alone never touches a member that is unknown in
 * preview (the node account's e-mail, for one).
 *
 * - `member` resources (IAMMember): one role, one member, additive.
 * - `binding` resources (IAMBinding): one role, its whole member list, authoritative for that role.
 * - `policy` resources (IAMPolicy): `policyData`, the JSON of a whole allow policy (bindings[].role and
 *   .members), authoritative for the resource.
 */
export type GrantScope = "project" | "folder" | "organization" | "service account";

export interface Grant {
    readonly scope: GrantScope;
    /** Where the message points: "role" or "policyData.bindings[2]". */
    readonly where: string;
    readonly role: string;
    /** The members; throws the SDK's UnknownValueError when they are not known yet. */
    readonly members: () => readonly string[];
    /** The props key the members come from, for property dependencies ("member", "members", "policyData"). */
    readonly membersKey: "member" | "members" | "policyData";
    /** Set when the grant cannot be read at all (policyData that is not a JSON allow policy). */
    readonly unreadable?: string;
    /** The IAM condition's expression, or undefined for an unconditional grant; throws like `members` when unknown. */
    readonly condition: () => string | undefined;
}

type Form = "member" | "binding" | "policy";

/** The IAM grant resources of @pulumi/gcp 9.37 this pack judges, by type token. */
export const GRANT_TYPES: Readonly<Record<string, { readonly scope: GrantScope; readonly form: Form }>> = {
    "gcp:projects/iAMMember:IAMMember": { scope: "project", form: "member" },
    "gcp:projects/iAMBinding:IAMBinding": { scope: "project", form: "binding" },
    "gcp:projects/iAMPolicy:IAMPolicy": { scope: "project", form: "policy" },
    "gcp:folder/iAMMember:IAMMember": { scope: "folder", form: "member" },
    "gcp:folder/iAMBinding:IAMBinding": { scope: "folder", form: "binding" },
    "gcp:folder/iAMPolicy:IAMPolicy": { scope: "folder", form: "policy" },
    "gcp:organizations/iAMMember:IAMMember": { scope: "organization", form: "member" },
    "gcp:organizations/iAMBinding:IAMBinding": { scope: "organization", form: "binding" },
    "gcp:organizations/iAMPolicy:IAMPolicy": { scope: "organization", form: "policy" },
    "gcp:serviceaccount/iAMMember:IAMMember": { scope: "service account", form: "member" },
    "gcp:serviceaccount/iAMBinding:IAMBinding": { scope: "service account", form: "binding" },
    "gcp:serviceaccount/iAMPolicy:IAMPolicy": { scope: "service account", form: "policy" },
};

export function isGrantType(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(GRANT_TYPES, type);
}

interface PolicyData {
    readonly bindings?: readonly { readonly role?: unknown; readonly members?: unknown; readonly condition?: unknown }[];
}

/** The expression of a `condition` block ({ title, expression, ... }); undefined when there is none. */
function expressionOf(condition: unknown): string | undefined {
    if (condition === null || typeof condition !== "object") return undefined;
    const expression = (condition as { expression?: unknown }).expression;
    return typeof expression === "string" ? expression : undefined;
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** policyData's bindings, or undefined when it is not a JSON allow policy (then it cannot be judged). */
export function policyBindings(policyData: string): { role: string; members: string[]; condition?: string }[] | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(policyData);
    } catch {
        return undefined;
    }
    if (parsed === null || typeof parsed !== "object") return undefined;
    const bindings = (parsed as PolicyData).bindings ?? [];
    if (!Array.isArray(bindings)) return undefined;
    return bindings.map((b) => ({
        role: typeof b.role === "string" ? b.role : "",
        members: strings(b.members),
        condition: expressionOf(b.condition),
    }));
}

/** The grants a resource makes, or [] for a type that is not an IAM grant. */
export function grantsOf(type: string, props: Record<string, unknown>): Grant[] {
    const kind = GRANT_TYPES[type];
    if (!kind) return [];
    if (kind.form === "member") {
        return [
            {
                scope: kind.scope,
                where: "role",
                role: String(props["role"] ?? ""),
                members: () => strings([props["member"]]),
                membersKey: "member",
                condition: () => expressionOf(props["condition"]),
            },
        ];
    }
    if (kind.form === "binding") {
        return [
            {
                scope: kind.scope,
                where: "role",
                role: String(props["role"] ?? ""),
                members: () => strings(props["members"]),
                membersKey: "members",
                condition: () => expressionOf(props["condition"]),
            },
        ];
    }
    const data = props["policyData"];
    const bindings = typeof data === "string" ? policyBindings(data) : undefined;
    if (bindings === undefined) {
        const unreadable =
            "policyData is not a JSON allow policy ({ bindings: [{ role, members }] }), so its grants cannot be judged; write it with gcp.organizations.getIAMPolicy";
        return [
            {
                scope: kind.scope,
                where: "policyData",
                role: "",
                members: () => [],
                membersKey: "policyData",
                unreadable,
                condition: () => undefined,
            },
        ];
    }
    return bindings.map((b, i) => ({
        scope: kind.scope,
        where: `policyData.bindings[${i}]`,
        role: b.role,
        members: () => b.members,
        membersKey: "policyData",
        condition: () => b.condition,
    }));
}

/** allUsers and allAuthenticatedUsers: anyone on the internet, and anyone with any Google account. */
export const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"] as const;

export function isPublicMember(member: string): boolean {
    return (PUBLIC_MEMBERS as readonly string[]).includes(member.trim());
}

/** "serviceAccount:a@b" -> "a@b"; "allUsers" -> "allusers". Lowercase: IAM e-mails are case-insensitive. */
export function memberEmail(member: string): string {
    const colon = member.indexOf(":");
    return (colon >= 0 && !member.startsWith("principal") ? member.slice(colon + 1) : member).trim().toLowerCase();
}
