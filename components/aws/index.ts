export { EksHardenedCluster } from "./cluster";
export type { EksHardenedClusterArgs } from "./cluster";
