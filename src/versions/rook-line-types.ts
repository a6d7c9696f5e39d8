/** Shape of the generated Rook line table (src/versions/rook-lines.generated.ts, written by src/tools/rook-lines.ts). */

/** Where a line reads its CSI settings: ceph-csi-operator resources, rook-ceph-operator-config keys, operator env, or no CSI. */
export type GeneratedCsiConfig = 'csi-operator' | 'operator-configmap' | 'operator-env' | 'none';

/** The facts of one Rook line as written into the generated table. */
export interface GeneratedRookLine {
  readonly version: string;
  readonly crdFiles: string[];
  readonly crdApiVersion: string;
  readonly crdKinds: string[];
  /** Names of the `ROOK_FIELD_PROBES` (src/versions/rook-field-probes.ts) whose kind and field the line's CRDs declare. */
  readonly fields: string[];
  readonly maxMgrCount: number;
  readonly operatorImage: string;
  readonly defaultCephImage: string;
  readonly configMapKeys: string[];
  readonly envVars: string[];
  readonly csiImages: Record<string, string>;
  readonly csiConfig: GeneratedCsiConfig;
  readonly flexVolume: boolean;
  readonly charts: string[];
  readonly chartValues: Record<string, string[]>;
  readonly vendoredFiles: string[];
}

