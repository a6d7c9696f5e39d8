/**
 * The part of a Rook operator that other constructs configure: ConfigMap keys, Deployment env, Helm values.
 *
 * `RookOperator` (issue #3) implements it; constructs such as `FlexVolume` only depend on this interface,
 * so they work with either operator install mode and can be tested with a small fake.
 */
export interface IRookOperatorSettings {
  /** Namespace the operator runs in (and where `rook-ceph-operator-config` lives). */
  readonly namespace: string;
  /** Sets a key of the `rook-ceph-operator-config` ConfigMap (vendored mode). */
  setConfigMapKey(key: string, value: string): void;
  /** Sets an environment variable of the operator Deployment (vendored mode). */
  setEnv(name: string, value: string): void;
  /** Sets a value of the operator Helm chart by dotted path, e.g. `agent.flexVolumeDirPath` (helm mode). */
  setHelmValue(path: string, value: unknown): void;
  /** How the operator is installed: by reference to the upstream Helm chart, or from vendored manifests plus patches. */
  readonly installMode: 'helm' | 'vendored';
}

export function isRookOperatorSettings(x: unknown): x is IRookOperatorSettings {
  const o = x as any;
  return typeof o === 'object' && o !== null && typeof o.namespace === 'string'
    && typeof o.setConfigMapKey === 'function' && typeof o.setEnv === 'function' && typeof o.setHelmValue === 'function'
    && (o.installMode === 'helm' || o.installMode === 'vendored');
}
