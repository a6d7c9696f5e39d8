/**
 * The cluster model: what each component a site installs creates at run time, per pinned version.
 *
 * Derived facts (ServiceAccounts, RBAC, the ceph-csi-operator's prefix) come from `rook-facts.generated.ts`; the
 * hand-kept facts below name their upstream source each. `closure.ts` resolves every reference of a rendered site
 * against the site's own objects, {@link runtimeProvided} and what the user declared with `site.clusterProvides`.
 */
import { hasFeature, VersionSet } from '../versions';
import { rookLineFacts } from './rook-facts';

/** A component the site installs that creates objects at run time (registered by the construct that installs it). */
export type InstalledComponent =
  | {
    readonly component: 'rook-operator';
    /**
     * 'helm' / 'vendored': the site's RookOperator; 'elsewhere': a CephCluster names an operator namespace where the
     * site installs no RookOperator, so the operator is installed outside the site, assumed as the documented Helm
     * install of the pinned line.
     */
    readonly install: 'helm' | 'vendored' | 'elsewhere';
    readonly namespace: string;
    readonly path: string;
    /** 'elsewhere' entries: the namespace of the cluster that names this operator. */
    readonly clusterNamespace?: string;
  };

/** The Rook operators of a site: its RookOperators, plus one assumed installed elsewhere per other namespace a cluster names. */
export function rookOperators(components: readonly InstalledComponent[]): InstalledComponent[] {
  const own = components.filter((c) => c.component === 'rook-operator' && c.install !== 'elsewhere');
  const out = [...own];
  for (const c of components) {
    if (c.component === 'rook-operator' && c.install === 'elsewhere' && !out.some((o) => o.namespace === c.namespace)) out.push(c);
  }
  return out;
}

/** One object by kind, namespace (namespaced kinds) and name. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Who provides an object: a short description for messages. */
export type Provided = Map<string, string>;

export const refKey = (kind: string, namespace: string | undefined, name: string) => `${kind}|${namespace ?? ''}|${name}`;

/** Kubernetes objects every cluster has (kube-apiserver bootstrap and the controllers of kube-controller-manager). */
export const KUBERNETES_BUILTINS = {
  /** bootstrap PriorityClasses (kubernetes pkg/apis/scheduling: SystemNodeCritical, SystemClusterCritical). */
  priorityClasses: ['system-cluster-critical', 'system-node-critical'],
  /** bootstrap ClusterRoles (kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy); `system:` ones by prefix. */
  clusterRoles: ['admin', 'cluster-admin', 'edit', 'view'],
  /** namespaces every cluster has. */
  namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
  /** per namespace: the `default` ServiceAccount (serviceaccount controller) and `kube-root-ca.crt` (rootcacertpublisher, Kubernetes 1.20+). */
  perNamespace: { serviceAccounts: ['default'], configMaps: ['kube-root-ca.crt'] },
} as const;

/**
 * What the Rook operator creates in the namespace of each local CephCluster it reconciles (rook/rook
 * pkg/operator/ceph/cluster/mon: `rook-ceph-mon` Secret, `rook-ceph-mon-endpoints` ConfigMap, `rook-ceph-admin-keyring`;
 * pkg/operator/ceph/csi: the four CSI cephx Secrets `rook-csi-{rbd,cephfs}-{provisioner,node}`; pkg/operator/ceph/cluster/mgr:
 * the `rook-ceph-mgr` and `rook-ceph-mgr-dashboard` Services). Facts only; the same names on every pinned line.
 */
export const ROOK_CLUSTER_RUNTIME = {
  secrets: ['rook-ceph-admin-keyring', 'rook-ceph-mon'],
  csiSecrets: ['rook-csi-cephfs-node', 'rook-csi-cephfs-provisioner', 'rook-csi-rbd-node', 'rook-csi-rbd-provisioner'],
  configMaps: ['rook-ceph-mon-endpoints'],
  services: ['rook-ceph-mgr', 'rook-ceph-mgr-dashboard'],
} as const;

/**
 * Objects other components create from a site object (facts of their CRDs and controllers):
 * - cert-manager `Certificate` → Secret `spec.secretName` (cert-manager.io/v1 Certificate CRD);
 * - External Secrets `ExternalSecret` → Secret `spec.target.name`, else the ExternalSecret's name (external-secrets.io CRD);
 * - Sealed Secrets `SealedSecret` → Secret of the same name (bitnami.com/v1alpha1 SealedSecret CRD);
 * - a SOPS-encrypted Secret is a Secret object of the site (Flux kustomize-controller decrypts it in place);
 * - `ObjectBucketClaim` → Secret and ConfigMap of the claim's name (lib-bucket-provisioner, Rook's bucket provisioner);
 * - `CephObjectStoreUser` → Secret `rook-ceph-object-user-<store>-<user>` (rook pkg/operator/ceph/object/user);
 * - `CephClient` → Secret `rook-ceph-client-<name>` (rook pkg/operator/ceph/client);
 * - `CephObjectStore` → Service `rook-ceph-rgw-<store>` (rook pkg/operator/ceph/object).
 */
export function derivedFromObject(m: any): { ref: ObjectRef; by: string }[] {
  const ns = m.metadata?.namespace;
  const name = m.metadata?.name;
  const group = String(m.apiVersion ?? '').split('/')[0];
  const out: { ref: ObjectRef; by: string }[] = [];
  const add = (kind: string, n: string | undefined, by: string) => {
    if (typeof n === 'string' && n) out.push({ ref: { kind, namespace: ns, name: n }, by });
  };
  if (m.kind === 'Certificate' && group === 'cert-manager.io') add('Secret', m.spec?.secretName, `cert-manager, from Certificate "${name}"`);
  if (m.kind === 'ExternalSecret' && group === 'external-secrets.io') add('Secret', m.spec?.target?.name ?? name, `External Secrets, from ExternalSecret "${name}"`);
  if (m.kind === 'SealedSecret' && group === 'bitnami.com') add('Secret', m.spec?.template?.metadata?.name ?? name, `the Sealed Secrets controller, from SealedSecret "${name}"`);
  if (m.kind === 'ObjectBucketClaim' && group === 'objectbucket.io') {
    add('Secret', name, `the bucket provisioner, from ObjectBucketClaim "${name}"`);
    add('ConfigMap', name, `the bucket provisioner, from ObjectBucketClaim "${name}"`);
  }
  if (group === 'ceph.rook.io') {
    if (m.kind === 'CephObjectStoreUser' && m.spec?.store) add('Secret', `rook-ceph-object-user-${m.spec.store}-${name}`, `the Rook operator, from CephObjectStoreUser "${name}"`);
    if (m.kind === 'CephClient') add('Secret', `rook-ceph-client-${name}`, `the Rook operator, from CephClient "${name}"`);
    if (m.kind === 'CephObjectStore') add('Service', `rook-ceph-rgw-${name}`, `the Rook operator, from CephObjectStore "${name}"`);
  }
  return out;
}

/** Objects the Rook operator manages (creates and overwrites) for a CephCluster: a site object of the same kind and name fights it. */
export function rookOwnedNames(cluster: any, v: VersionSet): ObjectRef[] {
  const ns = cluster.metadata?.namespace;
  // external: the site provides the mon Secret, the ConfigMap and (Rook 1.7+) may import the CSI secrets
  if (cluster.spec?.external?.enable) return [];
  return [
    ...ROOK_CLUSTER_RUNTIME.secrets.map((name) => ({ kind: 'Secret', namespace: ns, name })),
    ...ROOK_CLUSTER_RUNTIME.csiSecrets.map((name) => ({ kind: 'Secret', namespace: ns, name })),
    ...ROOK_CLUSTER_RUNTIME.configMaps.map((name) => ({ kind: 'ConfigMap', namespace: ns, name })),
    ...ROOK_CLUSTER_RUNTIME.services.map((name) => ({ kind: 'Service', namespace: ns, name })),
  ];
}

/**
 * What the installed components create, given the site's rendered objects: the operator install's own objects
 * (Helm chart; a vendored install's objects are the site's), and per CephCluster the operator's run-time objects.
 */
export function runtimeProvided(components: readonly InstalledComponent[], manifests: readonly any[], v: VersionSet): Provided {
  const out: Provided = new Map();
  const put = (kind: string, ns: string | undefined, name: string, by: string) => {
    const k = refKey(kind, ns, name);
    if (!out.has(k)) out.set(k, by);
  };
  const facts = v.rook ? rookLineFacts(v.rook) : undefined;
  for (const c of rookOperators(components)) {
    if (c.install === 'vendored' || !facts) continue;
    const by = c.install === 'helm' ? `the rook-ceph chart v${v.rook} (${c.path})` : `the Rook v${v.rook} operator installed outside the site (named by ${c.path})`;
    // the chart renders the objects of common.yaml in its release namespace (rook/rook deploy/charts/rook-ceph/templates:
    // serviceaccount.yaml, clusterrole.yaml, role.yaml, and from v1.20 cluster-rbac.yaml with library/_cluster-serviceaccount.tpl;
    // checked by name against v1.20.6, v1.7.11 and v1.2.7)
    for (const n of facts.installServiceAccounts) put('ServiceAccount', c.namespace, n, by);
    for (const n of facts.installRoles) put('Role', c.namespace, n, by);
    for (const n of facts.installClusterRoles) put('ClusterRole', undefined, n, by);
    // the chart's operator ConfigMap (deploy/charts/rook-ceph/templates/configmap.yaml)
    put('ConfigMap', c.namespace, 'rook-ceph-operator-config', by);
    if (facts.csiOperator) {
      // the image set ConfigMap (deploy/charts/rook-ceph/templates/csi-operator-image-set.yaml) and the subchart's operator account
      put('ConfigMap', c.namespace, 'rook-csi-operator-image-set-configmap', by);
      put('ServiceAccount', c.namespace, 'ceph-csi-controller-manager', `the ceph-csi-operator subchart v${facts.csiOperator.chartSubchartVersion} of ${by}`);
    }
  }
  const operators = rookOperators(components);
  for (const m of manifests) {
    if (m.kind !== 'CephCluster' || !String(m.apiVersion).startsWith('ceph.rook.io/')) continue;
    if (operators.length === 0) continue;
    const by = `the Rook operator, for CephCluster "${m.metadata?.namespace}/${m.metadata?.name}"`;
    for (const r of rookOwnedNames(m, v)) put(r.kind, r.namespace, r.name, by);
    // before Rook 1.20 the operator creates an external cluster's CSI secrets from the admin key when they are not
    // imported (FEATURES.externalCsiSecretsRequired; ExternalCluster checks the key is an admin one)
    if (m.spec?.external?.enable && !hasFeature(v, 'externalCsiSecretsRequired')) {
      for (const name of ROOK_CLUSTER_RUNTIME.csiSecrets) put('Secret', m.metadata?.namespace, name, `${by} (from the admin key, when not imported)`);
    }
  }
  return out;
}

/** The ServiceAccounts the operator's daemons of a CephCluster run under in its namespace (needs, not provisions). */
export function clusterNeedsServiceAccounts(cluster: any, v: VersionSet): readonly string[] {
  const facts = v.rook ? rookLineFacts(v.rook) : undefined;
  if (!facts) return [];
  return cluster.spec?.external?.enable ? facts.externalClusterServiceAccounts : facts.clusterServiceAccounts;
}
