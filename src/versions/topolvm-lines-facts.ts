/**
 * TopoLVM facts the pinned files do not hold, one row per release line, each with its source. Read at each line's
 * tag in the public repository topolvm/topolvm (`git show <tag>:<path>`).
 *
 * Everything else about a line (CRD groups and files, scheduling modes, lvmd modes, webhooks, images, chart
 * versions) is generated from the pinned tree into `topolvm-lines.generated.ts` (`npm run topolvm:lines`).
 */

/** A hand-kept fact of one line. */
export interface TopoLVMLineFact {
  /** Newest patch of the line (as in the generated table). */
  readonly version: string;
  /** Kubernetes minors the line supports, oldest and newest (`README.md` "Supported environments" / "Kubernetes: …"). */
  readonly kubernetes: readonly [string, string];
}

/**
 * Kubernetes minors per line, from `README.md` at the line's tag (the list under "Kubernetes" before v0.6, the
 * line "- Kubernetes: 1.x, 1.y, 1.z" from v0.6 on).
 */
export const TOPOLVM_KUBERNETES: readonly TopoLVMLineFact[] = [
  { version: '0.2.2', kubernetes: ['1.14', '1.16'] }, // v0.2.2 README.md: 1.14, 1.15, 1.16
  { version: '0.3.0', kubernetes: ['1.14', '1.16'] }, // v0.3.0 README.md: 1.14, 1.15, 1.16
  { version: '0.4.8', kubernetes: ['1.15', '1.17'] }, // v0.4.8 README.md: 1.15, 1.16, 1.17
  { version: '0.5.3', kubernetes: ['1.15', '1.17'] }, // v0.5.3 README.md: 1.15, 1.16, 1.17
  { version: '0.6.0', kubernetes: ['1.16', '1.18'] }, // v0.6.0 README.md: 1.18, 1.17, 1.16
  { version: '0.7.0', kubernetes: ['1.17', '1.19'] }, // v0.7.0 README.md: 1.19, 1.18, 1.17
  { version: '0.8.3', kubernetes: ['1.18', '1.20'] }, // v0.8.3 README.md: 1.20, 1.19, 1.18
  { version: '0.9.2', kubernetes: ['1.19', '1.21'] }, // v0.9.2 README.md: 1.21, 1.20, 1.19
  { version: '0.10.6', kubernetes: ['1.21', '1.23'] }, // v0.10.6 README.md: 1.23, 1.22, 1.21
  { version: '0.11.1', kubernetes: ['1.21', '1.23'] }, // v0.11.1 README.md
  { version: '0.12.0', kubernetes: ['1.21', '1.23'] }, // v0.12.0 README.md
  { version: '0.13.0', kubernetes: ['1.21', '1.23'] }, // v0.13.0 README.md
  { version: '0.14.1', kubernetes: ['1.21', '1.23'] }, // v0.14.1 README.md
  { version: '0.15.3', kubernetes: ['1.22', '1.24'] }, // v0.15.3 README.md: 1.24, 1.23, 1.22
  { version: '0.16.0', kubernetes: ['1.22', '1.24'] }, // v0.16.0 README.md
  { version: '0.17.0', kubernetes: ['1.23', '1.25'] }, // v0.17.0 README.md: 1.25, 1.24, 1.23
  { version: '0.18.2', kubernetes: ['1.23', '1.25'] }, // v0.18.2 README.md
  { version: '0.19.1', kubernetes: ['1.24', '1.26'] }, // v0.19.1 README.md: 1.26, 1.25, 1.24
  { version: '0.20.0', kubernetes: ['1.24', '1.26'] }, // v0.20.0 README.md
  { version: '0.21.0', kubernetes: ['1.24', '1.26'] }, // v0.21.0 README.md
  { version: '0.22.0', kubernetes: ['1.25', '1.27'] }, // v0.22.0 README.md: 1.27, 1.26, 1.25
  { version: '0.23.0', kubernetes: ['1.25', '1.27'] }, // v0.23.0 README.md
  { version: '0.24.0', kubernetes: ['1.25', '1.27'] }, // v0.24.0 README.md
  { version: '0.25.0', kubernetes: ['1.25', '1.27'] }, // v0.25.0 README.md
  { version: '0.26.0', kubernetes: ['1.26', '1.28'] }, // v0.26.0 README.md: 1.28, 1.27, 1.26
  { version: '0.27.0', kubernetes: ['1.26', '1.28'] }, // v0.27.0 README.md
  { version: '0.28.0', kubernetes: ['1.26', '1.28'] }, // v0.28.0 README.md
  { version: '0.29.0', kubernetes: ['1.26', '1.28'] }, // v0.29.0 README.md
  { version: '0.30.0', kubernetes: ['1.27', '1.29'] }, // v0.30.0 README.md: 1.29, 1.28, 1.27
  { version: '0.31.0', kubernetes: ['1.28', '1.30'] }, // v0.31.0 README.md: 1.30, 1.29, 1.28
  { version: '0.32.0', kubernetes: ['1.28', '1.30'] }, // v0.32.0 README.md
  { version: '0.33.0', kubernetes: ['1.28', '1.30'] }, // v0.33.0 README.md
  { version: '0.34.0', kubernetes: ['1.28', '1.30'] }, // v0.34.0 README.md
  { version: '0.35.0', kubernetes: ['1.28', '1.30'] }, // v0.35.0 README.md
  { version: '0.36.5', kubernetes: ['1.30', '1.32'] }, // v0.36.5 README.md: 1.32, 1.31, 1.30
  { version: '0.37.0', kubernetes: ['1.30', '1.32'] }, // v0.37.0 README.md
  { version: '0.38.1', kubernetes: ['1.31', '1.33'] }, // v0.38.1 README.md: 1.33, 1.32, 1.31
  { version: '0.39.0', kubernetes: ['1.32', '1.34'] }, // v0.39.0 README.md: 1.34, 1.33, 1.32
  { version: '0.40.2', kubernetes: ['1.32', '1.34'] }, // v0.40.2 README.md
  { version: '0.41.0', kubernetes: ['1.33', '1.35'] }, // v0.41.0 README.md: 1.35, 1.34, 1.33
];

/**
 * Device-class options of lvmd.yaml, by the first line that documents them: `docs/lvmd.md` (the device-class
 * table) at each tag; `type` / `thin-pool` from the line's own `deploy/lvmd-config/lvmd.yaml` (generated table).
 * Before v0.5.0 lvmd took one volume group by flags (`--volume-group`, `--spare`), no lvmd.yaml.
 */
export const TOPOLVM_DEVICE_CLASS_OPTIONS = {
  /** `stripe`, `stripe-size`: v0.7.0 docs/lvmd.md (absent from v0.6.0's). */
  stripe: '0.7.0',
  /** `lvcreate-options`: v0.10.6 docs/lvmd.md (absent from v0.9.2's). */
  lvcreateOptions: '0.10.0',
} as const;

/**
 * The image repository where the generated one (the repository the line's manifests name) is not the one to run:
 * v0.7.0's kustomize manifests name `quay.io/topolvm/topolvm`, whose v0.7.0 image dropped the CSI sidecar binaries
 * (v0.8.3 CHANGELOG.md, entry of #236: the sidecars moved to `topolvm-with-sidecar`).
 */
export const TOPOLVM_IMAGE_OVERRIDES: Readonly<Record<string, string>> = {
  '0.7.0': 'quay.io/topolvm/topolvm-with-sidecar',
};
