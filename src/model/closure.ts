/**
 * The closure check: every name a workload, binding, class or driver of a rendered site will look for must exist
 * in (a) what the site writes, (b) what an installed component creates at run time (the cluster model), or (c) what
 * the user declared the cluster has (`site.clusterProvides`). And no site object may take a name an operator
 * manages. Pure: rendered manifests in, ConfigError messages out.
 */
import { ConfigError } from '../foundation/errors';
import { VersionSet } from '../versions';
import {
  clusterNeedsServiceAccounts, derivedFromObject, rookOperators, InstalledComponent, KUBERNETES_BUILTINS, refKey, rookOwnedNames, runtimeProvided,
} from './cluster-model';
import { csiDriverServiceAccounts, rookLineFacts } from './rook-facts';

/** What the user declared the target cluster already has (`site.clusterProvides`). Namespaced entries as "namespace/name". */
export interface ClusterProvided {
  readonly namespaces: readonly string[];
  readonly serviceAccounts: readonly string[];
  readonly secrets: readonly string[];
  readonly configMaps: readonly string[];
  readonly services: readonly string[];
  readonly roles: readonly string[];
  readonly issuers: readonly string[];
  readonly clusterRoles: readonly string[];
  readonly storageClasses: readonly string[];
  readonly priorityClasses: readonly string[];
  readonly clusterIssuers: readonly string[];
}

/** Kind of each clusterProvides list. */
export const DECLARED_KINDS: Record<keyof ClusterProvided, { kind: string; namespaced: boolean }> = {
  namespaces: { kind: 'Namespace', namespaced: false },
  serviceAccounts: { kind: 'ServiceAccount', namespaced: true },
  secrets: { kind: 'Secret', namespaced: true },
  configMaps: { kind: 'ConfigMap', namespaced: true },
  services: { kind: 'Service', namespaced: true },
  roles: { kind: 'Role', namespaced: true },
  issuers: { kind: 'Issuer', namespaced: true },
  clusterRoles: { kind: 'ClusterRole', namespaced: false },
  storageClasses: { kind: 'StorageClass', namespaced: false },
  priorityClasses: { kind: 'PriorityClass', namespaced: false },
  clusterIssuers: { kind: 'ClusterIssuer', namespaced: false },
};

export interface ClosureObject {
  readonly manifest: any;
  /** the construct path that wrote it (for messages) */
  readonly path: string;
}

export interface ClosureInput {
  readonly siteName: string;
  readonly versions: VersionSet;
  readonly objects: readonly ClosureObject[];
  readonly components: readonly InstalledComponent[];
  readonly declared: ClusterProvided;
  /** Objects that exist at run time without being objects of the site (SOPS Secrets, SecretRef.existing(), fromExisting classes). */
  readonly provided: readonly { readonly ref: { readonly kind: string; readonly namespace?: string; readonly name: string }; readonly by: string }[];
  /** Namespaces the GitOps engine runs in (its own objects live there). */
  readonly engineNamespaces: readonly string[];
}

interface Need {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** the object that needs it and the field */
  readonly field: string;
  readonly from: ClosureObject;
}

const CSI_SECRET_PARAM = /^csi\.storage\.k8s\.io\/([a-z-]+)-secret-name$/;
/** Kinds whose objects run pods from a template, and where the pod spec is. */
const POD_SPECS: Record<string, (m: any) => any> = {
  Pod: (m) => m.spec,
  Deployment: (m) => m.spec?.template?.spec,
  DaemonSet: (m) => m.spec?.template?.spec,
  StatefulSet: (m) => m.spec?.template?.spec,
  ReplicaSet: (m) => m.spec?.template?.spec,
  Job: (m) => m.spec?.template?.spec,
  CronJob: (m) => m.spec?.jobTemplate?.spec?.template?.spec,
};
/** Objects of the GitOps engines: they live in the engine's namespace, which the engine's install creates. */
const ENGINE_GROUPS = ['argoproj.io', 'source.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io'];

function podNeeds(spec: any, field: string, push: (kind: string, name: unknown, f: string) => void): void {
  if (!spec) return;
  push('ServiceAccount', spec.serviceAccountName ?? spec.serviceAccount, `${field}.serviceAccountName`);
  push('PriorityClass', spec.priorityClassName, `${field}.priorityClassName`);
  (spec.volumes ?? []).forEach((vol: any, i: number) => {
    if (vol.secret && !vol.secret.optional) push('Secret', vol.secret.secretName, `${field}.volumes[${i}].secret.secretName`);
    if (vol.configMap && !vol.configMap.optional) push('ConfigMap', vol.configMap.name, `${field}.volumes[${i}].configMap.name`);
    (vol.projected?.sources ?? []).forEach((s: any, j: number) => {
      if (s.secret && !s.secret.optional) push('Secret', s.secret.name, `${field}.volumes[${i}].projected.sources[${j}].secret.name`);
      if (s.configMap && !s.configMap.optional) push('ConfigMap', s.configMap.name, `${field}.volumes[${i}].projected.sources[${j}].configMap.name`);
    });
  });
  for (const list of ['initContainers', 'containers'] as const) {
    (spec[list] ?? []).forEach((c: any, i: number) => {
      const at = `${field}.${list}[${i}]`;
      (c.env ?? []).forEach((e: any, j: number) => {
        const s = e.valueFrom?.secretKeyRef;
        const cm = e.valueFrom?.configMapKeyRef;
        if (s && !s.optional) push('Secret', s.name, `${at}.env[${j}].valueFrom.secretKeyRef.name`);
        if (cm && !cm.optional) push('ConfigMap', cm.name, `${at}.env[${j}].valueFrom.configMapKeyRef.name`);
      });
      (c.envFrom ?? []).forEach((e: any, j: number) => {
        if (e.secretRef && !e.secretRef.optional) push('Secret', e.secretRef.name, `${at}.envFrom[${j}].secretRef.name`);
        if (e.configMapRef && !e.configMapRef.optional) push('ConfigMap', e.configMapRef.name, `${at}.envFrom[${j}].configMapRef.name`);
      });
    });
  }
}

/** The references of one object. */
function needsOf(o: ClosureObject, v: VersionSet, csiPrefix: (ns: string) => string | undefined, clusterManagedBySite: (ns: string | undefined) => boolean): Need[] {
  const m = o.manifest;
  const ns: string | undefined = m.metadata?.namespace;
  const group = String(m.apiVersion ?? '').includes('/') ? String(m.apiVersion).split('/')[0] : '';
  const out: Need[] = [];
  const push = (kind: string, name: unknown, field: string, namespace: string | undefined = ns) => {
    if (typeof name === 'string' && name) out.push({ kind, name, namespace: ['StorageClass', 'PriorityClass', 'ClusterRole', 'ClusterIssuer', 'Namespace'].includes(kind) ? undefined : namespace, field, from: o });
  };
  if (ns && !ENGINE_GROUPS.includes(group)) push('Namespace', ns, 'metadata.namespace', undefined);
  const pod = group === '' || group === 'apps' || group === 'batch' ? POD_SPECS[m.kind]?.(m) : undefined;
  if (pod) podNeeds(pod, 'spec', push);
  if (m.kind === 'StatefulSet') (m.spec?.volumeClaimTemplates ?? []).forEach((t: any, i: number) => push('StorageClass', t.spec?.storageClassName, `spec.volumeClaimTemplates[${i}].spec.storageClassName`));
  if (m.kind === 'PersistentVolumeClaim') push('StorageClass', m.spec?.storageClassName, 'spec.storageClassName');
  if ((m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding') && group === 'rbac.authorization.k8s.io') {
    push(m.roleRef?.kind, m.roleRef?.name, 'roleRef');
    (m.subjects ?? []).forEach((s: any, i: number) => {
      if (s.kind === 'ServiceAccount') push('ServiceAccount', s.name, `subjects[${i}]`, s.namespace ?? ns);
    });
  }
  if (m.kind === 'StorageClass' || m.kind === 'VolumeSnapshotClass') {
    for (const [k, val] of Object.entries(m.parameters ?? {})) {
      const mm = CSI_SECRET_PARAM.exec(k);
      if (!mm) continue;
      const secretNs = (m.parameters as any)[`csi.storage.k8s.io/${mm[1]}-secret-namespace`];
      if (typeof val === 'string' && !val.includes('${') && typeof secretNs === 'string' && !secretNs.includes('${')) push('Secret', val, `parameters["${k}"]`, secretNs);
    }
  }
  if ((m.kind === 'ValidatingWebhookConfiguration' || m.kind === 'MutatingWebhookConfiguration') && group === 'admissionregistration.k8s.io') {
    (m.webhooks ?? []).forEach((w: any, i: number) => {
      const s = w.clientConfig?.service;
      if (s) push('Service', s.name, `webhooks[${i}].clientConfig.service`, s.namespace);
    });
  }
  if (group === 'cert-manager.io' && m.kind === 'Certificate') {
    const ref = m.spec?.issuerRef;
    if (ref && (ref.group === undefined || ref.group === 'cert-manager.io')) push(ref.kind === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer', ref.name, 'spec.issuerRef');
  }
  if (group === 'csi.ceph.io' && m.kind === 'Driver') {
    const prefix = csiPrefix(ns ?? '');
    const sas = prefix === undefined ? undefined : csiDriverServiceAccounts(m.metadata?.name, prefix, m.spec);
    if (sas) {
      push('ServiceAccount', sas.controller, `the ${sas.type} controller plugin Deployment the ceph-csi-operator creates (spec.controllerPlugin.serviceAccountName)`);
      push('ServiceAccount', sas.node, `the ${sas.type} node plugin DaemonSet the ceph-csi-operator creates (spec.nodePlugin.serviceAccountName)`);
    }
    push('PriorityClass', m.spec?.nodePlugin?.priorityClassName, 'spec.nodePlugin.priorityClassName');
    push('PriorityClass', m.spec?.controllerPlugin?.priorityClassName, 'spec.controllerPlugin.priorityClassName');
    push('ConfigMap', m.spec?.encryption?.configMapRef?.name, 'spec.encryption.configMapRef.name');
    push('ConfigMap', m.spec?.imageSet?.name, 'spec.imageSet.name');
  }
  if (group === 'csi.ceph.io' && m.kind === 'OperatorConfig') {
    const d = m.spec?.driverSpecDefaults;
    push('PriorityClass', d?.nodePlugin?.priorityClassName, 'spec.driverSpecDefaults.nodePlugin.priorityClassName');
    push('PriorityClass', d?.controllerPlugin?.priorityClassName, 'spec.driverSpecDefaults.controllerPlugin.priorityClassName');
    push('ConfigMap', d?.imageSet?.name, 'spec.driverSpecDefaults.imageSet.name');
    push('ConfigMap', d?.encryption?.configMapRef?.name, 'spec.driverSpecDefaults.encryption.configMapRef.name');
  }
  if (group === 'ceph.rook.io') {
    if (m.kind === 'CephCluster') {
      const external = !!m.spec?.external?.enable;
      if (clusterManagedBySite(ns)) for (const sa of clusterNeedsServiceAccounts(m, v)) push('ServiceAccount', sa, `the ${external ? 'external cluster\'s' : 'Ceph daemons\''} ServiceAccount the Rook operator runs them under`);
      if (external) {
        push('Secret', 'rook-ceph-mon', 'the external cluster\'s mon Secret the Rook operator reads');
        push('ConfigMap', 'rook-ceph-mon-endpoints', 'the external cluster\'s mon endpoints the Rook operator reads');
      }
      (m.spec?.storage?.storageClassDeviceSets ?? []).forEach((s: any, i: number) => (s.volumeClaimTemplates ?? []).forEach((t: any, j: number) => push('StorageClass', t.spec?.storageClassName, `spec.storage.storageClassDeviceSets[${i}].volumeClaimTemplates[${j}].spec.storageClassName`)));
      push('StorageClass', m.spec?.mon?.volumeClaimTemplate?.spec?.storageClassName, 'spec.mon.volumeClaimTemplate.spec.storageClassName');
      for (const [k, pc] of Object.entries(m.spec?.priorityClassNames ?? {})) push('PriorityClass', pc, `spec.priorityClassNames.${k}`);
    }
    if (m.kind === 'CephRBDMirror' || m.kind === 'CephFilesystemMirror') (m.spec?.peers?.secretNames ?? []).forEach((s: string, i: number) => push('Secret', s, `spec.peers.secretNames[${i}]`));
    if (m.kind === 'CephObjectStore') {
      push('Secret', m.spec?.gateway?.sslCertificateRef, 'spec.gateway.sslCertificateRef');
      push('Secret', m.spec?.gateway?.caBundleRef, 'spec.gateway.caBundleRef');
    }
    if (m.spec?.priorityClassName !== undefined) push('PriorityClass', m.spec.priorityClassName, 'spec.priorityClassName');
  }
  return out;
}

const FIX: Record<string, string> = {
  ServiceAccount: 'write the ServiceAccount in the site (or install the component that creates it)',
  Secret: 'create the Secret through a SecretRef (ExternalSecret, SealedSecret or SOPS), or correct the name',
  ConfigMap: 'write the ConfigMap in the site, or correct the name',
  StorageClass: 'add the StorageClass construct to the site (or BlockStorageClass.fromExisting for a class the cluster has), or correct the name',
  PriorityClass: 'use a PriorityClass the cluster has (system-node-critical, system-cluster-critical), or correct the name',
  Issuer: 'write the cert-manager Issuer in the site, use a ClusterIssuer, or correct the name',
  ClusterIssuer: 'correct the issuer name',
  Service: 'write the Service in the site, or correct the webhook\'s clientConfig.service',
  Role: 'write the Role in the site, or correct roleRef',
  ClusterRole: 'write the ClusterRole in the site, or correct roleRef',
  Namespace: 'create the namespace through a construct of the site, or correct the namespace',
};
const DECLARE_KEY: Record<string, string> = Object.fromEntries(Object.entries(DECLARED_KINDS).map(([k, x]) => [x.kind, k]));

/** Runs the closure check over a rendered site; returns ConfigError messages (empty when every reference resolves). */
export function checkClosure(input: ClosureInput): string[] {
  const v = input.versions;
  const manifests = input.objects.map((o) => o.manifest);
  const site = new Map<string, string>();
  for (const o of input.objects) {
    const m = o.manifest;
    site.set(refKey(m.kind, m.metadata?.namespace, m.metadata?.name), o.path);
  }
  const derived = new Map<string, string>();
  for (const m of manifests) for (const d of derivedFromObject(m)) derived.set(refKey(d.ref.kind, d.ref.namespace, d.ref.name), d.by);
  for (const d of input.provided) derived.set(refKey(d.ref.kind, d.ref.namespace, d.ref.name), d.by);
  const runtime = runtimeProvided(input.components, manifests, v);
  const declared = new Set<string>();
  for (const [key, spec] of Object.entries(DECLARED_KINDS) as [keyof ClusterProvided, { kind: string; namespaced: boolean }][]) {
    for (const entry of input.declared[key]) {
      if (spec.namespaced) {
        const [ns, name] = entry.split('/');
        declared.add(refKey(spec.kind, ns, name));
      } else declared.add(refKey(spec.kind, undefined, entry));
    }
  }
  const problems: string[] = [];

  // operators' own names: a site object of the same kind and name would be overwritten by (and fight) the operator
  const owned = new Map<string, string>();
  if (rookOperators(input.components).length > 0) {
    for (const m of manifests) {
      if (m.kind !== 'CephCluster' || !String(m.apiVersion).startsWith('ceph.rook.io/')) continue;
      for (const r of rookOwnedNames(m, v)) owned.set(refKey(r.kind, r.namespace, r.name), `the Rook operator (for CephCluster "${m.metadata?.namespace}/${m.metadata?.name}")`);
    }
    for (const m of manifests) for (const d of derivedFromObject(m)) if (/Rook operator/.test(d.by)) owned.set(refKey(d.ref.kind, d.ref.namespace, d.ref.name), d.by);
  }
  for (const o of input.objects) {
    const m = o.manifest;
    const k = refKey(m.kind, m.metadata?.namespace, m.metadata?.name);
    const owner = owned.get(k);
    if (!owner) continue;
    problems.push(new ConfigError({
      path: o.path,
      problem: `${m.kind} "${m.metadata?.namespace}/${m.metadata?.name}" is a name ${owner} creates and manages; the site's object and the operator would overwrite each other on every sync and reconcile`,
      value: m.metadata?.name,
      allowed: `any other ${m.kind} name`,
      fix: `rename the site's ${m.kind}`,
    }).message);
  }

  const prefixOf = (ns: string): string | undefined => {
    const facts = v.rook ? rookLineFacts(v.rook)?.csiOperator : undefined;
    const op = rookOperators(input.components).find((c) => c.namespace === ns);
    if (!facts) return undefined;
    if (!op) return facts.vendoredServiceAccountPrefix;
    return op.install === 'vendored' ? facts.vendoredServiceAccountPrefix : facts.chartServiceAccountPrefix;
  };
  // a cluster's daemon ServiceAccounts are checked when the site installs the operator that runs them (an operator
  // installed elsewhere brings its own RBAC for the namespaces it manages)
  const managedBySite = (ns: string | undefined): boolean => {
    const own = input.components.filter((c) => c.component === 'rook-operator' && c.install !== 'elsewhere').map((c) => c.namespace);
    const named = input.components.filter((c) => c.component === 'rook-operator' && c.install === 'elsewhere' && c.clusterNamespace === ns).map((c) => c.namespace);
    return named.length > 0 ? named.some((x) => own.includes(x)) : own.length > 0;
  };
  const builtin = (n: Need): boolean => {
    switch (n.kind) {
      case 'ServiceAccount': return (KUBERNETES_BUILTINS.perNamespace.serviceAccounts as readonly string[]).includes(n.name);
      case 'ConfigMap': return (KUBERNETES_BUILTINS.perNamespace.configMaps as readonly string[]).includes(n.name);
      case 'PriorityClass': return (KUBERNETES_BUILTINS.priorityClasses as readonly string[]).includes(n.name);
      case 'ClusterRole': return (KUBERNETES_BUILTINS.clusterRoles as readonly string[]).includes(n.name) || n.name.startsWith('system:');
      case 'Namespace': return (KUBERNETES_BUILTINS.namespaces as readonly string[]).includes(n.name) || input.engineNamespaces.includes(n.name);
      default: return false;
    }
  };
  const seen = new Set<string>();
  const ops = rookOperators(input.components);
  const components = ops.length ? ops.map((c) => `the Rook operator (${c.install === 'elsewhere' ? 'installed outside the site' : c.install}) in "${c.namespace}"`).join(', ') : 'no installed component';
  for (const o of input.objects) {
    for (const n of needsOf(o, v, prefixOf, managedBySite)) {
      const k = refKey(n.kind, n.namespace, n.name);
      if (site.has(k) || derived.has(k) || runtime.has(k) || declared.has(k) || builtin(n)) continue;
      const once = `${k}|${o.path}|${n.field}`;
      if (seen.has(once)) continue;
      seen.add(once);
      const where = n.namespace ? `"${n.namespace}/${n.name}"` : `"${n.name}"`;
      const same = [...site.keys(), ...derived.keys(), ...runtime.keys(), ...declared]
        .map((x) => x.split('|'))
        .filter(([kind, ns]) => kind === n.kind && (ns || undefined) === n.namespace)
        .map(([, ns, name]) => (ns ? `${ns}/${name}` : name));
      const declareKey = DECLARE_KEY[n.kind];
      const declare = declareKey ? `; or, if the cluster has it from elsewhere, declare site.clusterProvides({ ${declareKey}: ['${n.namespace ? `${n.namespace}/` : ''}${n.name}'] })` : '';
      problems.push(new ConfigError({
        path: o.path,
        problem: `${o.manifest.kind} "${o.manifest.metadata?.name}" needs ${n.kind} ${where} (${n.field}), but nothing creates it: not the site, not what its components create at run time (${components}), not the cluster as declared`,
        value: n.name,
        allowed: same.length ? [...new Set(same)].sort().slice(0, 10).map((x) => `"${x}"`).join(', ') : `(no ${n.kind}${n.namespace ? ` in namespace "${n.namespace}"` : ''} is known)`,
        fix: `${FIX[n.kind] ?? 'create it, or correct the reference'}${declare}`,
      }).message);
    }
  }
  return problems;
}

/** Every site object that is a Rook-operated name (for tests and docs). */
export { rookOwnedNames };
