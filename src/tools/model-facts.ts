/**
 * Generates `src/model/rook-facts.generated.ts`, the derived half of the cluster model, from the upstream mirror:
 *
 *   npm run model:facts                        # mirror: $GITOPS_STORAGE_UPSTREAM, else ../shared/upstream
 *   npm run model:facts -- --upstream DIR
 *
 * Facts only (names, namespaces, RBAC rules), no prose: per pinned Rook line, from `rook-lines/v<line>/`
 * - `common.yaml`: the ServiceAccounts, Roles and ClusterRoles the operator install creates (the rook-ceph chart
 *   renders the same objects), each ServiceAccount with its `# namespace:operator|cluster` marker;
 * - `common-second-cluster.yaml`: the ServiceAccounts a CephCluster in a second namespace needs;
 * - `common-external.yaml`: the ServiceAccounts an external CephCluster's namespace needs;
 * - `csi-operator.yaml` (Rook 1.18+): the ceph-csi-operator's `CSI_SERVICE_ACCOUNT_PREFIX` and, per driver type,
 *   the ServiceAccounts, Roles, ClusterRoles and bindings of that driver's plugins;
 * - `rook-ceph-chart-values.yaml` / `rook-ceph-chart.yaml`: the prefix the chart gives the ceph-csi-operator and the
 *   pinned ceph-csi-operator subchart version.
 * `test/model-facts.test.ts` proves the committed file current.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import * as YAML from 'yaml';
import { ROOK_PROFILES } from '../versions';

/** The Rook lines the model covers: every pinned line of the version table (a new line there is regenerated here). */
export const MODEL_ROOK_LINES: readonly string[] = Object.keys(ROOK_PROFILES).sort((a, b) => (semver.lt(a, b) ? 1 : -1));

/**
 * ServiceAccounts of the cluster daemons for lines whose common.yaml has no namespace markers and no
 * common-second-cluster.yaml (v1.0–v1.4): the osd, mgr and cmd-reporter accounts of its common.yaml "cluster"
 * sections, as far as the line's common.yaml has them (v1.0.6 has no cmd-reporter).
 */
const UNMARKED_CLUSTER_SAS: readonly string[] = ['rook-ceph-cmd-reporter', 'rook-ceph-mgr', 'rook-ceph-osd'];

const CSI_DRIVER_TYPES = ['rbd', 'cephfs', 'nfs', 'nvmeof'] as const;

interface Doc { readonly text: string; readonly obj: any }

function docsOf(file: string): Doc[] {
  if (!fs.existsSync(file)) return [];
  const out: Doc[] = [];
  for (const text of fs.readFileSync(file, 'utf8').split(/^---\s*$/m)) {
    const obj = YAML.parse(text);
    if (obj && typeof obj === 'object' && typeof obj.kind === 'string') out.push({ text, obj });
  }
  return out;
}

const sortU = (xs: Iterable<string>) => [...new Set(xs)].sort();

function marker(d: Doc): 'operator' | 'cluster' | undefined {
  const m = /^ {2}namespace:\s*\S+\s*#\s*namespace:(operator|cluster)/m.exec(d.text);
  return m ? (m[1] as 'operator' | 'cluster') : undefined;
}

/** An RBAC object as the site writes it: no labels, annotations or upstream namespace (the operator's at synth). */
function rbacFact(o: any): any {
  const out: any = { kind: o.kind, name: o.metadata.name };
  if (o.rules) out.rules = o.rules;
  if (o.roleRef) out.roleRef = { kind: o.roleRef.kind, name: o.roleRef.name };
  if (o.subjects) out.subjects = o.subjects.map((s: any) => ({ kind: s.kind, name: s.name }));
  if (o.aggregationRule) out.aggregationRule = o.aggregationRule;
  return out;
}

export function deriveRookFacts(upstream: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of MODEL_ROOK_LINES) {
    const dir = path.join(upstream, 'rook-lines', `v${line}`);
    if (!fs.existsSync(dir)) throw new Error(`no rook-lines/v${line} in ${upstream}`);
    const common = docsOf(path.join(dir, 'common.yaml'));
    const sas = common.filter((d) => d.obj.kind === 'ServiceAccount');
    const second = docsOf(path.join(dir, 'common-second-cluster.yaml')).filter((d) => d.obj.kind === 'ServiceAccount').map((d) => d.obj.metadata.name);
    const marked = sas.filter((d) => marker(d) === 'cluster').map((d) => d.obj.metadata.name);
    const facts: any = {
      source: `rook-lines/v${line}/common.yaml`,
      installServiceAccounts: sortU(sas.map((d) => d.obj.metadata.name)),
      installClusterRoles: sortU(common.filter((d) => d.obj.kind === 'ClusterRole').map((d) => d.obj.metadata.name)),
      installRoles: sortU(common.filter((d) => d.obj.kind === 'Role').map((d) => d.obj.metadata.name)),
      clusterServiceAccounts: sortU(second.length ? second : marked.length ? marked : sas.map((d) => d.obj.metadata.name).filter((n) => UNMARKED_CLUSTER_SAS.includes(n))),
      externalClusterServiceAccounts: sortU(docsOf(path.join(dir, 'common-external.yaml')).filter((d) => d.obj.kind === 'ServiceAccount').map((d) => d.obj.metadata.name)),
    };
    const csiOp = docsOf(path.join(dir, 'csi-operator.yaml'));
    if (csiOp.length) {
      const dep = csiOp.find((d) => d.obj.kind === 'Deployment');
      const env: any[] = dep?.obj.spec.template.spec.containers.flatMap((c: any) => c.env ?? []) ?? [];
      const prefix = String(env.find((e) => e.name === 'CSI_SERVICE_ACCOUNT_PREFIX')?.value ?? '');
      const drivers: Record<string, any[]> = {};
      for (const t of CSI_DRIVER_TYPES) {
        const mine = csiOp.filter((d) => ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(d.obj.kind) && String(d.obj.metadata.name).startsWith(`${prefix}${t}-`));
        if (mine.length) drivers[t] = mine.map((d) => rbacFact(d.obj));
      }
      const chartValues = YAML.parse(fs.readFileSync(path.join(dir, 'rook-ceph-chart-values.yaml'), 'utf8'));
      const chart = YAML.parse(fs.readFileSync(path.join(dir, 'rook-ceph-chart.yaml'), 'utf8'));
      facts.csiOperator = {
        source: `rook-lines/v${line}/csi-operator.yaml, rook-ceph-chart-values.yaml, rook-ceph-chart.yaml`,
        vendoredServiceAccountPrefix: prefix,
        chartServiceAccountPrefix: String(chartValues?.['ceph-csi-operator']?.controllerManager?.manager?.env?.csiServiceAccountPrefix ?? ''),
        chartSubchartVersion: String(chart.dependencies?.find((x: any) => x.name === 'ceph-csi-operator')?.version ?? ''),
        driverRbac: drivers,
      };
    }
    out[line] = facts;
  }
  return out;
}

export function renderRookFacts(upstream: string): string {
  const facts = deriveRookFacts(upstream);
  return [
    '// Generated by src/tools/model-facts.ts from the pinned upstream files named in each line\'s `source`; do not edit.',
    '// Facts only (names, namespaces, RBAC rules). Regenerate: npm run model:facts',
    '/* eslint-disable */',
    // one line per Rook line: the file stays small and a regenerated line shows as one changed line
    `export const ROOK_LINE_FACTS_DATA = {\n${Object.entries(facts).map(([line, f]) => `  ${JSON.stringify(line)}: ${JSON.stringify(f)},`).join('\n')}\n} as const;`,
    '',
  ].join('\n');
}

export const ROOK_FACTS_FILE = path.join('src', 'model', 'rook-facts.generated.ts');

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..', '..');
  const i = process.argv.indexOf('--upstream');
  const upstream = path.resolve(i > 0 ? process.argv[i + 1] : process.env.GITOPS_STORAGE_UPSTREAM ?? path.join(root, '..', 'shared', 'upstream'));
  fs.writeFileSync(path.join(root, ROOK_FACTS_FILE), renderRookFacts(upstream));
  console.log(`wrote ${ROOK_FACTS_FILE}`);
}
