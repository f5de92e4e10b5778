import { MutationTable } from "./framework/rows";

/**
 * The lowest kill rate each table may have (a test checks it). It only goes up: raise it when a branch
 * closes gaps; never lower it to make room for a weaker pack. A new table starts at its first rate.
 */
export const KILL_RATE_FLOOR: Readonly<Record<`${MutationTable["pack"]}/${MutationTable["cloud"]}`, number>> = {
    "cluster-hardening/aws": 0.975,
    "kubernetes-hardening/aws": 0.989,
    "cluster-hardening/azure": 0.975,
    "kubernetes-hardening/azure": 0.989,
    "cluster-hardening/gcp": 0.974,
    "kubernetes-hardening/gcp": 0.988,
};
