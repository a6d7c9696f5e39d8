/**
 * Import helper for people who already ran upstream's exporter
 * (`create-external-cluster-resources.py --format json`) on the Ceph side.
 *
 * It reads the exporter's JSON (an array of `{ name, kind, data }`), and produces
 * - the non-secret ExternalCluster props (fsid, mon endpoints, user names, pools) as a TypeScript snippet, and
 * - a table of where each secret value must be stored (store, remote key, property),
 * without ever writing a key to disk or printing one: key values are masked in every output.
 */
import * as semver from 'semver';
import { ConfigError } from '../foundation/errors';
import { maskValue } from '../secrets/key-material';
import { resolveRookVersion, RookRelease } from '../versions';

export interface ImportOptions {
  /** Kind of the External Secrets store the keys go to. @default 'ClusterSecretStore' */
  readonly storeKind?: 'ClusterSecretStore' | 'SecretStore';
  /** Name of the store. @default 'vault' */
  readonly storeName?: string;
  /** Remote key prefix; each Secret becomes `<prefix>/<secret name>`. @default 'ceph/<namespace>' */
  readonly remotePrefix?: string;
  /** Rook version the site pins (selects the CephFS key names). @default '1.20.6' */
  readonly rookVersion?: RookRelease;
  /** Cluster namespace. @default - the exporter's `namespace` argument, else 'rook-ceph-external' */
  readonly namespace?: string;
}

/** One secret value and where it must go. */
export interface SecretPlacement {
  /** ExternalCluster `secrets` slot. */
  readonly slot: string;
  /** Kubernetes Secret Rook reads. */
  readonly secret: string;
  /** Key in that Secret (for the pinned Rook version). */
  readonly secretKey: string;
  /** Where the exporter printed it (`<entry name>.<data key>`). */
  readonly source: string;
  readonly remoteKey: string;
  readonly property: string;
  /** Masked: never the value itself. */
  readonly masked: string;
}

export interface ImportResult {
  /** Non-secret props that were found. */
  readonly props: {
    namespace: string;
    fsid?: string;
    monEndpoints: string[];
    healthCheckUser?: string;
    csiUsers: Record<string, string>;
    rbdPools: string[];
    filesystems: { name: string; dataPools: string[] }[];
    monitoring?: { endpoints: string[]; port?: number };
  };
  readonly placements: readonly SecretPlacement[];
  readonly notes: readonly string[];
}

interface Entry { name: string; kind: string; data: Record<string, string> }

const CSI = [
  ['rook-csi-rbd-node', 'csiRbdNode', 'rbdNode', false],
  ['rook-csi-rbd-provisioner', 'csiRbdProvisioner', 'rbdProvisioner', false],
  ['rook-csi-cephfs-node', 'csiCephfsNode', 'cephfsNode', true],
  ['rook-csi-cephfs-provisioner', 'csiCephfsProvisioner', 'cephfsProvisioner', true],
] as const;

function parseEntries(json: unknown): Entry[] {
  if (!Array.isArray(json)) {
    throw new ConfigError({ path: 'import', problem: 'the exporter output is not a JSON array', value: typeof json, allowed: 'the output of create-external-cluster-resources.py --format json: [{ "name", "kind", "data" }, ...]', fix: 'run the exporter with --format json and pass its output unchanged' });
  }
  return json.map((e, i) => {
    const ok = e && typeof e === 'object' && typeof e.name === 'string' && typeof e.kind === 'string' && e.data && typeof e.data === 'object';
    if (!ok) {
      throw new ConfigError({ path: `import: [${i}]`, problem: 'entry is not { name, kind, data }', value: e && typeof e === 'object' ? Object.keys(e) : typeof e, allowed: '{ "name": string, "kind": string, "data": object }', fix: 'pass the exporter output unchanged' });
    }
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.data)) data[k] = String(v);
    return { name: e.name, kind: e.kind, data };
  });
}

/** Reads the exporter's JSON; returns props, secret placements and notes. Never returns a key value. */
export function importExporterJson(json: unknown, opts: ImportOptions = {}): ImportResult {
  const entries = parseEntries(json);
  const rook = resolveRookVersion(opts.rookVersion ?? '1.20.6', 'import: --rook-version').line;
  const cephfsUser = semver.gte(rook, '1.18.0');
  const modern = semver.gte(rook, '1.7.0');
  const notes: string[] = [];
  const args = entries.find((e) => e.name === 'external-cluster-user-command')?.data.args ?? '';
  const argNs = /^\s*namespace\s*=\s*(\S+)\s*$/m.exec(args)?.[1];
  const namespace = opts.namespace ?? argNs ?? 'rook-ceph-external';
  const prefix = (opts.remotePrefix ?? `ceph/${namespace}`).replace(/\/+$/, '');
  const props: ImportResult['props'] = { namespace, monEndpoints: [], csiUsers: {}, rbdPools: [], filesystems: [] };
  const placements: SecretPlacement[] = [];
  const place = (slot: string, secret: string, secretKey: string, entry: Entry, dataKey: string) => {
    const v = entry.data[dataKey];
    if (v === undefined || v === '') return;
    if (placements.some((x) => x.secret === secret && x.secretKey === secretKey)) return;
    placements.push({ slot, secret, secretKey, source: `${entry.name}.${dataKey}`, remoteKey: `${prefix}/${secret}`, property: secretKey, masked: maskValue(v) });
  };
  const used = new Set<Entry>();

  for (const e of entries) {
    if (e.kind === 'ConfigMap' && e.name === 'rook-ceph-mon-endpoints') {
      props.monEndpoints = (e.data.data ?? '').split(',').map((x) => x.trim()).filter(Boolean);
      used.add(e);
    } else if (e.kind === 'Secret' && e.name === 'rook-ceph-mon') {
      props.fsid = e.data.fsid;
      if (modern && e.data['ceph-secret']) {
        // newer exporters may already write the health-check identity into rook-ceph-mon
        if (e.data['ceph-username']) props.healthCheckUser = e.data['ceph-username'];
        place('mon', 'rook-ceph-mon', 'ceph-secret', e, 'ceph-secret');
      }
      const admin = e.data['admin-secret'];
      if (admin && admin !== 'admin-secret') {
        if (modern) notes.push('rook-ceph-mon carries a real client.admin key; Rook >= 1.7 only needs the health-check user. Prefer re-running the exporter without the admin key and store nothing of it.');
        else place('mon', 'rook-ceph-mon', 'admin-secret', e, 'admin-secret');
      }
      used.add(e);
    } else if (e.kind === 'Secret' && e.name === 'rook-ceph-operator-creds') {
      if (modern) {
        props.healthCheckUser = props.healthCheckUser ?? e.data.userID;
        place('mon', 'rook-ceph-mon', 'ceph-secret', e, 'userKey');
      } else {
        notes.push(`Rook v${rook} reads no health-check user; rook-ceph-operator-creds is not used (store the client.admin key as rook-ceph-mon admin-secret instead).`);
      }
      used.add(e);
    } else if (e.kind === 'Secret' && CSI.some(([n]) => e.name === n || e.name.startsWith(`${n}-`))) {
      const [n, slot, user, cephfs] = CSI.find(([x]) => e.name === x || e.name.startsWith(`${x}-`))!;
      if (!modern) {
        notes.push(`Rook v${rook} imports no CSI secrets (the operator makes them from the admin key); ${e.name} is not used.`);
        used.add(e);
        continue;
      }
      if (e.name !== n) notes.push(`${e.name}: Rook reads the CSI secret under the fixed name ${n}; it is mapped there.`);
      const id = e.data.userID ?? e.data.adminID;
      if (id) props.csiUsers[user] = id;
      const [keyName] = cephfs && !cephfsUser ? ['adminKey'] : ['userKey'];
      const srcKey = e.data.userKey !== undefined ? 'userKey' : 'adminKey';
      if (cephfs && srcKey !== keyName) notes.push(`${e.name}: the exporter wrote ${srcKey}; Rook v${rook} reads ${keyName}, so store it as property ${keyName}.`);
      place(slot, n, keyName, e, srcKey);
      used.add(e);
    } else if (e.kind === 'Secret' && e.name === 'rgw-admin-ops-user') {
      place('rgwAdminOps', 'rgw-admin-ops-user', 'accessKey', e, 'accessKey');
      place('rgwAdminOps', 'rgw-admin-ops-user', 'secretKey', e, 'secretKey');
      used.add(e);
    } else if (e.kind === 'Secret' && e.name === 'rook-ceph-dashboard-link') {
      place('dashboardLink', 'rook-ceph-dashboard-link', 'userKey', e, 'userKey');
      used.add(e);
    } else if (e.kind === 'StorageClass' && e.data.fsName) {
      const fs = props.filesystems.find((f) => f.name === e.data.fsName) ?? (props.filesystems.push({ name: e.data.fsName, dataPools: [] }), props.filesystems[props.filesystems.length - 1]);
      if (e.data.pool && !fs.dataPools.includes(e.data.pool)) fs.dataPools.push(e.data.pool);
      used.add(e);
    } else if (e.kind === 'StorageClass' && e.data.pool && !e.data.endpoint) {
      for (const x of [e.data.pool, e.data.dataPool]) if (x && !props.rbdPools.includes(x)) props.rbdPools.push(x);
      used.add(e);
    } else if (e.kind === 'CephCluster' && e.data.MonitoringEndpoint) {
      props.monitoring = {
        endpoints: e.data.MonitoringEndpoint.split(',').map((x) => x.trim()).filter(Boolean),
        port: e.data.MonitoringPort ? Number(e.data.MonitoringPort) : undefined,
      };
      used.add(e);
    } else if (e.name === 'external-cluster-user-command') {
      used.add(e);
    }
  }
  for (const e of entries) if (!used.has(e)) notes.push(`${e.kind} ${e.name} is not imported (not part of an ExternalCluster; its data keys: ${Object.keys(e.data).sort().join(', ')}).`);
  if (!props.fsid) notes.push('no fsid found (Secret rook-ceph-mon); fill it in from `ceph fsid`.');
  if (props.monEndpoints.length === 0) notes.push('no mon endpoints found (ConfigMap rook-ceph-mon-endpoints); fill them in from `ceph mon dump`.');
  if (props.monEndpoints.length === 1) notes.push('the exporter lists only the quorum leader; add the other mons (`ceph mon dump`) so Rook can fail over.');
  if (semver.gte(rook, '1.20.0')) {
    for (const [n] of CSI) if (!placements.some((p) => p.secret === n)) notes.push(`Rook v${rook} needs Secret ${n}, which the exporter output lacks; re-run the exporter with the options that create it.`);
  }
  return { props, placements, notes };
}

function q(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The TypeScript snippet of an ExternalCluster with every secret as an ExternalSecret reference. */
export function renderSnippet(r: ImportResult, opts: ImportOptions = {}): string {
  const storeKind = opts.storeKind ?? 'ClusterSecretStore';
  const storeName = opts.storeName ?? 'vault';
  const p = r.props;
  const lines: string[] = [];
  lines.push(`const store = { kind: ${q(storeKind)} as const, name: ${q(storeName)} };`);
  lines.push(`const cluster = new ExternalCluster(site, 'external', {`);
  lines.push(`  namespace: ${q(p.namespace)},`);
  lines.push(`  fsid: ${q(p.fsid ?? '<ceph fsid>')},`);
  lines.push(`  monEndpoints: [${p.monEndpoints.map(q).join(', ')}],`);
  if (p.healthCheckUser) lines.push(`  healthCheckUser: ${q(p.healthCheckUser)},`);
  const users = Object.entries(p.csiUsers).sort();
  if (users.length) lines.push(`  csiUsers: { ${users.map(([k, v]) => `${k}: ${q(v)}`).join(', ')} },`);
  if (p.rbdPools.length) lines.push(`  rbdPools: [${p.rbdPools.map(q).join(', ')}],`);
  if (p.filesystems.length) lines.push(`  filesystems: [${p.filesystems.map((f) => `{ name: ${q(f.name)}, dataPools: [${f.dataPools.map(q).join(', ')}] }`).join(', ')}],`);
  if (p.monitoring) lines.push(`  monitoring: { endpoints: [${p.monitoring.endpoints.map(q).join(', ')}]${p.monitoring.port ? `, port: ${p.monitoring.port}` : ''} },`);
  lines.push('  secrets: {');
  const slots = [...new Set(r.placements.map((x) => x.slot))];
  for (const slot of slots) {
    const data = r.placements.filter((x) => x.slot === slot).map((x) => `${/^[A-Za-z_]\w*$/.test(x.secretKey) ? x.secretKey : q(x.secretKey)}: { key: ${q(x.remoteKey)}, property: ${q(x.property)} }`);
    lines.push(`    ${slot}: SecretRef.externalSecret({ store, data: { ${data.join(', ')} } }),`);
  }
  lines.push('  },');
  lines.push('});');
  return lines.join('\n');
}

/** The table of where each secret value must go (values masked). */
export function renderPlacementTable(r: ImportResult, opts: ImportOptions = {}): string {
  const store = `${opts.storeKind ?? 'ClusterSecretStore'} "${opts.storeName ?? 'vault'}"`;
  const rows = [
    `Store every value below in ${store}; nothing here is written to disk and no value is printed.`,
    '',
    '| Secret (Rook reads) | Key | Remote key | Property | Exporter field | Value |',
    '|---|---|---|---|---|---|',
    ...r.placements.map((x) => `| ${x.secret} | ${x.secretKey} | ${x.remoteKey} | ${x.property} | ${x.source} | ${x.masked} |`),
  ];
  if (r.placements.length) {
    rows.push('', 'For Vault KV, each value can be piped from the exporter output straight into the store (no copy on disk or screen):', '');
    const seen = new Set<string>();
    for (const x of r.placements) {
      const [name, ...k] = x.source.split('.');
      const verb = seen.has(x.remoteKey) ? 'patch' : 'put';
      seen.add(x.remoteKey);
      rows.push(`jq -j '.[] | select(.name == "${name}") | .data["${k.join('.')}"]' exporter.json | vault kv ${verb} ${x.remoteKey} ${x.property}=-`);
    }
  }
  return rows.join('\n');
}

/** Full report as printed by `gitops-storage import-external`. */
export function renderImport(r: ImportResult, opts: ImportOptions = {}): string {
  const out = [
    '// ExternalCluster props from the exporter output (non-secret values only)',
    renderSnippet(r, opts),
    '',
    renderPlacementTable(r, opts),
  ];
  if (r.notes.length) out.push('', 'Notes:', ...r.notes.map((n) => `- ${n}`));
  return out.join('\n') + '\n';
}
