import * as k8s from "@pulumi/kubernetes";

/** RBAC subjects for group names as the API server sees them after the cloud's identity mapping. */
export function groupSubjects(groups: readonly string[]): k8s.types.input.rbac.v1.Subject[] {
    return groups.map((name) => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name }));
}
