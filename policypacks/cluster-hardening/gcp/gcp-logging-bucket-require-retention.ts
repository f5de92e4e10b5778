import { StackValidationArgs } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";

export const DEFAULT_MINIMUM_RETENTION_DAYS = 365;

/** Cloud Logging's own default, also what a 0 at creation means. */
export const LOGGING_DEFAULT_RETENTION_DAYS = 30;

const BUCKET_TYPES = [
    "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    "gcp:logging/folderBucketConfig:FolderBucketConfig",
    "gcp:logging/organizationBucketConfig:OrganizationBucketConfig",
    "gcp:logging/billingAccountBucketConfig:BillingAccountBucketConfig",
];
const PROJECT_BUCKET = BUCKET_TYPES[0];
const CLUSTER_TYPE = "gcp:container/cluster:Cluster";

/** Google keeps _Required (Admin Activity audit logs) 400 days; its retention cannot be changed. */
const FIXED_BUCKETS = ["_Required"];
const DEFAULT_BUCKET = "_Default";

interface BucketProps {
    readonly bucketId?: string;
    readonly retentionDays?: number;
}

function check(args: StackValidationArgs, report: (message: string, urn?: string) => void): void {
    const buckets = args.resources.filter((r) => BUCKET_TYPES.includes(r.type));
    const hasCluster = args.resources.some((r) => r.type === CLUSTER_TYPE);
    if (buckets.length === 0 && !hasCluster) return args.notApplicable("no GKE cluster and no log bucket in the stack");
    const { minimumDays } = args.getConfig<{ minimumDays: number }>();
    for (const bucket of buckets) {
        const props = bucket.props as BucketProps;
        if (FIXED_BUCKETS.includes(props.bucketId ?? "")) continue;
        const set = props.retentionDays;
        const days = set === undefined || set === 0 ? LOGGING_DEFAULT_RETENTION_DAYS : set;
        if (days < minimumDays) {
            const shown = set === undefined ? `unset (Cloud Logging keeps ${days} days)` : set === 0 ? `0 (${days} days)` : `${set}`;
            report(
                `${bucket.name}: log bucket ${props.bucketId ?? "(unnamed)"} has retentionDays ${shown}; set retentionDays to at least ${minimumDays} for this environment`,
                bucket.urn,
            );
        }
    }
    const manages = buckets.some((b) => b.type === PROJECT_BUCKET && (b.props as BucketProps).bucketId === DEFAULT_BUCKET);
    if (hasCluster && !manages) {
        report(
            `the stack has a GKE cluster but does not manage its project's ${DEFAULT_BUCKET} log bucket, where its Data Access audit, control-plane and flow logs land and which keeps them ${LOGGING_DEFAULT_RETENTION_DAYS} days unless told otherwise; add a gcp.logging.ProjectBucketConfig for bucketId "${DEFAULT_BUCKET}" with retentionDays at least ${minimumDays}`,
        );
    }
}

/**
 * HC-AUD-02. Cloud Logging buckets keep logs at least `minimumDays` (pack config per environment: 30
 * dev, 90 staging, 365 prod). A stack with a GKE cluster must manage its project's _Default bucket,
 * where the Kubernetes Data Access audit logs, control-plane, workload and flow logs go: left alone it
 * keeps them 30 days. _Required (Admin Activity, 400 days, fixed by Google) is not judged. Removing the
 * bucket config from the stack leaves the bucket as it was in the cloud, but a fresh project would get
 * Google's 30 days, so the stack must keep it.
 */
export const loggingBucketRequireRetention = controlStackPolicy({
    name: "gcp-logging-bucket-require-retention",
    controlId: "HC-AUD-02",
    description:
        "Cloud Logging buckets (the project's _Default bucket, which a GKE stack must manage) keep logs at least the environment's minimum.",
    remediationSteps:
        'Manage the _Default bucket with gcp.logging.ProjectBucketConfig { bucketId: "_Default", retentionDays: <minimumDays or more> }.',
    configProperties: {
        minimumDays: {
            type: "integer",
            minimum: 1,
            default: DEFAULT_MINIMUM_RETENTION_DAYS,
            description: "The shortest retention accepted, in days.",
        },
    },
    validateStack: check,
});
