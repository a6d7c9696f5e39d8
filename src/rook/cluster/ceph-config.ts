/**
 * The typed Ceph config (`cephConfig`, `cephConfigFromSecret`): sections, options, Secret key references.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { PropsMatch } from '../../foundation/props-check';

/** A ceph.conf section name: `global`, `mon`, `osd`, `osd.3`, `client.rgw.a`, ... */
const cephSection = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]*$/, { message: 'not a Ceph config section like "global", "osd" or "osd.3"' });
/** A Ceph option name: letters, digits, "_" (Ceph also reads spaces as "_"). */
const cephOption = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_ ]*$/, { message: 'not a Ceph option name like "osd_pool_default_size"' });

export const cephConfigSchema = z.record(cephSection, z.record(cephOption, z.string()));

const secretKeyRefSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'not a Secret name (DNS-1123 subdomain)' }),
  key: z.string().regex(/^[-._a-zA-Z0-9]+$/, { message: 'not a Secret key (letters, digits, "-", "_", ".")' }),
  optional: z.boolean().optional(),
});

/** A key of a Secret in the cluster namespace (a reference only; the value stays in the Secret). */
export interface RookClusterSecretKeyRefProps {
  /** Secret name, in the cluster namespace. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
  /** Do not fail when the Secret or key is missing. @default - Kubernetes' default (false) */
  readonly optional?: boolean;
}
const _secretKeyRefProps: PropsMatch<RookClusterSecretKeyRefProps, z.input<typeof secretKeyRefSchema>> = true;

export const cephConfigFromSecretSchema = z.record(cephSection, z.record(cephOption, secretKeyRefSchema));
