/**
 * The format of a reviewed exception carried on a resource: the cloud tag / Kubernetes annotation key
 * and its value. Shared by the components that attach an exception and the packs that read it.
 */

/** Cloud tag key (AWS, Azure): letters, digits and '-' only, as Azure tag names allow no '/'. */
export const TAG_PREFIX = "hardened-cluster-exception-";
/** Kubernetes annotation key prefix. */
export const ANNOTATION_PREFIX = "exceptions.hardened-cluster.io/";
/** Exceptions are reviewed at least once a year. */
export const MAX_EXCEPTION_DAYS = 365;
/** The shortest reason an exception may give. */
export const MIN_REASON_LENGTH = 10;

/**
 * Value of a tag or annotation: `expires=2027-03-31 approver=jane@example.com reason=free text to the end`.
 * Only characters that AWS and Azure tag values accept are needed.
 */
export const CARRIED_VALUE = /^expires=(\S+) approver=(\S+) reason=(.+)$/;

export function exceptionTagKey(controlId: string): string {
    return `${TAG_PREFIX}${controlId}`;
}

export function exceptionAnnotationKey(controlId: string): string {
    return `${ANNOTATION_PREFIX}${controlId}`;
}

/** Builds the carried value, for components and tests that attach an exception. */
export function formatCarriedException(e: { expires: string; approver: string; reason: string }): string {
    return `expires=${e.expires} approver=${e.approver} reason=${e.reason}`;
}
