/**
 * `Fleet`: many sites from one table. Each row names a cluster (versions, nodes, where its engine reaches it) and
 * may override the fleet's settings; one `build(site, row)` callback creates the constructs of every site. So a
 * thousand clusters are a data file (`Fleet.readRows('fleet.yaml')`), not a thousand files of code.
 */
import * as fs from 'fs';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, dnsName } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { refineUnique } from '../foundation/unique';
import { Site, SiteNode } from '../site/site';
import { SynthOptions, SynthResult, synthSites } from './synth';
import { argoDestinationSchema, ArgoCdDestinationProps, GitOpsProps } from '../site/gitops-config';
import { resolveRookVersion, RookRelease } from '../versions';
import { StorageConstruct } from '../site/storage-construct';

/** One row of a {@link Fleet}: one cluster. */
export interface FleetRowProps {
  /** Site name (folder under dist/), a DNS-1123 label. */
  readonly name: string;
  /** Full Kubernetes version the cluster runs, x.y.z. */
  readonly kubernetesVersion: string;
  /** Rook release of the site, `1.X.Y` or `v1.X.Y` (see SiteProps.rookVersion). @default - no Rook */
  readonly rookVersion?: RookRelease;
  /** TopoLVM release of the site, `0.X.Y` of a line v0.2–v0.41 (see SiteProps.topolvmVersion). @default - no TopoLVM */
  readonly topolvmVersion?: string;
  /** The cluster's nodes: names, or nodes with rack and labels. @default - unknown */
  readonly nodes?: readonly (string | SiteNode)[];
  /** Argo CD fleets: the cluster the hub syncs this site to. @default - the fleet's gitops (none: an in-cluster Argo CD) */
  readonly destination?: ArgoCdDestinationProps;
  /** Argo CD fleets: the project of the site's Applications. @default - the fleet's gitops project ('default') */
  readonly project?: string;
  /** Flux fleets: the kubeconfig Secret of the cluster in the management cluster. @default - the fleet's gitops (none) */
  readonly kubeConfigSecretRef?: string;
  /** Flux fleets: the ServiceAccount the site's Kustomizations act as. @default - the fleet's gitops (none) */
  readonly serviceAccountName?: string;
  /**
   * Settings of this site that differ from the fleet's `settings` (same keys; objects are merged key by key,
   * anything else replaces the fleet's value). @default {}
   */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/** A row as `build` receives it: parsed, with the fleet's settings and the row's overrides merged. */
export interface FleetSite<S> {
  /** The row, as parsed. */
  readonly row: FleetRowProps;
  /** The index of the row in the table. */
  readonly index: number;
  /** The fleet's settings with this row's overrides merged in. */
  readonly settings: S;
}

/** Props of {@link Fleet}. */
export interface FleetProps<S extends Record<string, unknown> = Record<string, unknown>> {
  /** The table: one row per cluster (e.g. `Fleet.readRows('fleet.yaml')`). */
  readonly sites: readonly FleetRowProps[];
  /**
   * GitOps engine and repository every site shares; each row adds its own destination, project,
   * kubeConfigSecretRef or serviceAccountName. @default { engine: 'plain' }
   */
  readonly gitops?: GitOpsProps;
  /** Settings every site starts from, which rows override; handed to `build`. @default {} */
  readonly settings?: S;
  /** Creates the constructs of one site. */
  readonly build: (site: Site, row: FleetSite<S>) => void;
}

const nodeEntry = z.union([
  dnsName,
  z.strictObject({ name: dnsName, rack: z.string().min(1).optional(), labels: z.record(z.string(), z.string()).optional() }),
]);

const rowSchema = z.strictObject({
  name: dnsLabel,
  kubernetesVersion: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'not a full Kubernetes version x.y.z' }),
  rookVersion: z.custom<RookRelease>(() => true).superRefine((v, ctx) => {
    try {
      resolveRookVersion(v, 'rookVersion');
    } catch (e) {
      const p = (e as ConfigError).problems?.[0];
      if (!p) throw e;
      ctx.addIssue({ code: 'custom', message: p.problem, params: { allowed: p.allowed, fix: p.fix } });
    }
  }).optional(),
  topolvmVersion: z.string().optional(),
  nodes: z.array(nodeEntry).optional(),
  destination: argoDestinationSchema.optional(),
  project: z.string().min(1).optional(),
  kubeConfigSecretRef: dnsName.optional(),
  serviceAccountName: dnsName.optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});
const _fleetRowProps: PropsMatch<FleetRowProps, z.input<typeof rowSchema>> = true;

const ARGO_FIELDS = ['destination', 'project'] as const;
const FLUX_FIELDS = ['kubeConfigSecretRef', 'serviceAccountName'] as const;

function fleetSchema(engine: string, settingKeys: readonly string[]) {
  return z.strictObject({ sites: z.array(rowSchema).min(1, { message: 'a fleet needs at least one row' }) }).superRefine((f, ctx) => {
    refineUnique(ctx, f.sites, (r) => r.name, ['sites'], ['name'], 'site name', 'each site needs its own dist/ folder');
    f.sites.forEach((r, i) => {
      const wrong = engine === 'argocd' ? FLUX_FIELDS : engine === 'flux' ? ARGO_FIELDS : [...ARGO_FIELDS, ...FLUX_FIELDS];
      for (const k of wrong) {
        if (r[k] === undefined) continue;
        ctx.addIssue({
          code: 'custom', path: ['sites', i, k], message: `row "${r.name}" sets ${k}, which the fleet's engine "${engine}" does not use`,
          params: {
            value: r[k],
            allowed: engine === 'argocd' ? 'destination and project (Argo CD)' : engine === 'flux' ? 'kubeConfigSecretRef and serviceAccountName (Flux)' : 'none of destination, project, kubeConfigSecretRef, serviceAccountName on a plain fleet',
            fix: engine === 'plain' ? "give the fleet a gitops engine ('argocd' or 'flux') or remove the field" : `remove ${k}, or use the field of the fleet's engine`,
          },
        });
      }
      for (const k of Object.keys(r.overrides ?? {})) {
        if (settingKeys.includes(k)) continue;
        ctx.addIssue({
          code: 'custom', path: ['sites', i, 'overrides', k], message: `row "${r.name}" overrides "${k}", which is not one of the fleet's settings (misspelt?)`,
          params: { value: k, allowed: settingKeys.length ? settingKeys.join(', ') : '(the fleet has no settings)', fix: `correct the key, or add "${k}" to the fleet's settings` },
        });
      }
    });
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Deep merge: plain objects key by key, anything else (arrays included) replaced. */
export function mergeSettings<S>(base: S, over: Readonly<Record<string, unknown>> | undefined): S {
  if (!over) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(out[k]) && isPlainObject(v) ? mergeSettings(out[k], v) : v;
  return out as S;
}

/**
 * Sites from a table. Each row becomes a `Site` (child of the fleet, named by the row) with the fleet's GitOps
 * engine plus the row's own target, and `build(site, { row, index, settings })` fills it.
 *
 * ```ts
 * new Fleet(app, 'fleet', {
 *   gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git' },
 *   settings: { replicas: 3 },
 *   sites: [{ name: 'dc1', kubernetesVersion: '1.33.0', rookVersion: '1.20.6', destination: { name: 'dc1' } }],
 *   build: (site, { settings }) => { ... },
 * });
 * ```
 */
export class Fleet<S extends Record<string, unknown> = Record<string, unknown>> extends StorageConstruct {
  /**
   * Reads a table of rows from a JSON or YAML file (a list, or `{ sites: [...] }`); the rows are checked when the
   * Fleet is created.
   */
  public static readRows(file: string): FleetRowProps[] {
    let data: unknown;
    try {
      const text = fs.readFileSync(file, 'utf8');
      data = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
    } catch (e) {
      throw new ConfigError({ path: file, problem: `the fleet table could not be read: ${(e as Error).message}`, allowed: 'a JSON or YAML list of rows (or { sites: [...] })', fix: 'check the path and the syntax of the file' });
    }
    const rows = isPlainObject(data) && Array.isArray(data.sites) ? data.sites : data;
    if (!Array.isArray(rows)) {
      throw new ConfigError({ path: file, problem: 'the fleet table is not a list of rows', value: typeof rows, allowed: 'a list of rows, or { sites: [...] }', fix: 'write one list entry per cluster' });
    }
    return rows as FleetRowProps[];
  }

  /**
   * Builds, checks, validates and writes a fleet one site at a time, each in an App of its own that is dropped
   * once the site is staged, so memory stays that of one site however long the table (thousands of sites). Same
   * output and the same all-or-nothing write as `synthApp` of an App holding `new Fleet(app, ...)`; construct paths
   * in messages start at the site (`dc1/cluster`, not `fleet/dc1/cluster`).
   */
  public static synth<S extends Record<string, unknown>>(props: FleetProps<S>, opts: SynthOptions = {}): SynthResult {
    const f = parseFleet('fleet', props);
    function* sites(): Generator<Site> {
      for (const [index, row] of f.rows.entries()) yield createSite(new App(), row, index, f);
    }
    return synthSites(sites(), opts);
  }

  /** The sites, in table order. */
  public readonly sites: readonly Site[];

  constructor(scope: Construct, id: string, props: FleetProps<S>) {
    super(scope, id);
    const f = parseFleet(id, props);
    this.sites = f.rows.map((row, index) => createSite(this, row, index, f));
  }
}

interface ParsedFleet<S extends Record<string, unknown>> {
  readonly rows: readonly z.output<typeof rowSchema>[];
  readonly gitops?: GitOpsProps;
  readonly settings: S;
  readonly build: FleetProps<S>['build'];
}

function parseFleet<S extends Record<string, unknown>>(id: string, props: FleetProps<S>): ParsedFleet<S> {
  const { build, settings, gitops, ...table } = (props ?? {}) as FleetProps<S>;
  if (typeof build !== 'function') {
    throw new ConfigError({ path: `fleet ${id}: build`, problem: 'a fleet needs a build function that creates the constructs of one site', value: build, allowed: 'a function (site, { row, index, settings }) => void', fix: 'pass build: (site, { settings }) => { new RookOperator(site, ...); ... }' });
  }
  const base = (settings ?? {}) as S;
  const p = parseProps(`fleet ${id}`, fleetSchema(gitops?.engine ?? 'plain', Object.keys(base)), table);
  return { rows: p.sites, gitops, settings: base, build };
}

function createSite<S extends Record<string, unknown>>(scope: Construct, row: z.output<typeof rowSchema>, index: number, f: ParsedFleet<S>): Site {
  const own: Record<string, unknown> = {};
  for (const k of [...ARGO_FIELDS, ...FLUX_FIELDS]) if (row[k] !== undefined) own[k] = row[k];
  const site = new Site(scope, row.name, {
    kubernetesVersion: row.kubernetesVersion,
    rookVersion: row.rookVersion,
    topolvmVersion: row.topolvmVersion,
    nodes: row.nodes?.map((n) => (typeof n === 'string' ? { name: n } : n)),
    gitops: f.gitops ? ({ ...f.gitops, ...own } as GitOpsProps) : undefined,
  });
  f.build(site, { row: row as FleetRowProps, index, settings: mergeSettings(f.settings, row.overrides) });
  return site;
}
