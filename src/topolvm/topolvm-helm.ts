/**
 * TopoLVM through its own Helm chart (`topolvm` of https://topolvm.github.io/topolvm), like the Rook operator's Helm
 * mode: an Argo CD Application, a Flux HelmRepository + HelmRelease, or (plain sites) a values file and the helm
 * command. The chart release of a line and the values it knows come from the line table (src/versions/topolvm-lines.ts,
 * generated from each chart's Chart.yaml and values.yaml); chart 17 names the image version `image.reference`
 * instead of `image.tag`.
 */
import { Lazy } from 'cdk8s';
import { Application } from '../../imports/argoproj.io';
import { HelmRelease, HelmReleaseSpecChartSpecSourceRefKind, HelmReleaseSpecInstallCrds, HelmReleaseSpecUpgradeCrds } from '../../imports/helm.toolkit.fluxcd.io';
import { HelmRepository } from '../../imports/source.toolkit.fluxcd.io';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError } from '../foundation/errors';
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { dnsLabel } from '../foundation/props';
import { PropsMatch } from '../foundation/props-check';
import { Site } from '../site/site';
import { declareCrdGroups, place } from '../site/layers';
import { chartHasValue, chartsWithValue, TopoLVMChartData, TopoLVMLine } from '../versions/topolvm-lines';

/** Chart repository of TopoLVM (charts/topolvm README of topolvm/topolvm). */
export const TOPOLVM_CHART_REPO = 'https://topolvm.github.io/topolvm';

export const topolvmInstallSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('manifests') }),
  z.strictObject({
    mode: z.literal('helm'),
    chartVersion: z.string().regex(/^v?\d+\.\d+\.\d+$/, 'a chart version x.y.z').optional(),
    repoURL: z.string().url().optional(),
    releaseName: dnsLabel.optional(),
    values: z.record(z.string(), z.unknown()).optional(),
  }),
]);

/** Install TopoLVM from this package's own manifests (every object of the site, validated). */
export interface TopoLVMManifestsInstallProps {
  /** Selects the manifests install. */
  readonly mode: 'manifests';
}

/** Install TopoLVM from its upstream Helm chart, by reference (Argo CD / Flux / a helm command on plain sites). */
export interface TopoLVMHelmInstallProps {
  /** Selects the Helm install. */
  readonly mode: 'helm';
  /** Chart version; must be the chart release of the site's TopoLVM line. @default - the newest chart release of the line in the data */
  readonly chartVersion?: string;
  /** Chart repository URL. @default 'https://topolvm.github.io/topolvm' */
  readonly repoURL?: string;
  /** Helm release name. @default 'topolvm' */
  readonly releaseName?: string;
  /** More chart values, merged over the ones the props set; every key must exist in that chart's values.yaml. @default {} */
  readonly values?: Record<string, unknown>;
}
const _m: PropsMatch<TopoLVMManifestsInstallProps | TopoLVMHelmInstallProps, z.input<typeof topolvmInstallSchema>> = true;

export type TopoLVMInstall = z.output<typeof topolvmInstallSchema>;

/** What the chart values are made from (the TopoLVM construct's parsed props). */
export interface TopoLVMChartInputs {
  readonly image: string;
  readonly legacyDomain: boolean;
  readonly replicas: number;
  readonly capacityTracking: boolean;
  readonly extender?: 'daemonset' | 'deployment';
  readonly lvmdMode: 'daemonset' | 'embedded' | 'systemd';
  readonly socketName: string;
  readonly deviceClasses: readonly Record<string, unknown>[];
  readonly kubeletRoot: string;
  readonly priorityClass: { name: string; value: number };
  readonly podSecurityPolicies: boolean;
}

/** The chart values of a TopoLVM installation, each checked against the chart's values.yaml. */
export function topolvmChartValues(path: string, chart: TopoLVMChartData, v: TopoLVMChartInputs): Record<string, any> {
  const need = (dotted: string, why: string) => {
    if (chartHasValue(chart, dotted)) return;
    throw new ConfigError({
      path, problem: `${why} needs the chart value ${dotted}, which chart ${chart.version} (appVersion ${chart.appVersion}) does not have`,
      value: chart.version, allowed: chartsWithValue(dotted), fix: 'remove the setting, pin a TopoLVM line whose chart has it, or use install: { mode: "manifests" }',
    });
  };
  const at = v.image.lastIndexOf(':');
  const repository = at > v.image.lastIndexOf('/') ? v.image.slice(0, at) : v.image;
  const version = at > v.image.lastIndexOf('/') ? v.image.slice(at + 1) : undefined;
  const out: Record<string, any> = {
    image: { repository, [chart.imageKey]: version },
    controller: { replicaCount: v.replicas, storageCapacityTracking: { enabled: v.capacityTracking } },
    scheduler: { enabled: v.extender !== undefined, type: v.extender },
    webhook: { podMutatingWebhook: { enabled: v.extender !== undefined } },
    lvmd: { managed: v.lvmdMode === 'daemonset', socketName: v.socketName, deviceClasses: v.deviceClasses },
    node: { lvmdSocket: v.lvmdMode === 'embedded' ? undefined : v.socketName, kubeletWorkDirectory: v.kubeletRoot },
    // the site's TopoLVMStorageClass constructs write the classes
    storageClasses: [],
  };
  need('controller.storageCapacityTracking', 'the controller settings');
  if (v.extender === 'deployment') need('scheduler.type', 'a scheduler Deployment');
  if (v.lvmdMode === 'embedded') {
    need('node.lvmdEmbedded', 'lvmd mode "embedded"');
    out.node.lvmdEmbedded = true;
  }
  if (!chartHasValue(chart, 'node.lvmdSocket')) delete out.node.lvmdSocket;
  if (!chartHasValue(chart, 'node.kubeletWorkDirectory')) {
    if (v.kubeletRoot !== '/var/lib/kubelet') need('node.kubeletWorkDirectory', `kubelet root ${v.kubeletRoot}`);
    delete out.node.kubeletWorkDirectory;
  }
  if (v.legacyDomain && chartHasValue(chart, 'useLegacy')) out.useLegacy = true;
  if (chartHasValue(chart, 'priorityClass')) out.priorityClass = { enabled: true, name: v.priorityClass.name, value: v.priorityClass.value };
  if (v.podSecurityPolicies) {
    need('podSecurityPolicy', 'podSecurityPolicies');
    out.podSecurityPolicy = { create: true };
  } else if (chartHasValue(chart, 'podSecurityPolicy')) out.podSecurityPolicy = { create: false };
  return JSON.parse(JSON.stringify(out));
}

function merge(into: Record<string, any>, from: Record<string, any>): void {
  for (const [k, val] of Object.entries(from)) {
    if (val && typeof val === 'object' && !Array.isArray(val) && into[k] && typeof into[k] === 'object' && !Array.isArray(into[k])) merge(into[k], val as Record<string, any>);
    else into[k] = val;
  }
}

/** Checks user values against the chart's values.yaml (top-level keys and the keys of the recorded sections). */
export function checkUserValues(path: string, chart: TopoLVMChartData, values: Record<string, unknown>): void {
  for (const [k, val] of Object.entries(values)) {
    const paths = chart.sectionKeys[k] && val && typeof val === 'object' && !Array.isArray(val) ? Object.keys(val).map((s) => `${k}.${s}`) : [k];
    for (const p of paths) {
      if (chartHasValue(chart, p)) continue;
      throw new ConfigError({
        path: `${path}: install.values.${p}`, problem: `chart ${chart.version} (appVersion ${chart.appVersion}) has no value ${p}`, value: p,
        allowed: `keys of that chart's values.yaml; ${p} is in ${chartsWithValue(p)}`, fix: p === 'image.tag' || p === 'image.reference' ? `chart ${chart.version} names the image version image.${chart.imageKey}` : 'correct or remove the key',
      });
    }
  }
}

/**
 * Emits the Helm reference of a TopoLVM installation for the site's engine (Argo CD Application, Flux HelmRepository
 * + HelmRelease; plain sites get `helm/topolvm-values.yaml` and the command in `helm/README-topolvm.md`).
 */
export function emitTopolvmHelm(scope: Construct, site: Site, opts: {
  line: TopoLVMLine; chart: TopoLVMChartData; namespace: string; releaseName: string; repoURL: string; values: () => Record<string, any>; userValues?: Record<string, unknown>;
}): void {
  const { chart, namespace, releaseName, repoURL } = opts;
  if (opts.userValues) checkUserValues(scope.node.path, chart, opts.userValues);
  const all = () => {
    const v = opts.values();
    if (opts.userValues) merge(v, JSON.parse(JSON.stringify(opts.userValues)));
    return v;
  };
  declareCrdGroups(site, opts.line.crdGroups);
  const values = Lazy.any({ produce: all });
  const engine = site.gitops.engine;
  if (engine === 'argocd') {
    const g = site.gitops as Extract<typeof site.gitops, { engine: 'argocd' }>;
    place(new Application(scope, 'Application', {
      metadata: { name: `${site.siteName}-${releaseName}`, namespace: g.argocdNamespace },
      spec: {
        project: g.project,
        source: { repoUrl: repoURL, chart: 'topolvm', targetRevision: chart.version, helm: { releaseName, valuesObject: values } },
        destination: { server: 'https://kubernetes.default.svc', namespace },
        // no automated prune: the chart carries the LogicalVolume CRDs, and pruning a CRD deletes every volume record
        syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: ['ServerSideApply=true'] },
      },
    }), 'csi');
  } else if (engine === 'flux') {
    place(new HelmRepository(scope, 'HelmRepository', {
      metadata: { name: 'topolvm', namespace },
      spec: { url: repoURL, interval: '1h' },
    }), 'csi');
    place(new HelmRelease(scope, 'HelmRelease', {
      metadata: { name: releaseName, namespace },
      spec: {
        interval: '30m',
        chart: { spec: { chart: 'topolvm', version: chart.version, sourceRef: { kind: HelmReleaseSpecChartSpecSourceRefKind.HELM_REPOSITORY, name: 'topolvm' } } },
        install: { crds: HelmReleaseSpecInstallCrds.CREATE_REPLACE },
        upgrade: { crds: HelmReleaseSpecUpgradeCrds.CREATE_REPLACE },
        values,
      },
    }), 'csi');
  } else {
    scope.node.addValidation({
      validate: () => {
        const file = 'helm/topolvm-values.yaml';
        site.addArtifact(file, stringifyKubeYaml(all(), { lineWidth: 0 }));
        site.addArtifact('helm/README-topolvm.md', [
          `# TopoLVM (Helm chart ${chart.version}, appVersion ${chart.appVersion})`,
          '',
          'Install it before the StorageClasses:',
          '',
          '```sh',
          `helm repo add topolvm ${repoURL}`,
          `helm upgrade --install ${releaseName} topolvm/topolvm --version ${chart.version} --namespace ${namespace} -f ${file}`,
          '```',
        ].join('\n'));
        return [];
      },
    });
  }
}
