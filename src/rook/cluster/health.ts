/**
 * Health checks and probes (`healthCheck`), also the health checks of an external cluster.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { k8sObject } from '../../foundation/props';
import { PropsMatch } from '../../foundation/props-check';
import { goDuration as duration } from './go-duration';

const daemonCheckSchema = z.strictObject({
  disabled: z.boolean().optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
});

/** One of the operator's periodic health checks. */
export interface RookClusterDaemonHealthCheckProps {
  /** Turn the check off. @default - Rook's default (false) */
  readonly disabled?: boolean;
  /** Time between two checks, a Go duration such as "45s". @default - Rook's default */
  readonly interval?: string;
  /** mon: how long a mon may be out of quorum before Rook replaces it, a Go duration such as "600s". @default - Rook's default */
  readonly timeout?: string;
}
const _daemonCheckProps: PropsMatch<RookClusterDaemonHealthCheckProps, z.input<typeof daemonCheckSchema>> = true;

const daemonHealthSchema = z.strictObject({
  mon: daemonCheckSchema.optional(),
  osd: daemonCheckSchema.optional(),
  status: daemonCheckSchema.optional(),
});

/** The operator's health checks of the mons, OSDs and the cluster status. */
export interface RookClusterDaemonHealthProps {
  /** The mon quorum check. @default - Rook's defaults */
  readonly mon?: RookClusterDaemonHealthCheckProps;
  /** The OSD check. @default - Rook's defaults */
  readonly osd?: RookClusterDaemonHealthCheckProps;
  /** The cluster status check (`ceph status` into the CR status). @default - Rook's defaults */
  readonly status?: RookClusterDaemonHealthCheckProps;
}
const _daemonHealthProps: PropsMatch<RookClusterDaemonHealthProps, z.input<typeof daemonHealthSchema>> = true;

/** Rook's ProbeSpec (`{ disabled, probe }`), shared by the CephCluster daemons and the CephFilesystem MDS. */
export const probeSchema = z.strictObject({
  disabled: z.boolean().optional(),
  probe: k8sObject.optional(),
});

/** A liveness or startup probe of a daemon. */
export interface RookClusterProbeProps {
  /** Run the daemon without the probe. @default - Rook's default (false) */
  readonly disabled?: boolean;
  /** Overrides of the probe (a Kubernetes Probe: initialDelaySeconds, periodSeconds, timeoutSeconds, ...). @default - Rook's probe */
  readonly probe?: Record<string, unknown>;
}
const _probeProps: PropsMatch<RookClusterProbeProps, z.input<typeof probeSchema>> = true;

/** Daemons whose probes the CephCluster sets. */
export const PROBE_DAEMONS = ['mon', 'mgr', 'osd'] as const;
/** A daemon whose probes the CephCluster sets. */
export type RookProbeDaemon = (typeof PROBE_DAEMONS)[number];

const probesSchema = z.strictObject({ mon: probeSchema.optional(), mgr: probeSchema.optional(), osd: probeSchema.optional() });

/**
 * A Ceph health check code as the CephCluster CRD's rule on `spec.healthCheck.muteHealthWarning` keys has it
 * (rook/v1.20.6/crds.yaml, x-kubernetes-validations `k.matches(...)`): upper-case words joined by `_`, at least two.
 * test/cel-rules.test.ts evaluates the CRD rule itself on the same keys, so the two cannot disagree.
 */
export const CEPH_HEALTH_CODE = /^[A-Z]+(_[A-Z]+)+$/;

export const healthCheckSchema = z.strictObject({
  daemonHealth: daemonHealthSchema.optional(),
  livenessProbe: probesSchema.optional(),
  startupProbe: probesSchema.optional(),
  muteHealthWarning: z.record(z.string(), z.strictObject({ policy: z.enum(['mute', 'unmute']) })).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      if (CEPH_HEALTH_CODE.test(k)) continue;
      ctx.addIssue({
        code: 'custom', path: [k], message: `${JSON.stringify(k)} is not a Ceph health check code (the CephCluster CRD refuses the key)`,
        params: { value: k, allowed: 'upper-case words joined by "_", at least two, like POOL_NO_REDUNDANCY or OSD_DOWN', fix: 'use the code `ceph health detail` prints for the warning' },
      });
    }
  }).optional(),
});

/** A Ceph health warning muted (or unmuted) by the operator. */
export interface RookClusterMuteHealthWarningProps {
  /** 'mute' or 'unmute'. */
  readonly policy: 'mute' | 'unmute';
}

/** Health checks and probes of the Ceph daemons. */
export interface RookClusterHealthCheckProps {
  /** The operator's periodic checks. @default - Rook's defaults */
  readonly daemonHealth?: RookClusterDaemonHealthProps;
  /** Liveness probes per daemon (mon, mgr, osd). @default - Rook's probes */
  readonly livenessProbe?: Partial<Record<RookProbeDaemon, RookClusterProbeProps>>;
  /** Startup probes per daemon (mon, mgr, osd). Rook v1.20.6. @default - Rook's probes */
  readonly startupProbe?: Partial<Record<RookProbeDaemon, RookClusterProbeProps>>;
  /** Ceph health warnings to mute, by code (e.g. `POOL_NO_REDUNDANCY`). Rook v1.20.6. @default - none */
  readonly muteHealthWarning?: Record<string, RookClusterMuteHealthWarningProps>;
}
const _healthCheckProps: PropsMatch<RookClusterHealthCheckProps, z.input<typeof healthCheckSchema>> = true;

/** The health checks an external cluster has: the mon and status checks, no probes (Rook runs no daemons there). */
export const externalHealthCheckSchema = z.strictObject({
  daemonHealth: z.strictObject({ mon: daemonCheckSchema.optional(), status: daemonCheckSchema.optional() }).optional(),
});

/** The operator's checks of an external cluster. */
export interface ExternalClusterDaemonHealthProps {
  /** Check of the connection to the external mons. @default - Rook's defaults */
  readonly mon?: RookClusterDaemonHealthCheckProps;
  /** The cluster status check. @default - Rook's defaults */
  readonly status?: RookClusterDaemonHealthCheckProps;
}

/** Health checks of an external cluster. */
export interface ExternalClusterHealthCheckProps {
  /** The operator's periodic checks. @default - Rook's defaults */
  readonly daemonHealth?: ExternalClusterDaemonHealthProps;
}
const _externalHealthCheckProps: PropsMatch<ExternalClusterHealthCheckProps, z.input<typeof externalHealthCheckSchema>> = true;
