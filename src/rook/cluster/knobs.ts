/**
 * The top-level knobs spread into the cluster schema: their shape, eager checks, version gates and rendering.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { CephClusterSpec } from '../../../imports/ceph.rook.io';
import { asL1 } from '../l1';
import { int32 } from '../../foundation/props';
import { refineUnique } from '../../foundation/unique';
import { Feature, requireFieldFeature, VersionSet } from '../../versions';
import { RookClusterUpgradeKnobsProps } from './upgrade';
import { monitoringSchema, RookClusterMonitoringProps } from './monitoring';
import { cephConfigFromSecretSchema, cephConfigSchema, RookClusterSecretKeyRefProps } from './ceph-config';
import { RookClusterSecurityProps, securitySchema } from './security';
import { csiSchema, RookClusterCsiProps } from './csi';
import { networkSchema } from './network';
import { stretchClusterSchema } from './stretch';

export const clusterKnobsShape = {
  skipUpgradeChecks: z.boolean().optional(),
  continueUpgradeAfterChecksEvenIfNotHealthy: z.boolean().optional(),
  waitTimeoutForHealthyOSDInMinutes: int32.min(0).optional(),
  upgradeOSDRequiresHealthyPGs: z.boolean().optional(),
  removeOSDsIfOutAndSafeToRemove: z.boolean().optional(),
  monitoring: monitoringSchema.optional(),
  cephConfig: cephConfigSchema.optional(),
  cephConfigFromSecret: cephConfigFromSecretSchema.optional(),
  security: securitySchema.optional(),
  csi: csiSchema.optional(),
  rbdMirroring: z.strictObject({ workers: int32.min(0).optional() }).optional(),
};

/** The RBD mirroring daemons of a Rook v1.2 cluster (later releases use a CephRBDMirror). */
export interface RookClusterRbdMirroringProps {
  /** Number of rbd-mirror daemons. @default - Rook's default (0) */
  readonly workers?: number;
}

/** CephCluster knobs beyond storage, mons and mgrs. */
export interface RookClusterKnobsProps extends RookClusterUpgradeKnobsProps {
  /** Prometheus monitoring. @default - Rook's defaults (off) */
  readonly monitoring?: RookClusterMonitoringProps;
  /**
   * Ceph options per section, set by the operator in the mon config database, e.g.
   * `{ global: { osd_pool_default_size: '3' } }`: the typed alternative to `configOverride`. Rook v1.20.6.
   * @default - none
   */
  readonly cephConfig?: Record<string, Record<string, string>>;
  /** Ceph options per section whose values are keys of Secrets in the cluster namespace. Rook v1.20.6. @default - none */
  readonly cephConfigFromSecret?: Record<string, Record<string, RookClusterSecretKeyRefProps>>;
  /** cephx key rotation, OSD key rotation (Rook v1.20.6) and the KMS of encrypted OSDs. @default - Rook's defaults */
  readonly security?: RookClusterSecurityProps;
  /** CSI settings of this cluster. Rook v1.20.6. @default - Rook's defaults */
  readonly csi?: RookClusterCsiProps;
  /** rbd-mirror daemons. Rook v1.2.7 only. @default - none */
  readonly rbdMirroring?: RookClusterRbdMirroringProps;
}

type Knobs = { [K in keyof typeof clusterKnobsShape]: z.output<(typeof clusterKnobsShape)[K]> };

/** The parsed shape of the knobs and of the sections this file owns. */
export interface ParsedClusterKnobs extends Partial<Knobs> {
  readonly mon: { count: number; stretchCluster?: z.output<typeof stretchClusterSchema> };
  readonly network?: z.output<typeof networkSchema>;
}

/** Eager checks of the knobs (run inside the cluster schema's superRefine). */
export function refineClusterKnobs(p: ParsedClusterKnobs, ctx: z.RefinementCtx): void {
  const s = p.mon.stretchCluster;
  if (s) {
    if (p.mon.count !== 5) {
      ctx.addIssue({
        code: 'custom', path: ['mon', 'count'],
        message: `a stretch cluster runs 5 mons (two in each data zone, one in the arbiter zone), not ${p.mon.count}`,
        params: { value: p.mon.count, allowed: '5 with mon.stretchCluster', fix: 'set mon.count: 5' },
      });
    }
    if (s.zones.length !== 3) {
      ctx.addIssue({
        code: 'custom', path: ['mon', 'stretchCluster', 'zones'],
        message: `a stretch cluster has exactly three zones (two data zones and an arbiter), not ${s.zones.length}`,
        params: { allowed: 'three zones, one with arbiter: true', fix: 'list two data zones and one arbiter zone, e.g. [{ name: "a", arbiter: true }, { name: "b" }, { name: "c" }]' },
      });
    }
    const arbiters = s.zones.filter((z) => z.arbiter === true).length;
    if (arbiters !== 1) {
      ctx.addIssue({
        code: 'custom', path: ['mon', 'stretchCluster', 'zones'],
        message: `exactly one zone of a stretch cluster is the arbiter (it runs the tie-breaker mon), but ${arbiters} ${arbiters === 1 ? 'is' : 'are'}`,
        params: { allowed: 'one zone with arbiter: true', fix: arbiters === 0 ? 'set arbiter: true on the zone without OSDs' : 'keep arbiter: true on one zone only' },
      });
    }
    refineUnique(ctx, s.zones, (z) => z.name, ['mon', 'stretchCluster', 'zones'], ['name'], 'stretch zone', 'each zone is one value of the failure domain label, so two entries would place mons in the same zone');
  }
  const n = p.network;
  if (n?.hostNetwork === true && n.provider !== undefined) {
    ctx.addIssue({
      code: 'custom', path: ['network', 'hostNetwork'],
      message: `the legacy hostNetwork switch cannot be combined with provider "${n.provider}" (the CephCluster schema refuses it)`,
      params: { allowed: 'either provider: "host" or hostNetwork: true (legacy)', fix: n.provider === 'host' ? 'remove hostNetwork; provider: "host" already means host networking' : 'remove hostNetwork' },
    });
  }
  const keys = p.security?.cephx;
  for (const who of ['daemon', 'csi', 'rbdMirrorPeer'] as const) {
    const k = keys?.[who];
    if (k?.keyGeneration !== undefined && k.keyRotationPolicy !== 'KeyGeneration') {
      ctx.addIssue({
        code: 'custom', path: ['security', 'cephx', who, 'keyGeneration'],
        message: `keyGeneration only rotates keys with keyRotationPolicy "KeyGeneration"${k.keyRotationPolicy ? `, not "${k.keyRotationPolicy}"` : ''}: the setting would be ignored`,
        params: { allowed: 'keyGeneration together with keyRotationPolicy: "KeyGeneration"', fix: `set security.cephx.${who}.keyRotationPolicy: "KeyGeneration", or remove keyGeneration` },
      });
    }
  }
  if (p.cephConfig && p.cephConfigFromSecret) {
    for (const [section, opts] of Object.entries(p.cephConfigFromSecret)) {
      for (const opt of Object.keys(opts)) {
        if (p.cephConfig[section]?.[opt] !== undefined) {
          ctx.addIssue({
            code: 'custom', path: ['cephConfigFromSecret', section, opt],
            message: `option "${opt}" of section "${section}" is set both in cephConfig and in cephConfigFromSecret; only one value can win`,
            params: { allowed: 'each option in one of the two maps', fix: `remove cephConfig.${section}.${opt} or cephConfigFromSecret.${section}.${opt}` },
          });
        }
      }
    }
  }
}

/**
 * Fields the user set that the pinned CephCluster CRD does not declare: each names the field, the pinned version and
 * the versions that have it.
 */
export function checkClusterKnobsForVersion(v: VersionSet, path: string, raw: any): void {
  const gate = (set: unknown, feature: Feature, field: string, fix?: string) => requireFieldFeature(v, feature, path, field, set, fix);
  gate(raw.waitTimeoutForHealthyOSDInMinutes, 'cephClusterWaitTimeoutForHealthyOSD', 'waitTimeoutForHealthyOSDInMinutes');
  gate(raw.upgradeOSDRequiresHealthyPGs, 'cephClusterUpgradeOSDRequiresHealthyPGs', 'upgradeOSDRequiresHealthyPGs',
    'remove upgradeOSDRequiresHealthyPGs; on this Rook version check `ceph pg stat` for clean PGs before changing the Ceph image, or keep continueUpgradeAfterChecksEvenIfNotHealthy false');
  const m = raw.monitoring ?? {};
  for (const f of ['metricsDisabled', 'exporter', 'interval', 'port'] as const) gate(m[f], 'cephClusterMonitoringExporter', `monitoring.${f}`);
  gate(m.rulesNamespace, 'cephClusterMonitoringRulesNamespace', 'monitoring.rulesNamespace', 'remove monitoring.rulesNamespace: this Rook version creates no PrometheusRule (deploy the alert rules yourself, e.g. from the rook-ceph-cluster chart)');
  gate(raw.cephConfig, 'cephClusterCephConfig', 'cephConfig', 'put the options into configOverride (the rook-config-override ConfigMap, ceph.conf syntax) on this Rook version');
  gate(raw.cephConfigFromSecret, 'cephClusterCephConfig', 'cephConfigFromSecret', 'remove cephConfigFromSecret on this Rook version (set the option with `ceph config set` from the toolbox)');
  gate(raw.security?.cephx, 'cephClusterCephx', 'security.cephx');
  gate(raw.security?.keyRotation, 'cephClusterCephx', 'security.keyRotation');
  gate(raw.security?.kms, 'cephClusterKms', 'security.kms', 'remove security.kms; on this Rook version OSD encryption keys stay in Kubernetes Secrets');
  gate(raw.security, 'cephClusterKms', 'security', 'remove security for this Rook version');
  gate(raw.csi, 'cephClusterCsi', 'csi', 'remove csi from the cluster; on this Rook version CSI is configured through RookOperator');
  const h = raw.healthCheck ?? {};
  gate(h.startupProbe, 'cephClusterStartupProbe', 'healthCheck.startupProbe');
  gate(h.muteHealthWarning, 'cephClusterStartupProbe', 'healthCheck.muteHealthWarning', 'remove healthCheck.muteHealthWarning; on this Rook version mute a warning with `ceph health mute <code>` from the toolbox');
  const d = raw.disruptionManagement ?? {};
  gate(d.pgHealthyRegex, 'cephClusterPgHealthyRegex', 'disruptionManagement.pgHealthyRegex');
  gate(d.manageMachineDisruptionBudgets, 'cephClusterMachineDisruptionBudgets', 'disruptionManagement.manageMachineDisruptionBudgets', 'remove it: Rook no longer manages MachineDisruptionBudgets (managePodBudgets covers drains)');
  gate(d.machineDisruptionBudgetNamespace, 'cephClusterMachineDisruptionBudgets', 'disruptionManagement.machineDisruptionBudgetNamespace', 'remove it: Rook no longer manages MachineDisruptionBudgets (managePodBudgets covers drains)');
  const n = raw.network ?? {};
  gate(n.addressRanges, 'cephClusterAddressRanges', 'network.addressRanges', 'remove network.addressRanges; on this Rook version set public_network / cluster_network in configOverride');
  gate(n.multiClusterService, 'cephClusterAddressRanges', 'network.multiClusterService');
  gate(raw.rbdMirroring, 'cephClusterRbdMirroring', 'rbdMirroring', 'remove rbdMirroring and declare an CephRbdMirror (CephRBDMirror) instead');
  gate(raw.mon?.stretchCluster, 'cephClusterStretch', 'mon.stretchCluster');
}

/** The top-level knobs, rendered into the CephCluster spec (unset keys stay undefined and are dropped). */
export function renderClusterKnobs(p: Partial<Knobs>): CephClusterSpec {
  return asL1<CephClusterSpec>({
    skipUpgradeChecks: p.skipUpgradeChecks,
    continueUpgradeAfterChecksEvenIfNotHealthy: p.continueUpgradeAfterChecksEvenIfNotHealthy,
    waitTimeoutForHealthyOsdInMinutes: p.waitTimeoutForHealthyOSDInMinutes,
    upgradeOsdRequiresHealthyPGs: p.upgradeOSDRequiresHealthyPGs,
    removeOsDsIfOutAndSafeToRemove: p.removeOSDsIfOutAndSafeToRemove,
    monitoring: p.monitoring,
    cephConfig: p.cephConfig,
    cephConfigFromSecret: p.cephConfigFromSecret,
    security: p.security,
    csi: p.csi,
    rbdMirroring: p.rbdMirroring,
  });
}
