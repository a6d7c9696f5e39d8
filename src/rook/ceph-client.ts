import { ApiObject } from 'cdk8s';
import { CephClientSpecSecurityCephxKeyType } from '../../imports/ceph.rook.io';
import { CephClient as CephClientL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { parseProps } from '../foundation/errors';
import { dnsLabel, dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId, requireSameSite } from '../site/guards';
import { requireFeature } from '../versions';
import { CephBlockPool } from './ceph-block-pool';
import { CephFilesystem } from './ceph-filesystem';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { PropsMatch } from '../foundation/props-check';
import { RookResource } from './rook-resource';

const cap = z.string().min(1).regex(/^(allow|profile)\b/, { message: 'not a Ceph capability (starts with "allow" or "profile")' });

const capsSchema = z.strictObject({
  mon: cap.optional(),
  mgr: cap.optional(),
  osd: cap.optional(),
  mds: cap.optional(),
}).superRefine((c, ctx) => {
  if (!c.mon && !c.mgr && !c.osd && !c.mds) {
    ctx.addIssue({ code: 'custom', message: 'a client needs capabilities for at least one daemon; Rook refuses a CephClient without caps', params: { allowed: 'mon, mgr, osd and/or mds, e.g. { mon: "profile rbd", osd: "profile rbd pool=images" }', fix: 'add the caps the client needs' } });
  }
});

const schema = z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  caps: capsSchema,
  secretName: dnsName.optional(),
  keyType: z.enum(['aes', 'aes256k']).optional(),
});

/** Ceph capabilities of a client, one string per daemon type (`ceph auth caps`). */
export interface CephClientCapsProps {
  /** Monitor caps, e.g. "profile rbd". @default - none */
  readonly mon?: string;
  /** Manager caps, e.g. "profile rbd pool=images". @default - none */
  readonly mgr?: string;
  /** OSD caps, e.g. "profile rbd pool=volumes, profile rbd-read-only pool=images". @default - none */
  readonly osd?: string;
  /** MDS caps, e.g. "allow rw path=/volumes/csi". @default - none */
  readonly mds?: string;
}

/** Props of {@link CephClient}. */
export interface CephClientProps {
  /** The cluster the Ceph user is created in. */
  readonly cluster: ICephCluster;
  /** Name of the CephClient; the Ceph user is `client.<name>`. @default - the construct id */
  readonly name?: string;
  /** Capabilities per daemon type; at least one. */
  readonly caps: CephClientCapsProps;
  /** Secret the operator writes the user's key into (Rook 1.20). @default - 'rook-ceph-client-<name>' */
  readonly secretName?: string;
  /** cephx key type (Rook 1.20): 'aes256k' needs clients that support it (Linux kernel 7.0+). @default - Ceph's default ('aes') */
  readonly keyType?: 'aes' | 'aes256k';
}
const _cephClientProps: PropsMatch<CephClientProps, z.input<typeof schema>> = true;
/** Props of {@link RookCluster.addClient}: those of {@link CephClientProps} but the cluster, which is the parent. */
export interface CephClientOptions extends Omit<CephClientProps, 'cluster'> {}
const _cephClientCapsProps: PropsMatch<CephClientCapsProps, z.input<typeof capsSchema>> = true;

/**
 * A `CephClient`: a Ceph user with capabilities per daemon. The key is never in props or git: the operator writes it
 * into the Secret {@link CephClient.secretName} in the cluster namespace (key `<name>`), for other constructs to reference.
 */
export class CephClient extends RookResource<InstanceType<typeof CephClientL1>> {
  public readonly clientName: string;
  /** The Ceph user, `client.<name>`. */
  public readonly cephUser: string;
  /** Secret in {@link CephClient.namespace} the operator writes the key into. */
  public readonly secretName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephClientProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const p = parseProps(this.node.path, schema, props);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    if (p.secretName !== undefined) requireFeature(site.versions, 'cephClientSecretSpec', `${this.node.path}: secretName`, 'remove secretName: on this version the Secret is always rook-ceph-client-<name>');
    if (p.keyType !== undefined) requireFeature(site.versions, 'cephClientSecretSpec', `${this.node.path}: keyType`, 'remove keyType on this version');
    this.cluster = p.cluster;
    const namespace = p.cluster.namespace;
    this.clientName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephClient');
    this.cephUser = `client.${this.clientName}`;
    // Rook v1.20 generateCephUserSecretName: spec.secretName, else rook-ceph-client-<metadata.name>
    this.secretName = p.secretName ?? `rook-ceph-client-${this.clientName}`;
    this.createResource(CephClientL1, { name: this.clientName, namespace }, {
      spec: {
        caps: p.caps,
        secretName: p.secretName,
        security: p.keyType ? { cephx: { keyType: p.keyType as CephClientSpecSecurityCephxKeyType } } : undefined,
      },
    }, 'pools');
    this.node.addValidation({ validate: () => this.warnUnknownPools(site, p.caps) });
  }

  /** Caps that name a pool the site does not have are valid but grant nothing until it exists: a warning. */
  private warnUnknownPools(site: Site, caps: z.output<typeof capsSchema>): string[] {
    const ns = this.namespace;
    const known = new Set<string>([
      ...site.findAll(CephBlockPool).filter((b) => b.namespace === ns).map((b) => b.poolName),
      ...site.findAll(CephFilesystem).filter((f) => f.namespace === ns).flatMap((f) => [`${f.filesystemName}-metadata`, ...f.dataPoolNames.map((d) => f.cephPoolName(d))]),
      ...(this.cluster.knownPools ?? []),
      ...(((this.cluster as any).filesystems ?? []) as { dataPools: readonly string[]; metadataPool?: string }[]).flatMap((f) => [...f.dataPools, ...(f.metadataPool ? [f.metadataPool] : [])]),
    ]);
    for (const daemon of ['osd', 'mgr'] as const) {
      for (const m of (caps[daemon] ?? '').matchAll(/\bpool=([A-Za-z0-9._-]+)/g)) {
        const pool = m[1];
        // built-in pools (.mgr, .nfs, .rgw.root) and object-store pools (<store>.rgw.*) are created by the operator
        if (known.has(pool) || pool.startsWith('.') || pool.includes('.rgw.')) continue;
        site.addWarning([
          `${this.node.path}: caps.${daemon}: pool "${pool}" is not a pool of cluster namespace "${ns}" in this site; the client's caps grant nothing on it until it exists`,
          `  fix: add the pool (cluster.addPool('${pool}', ...)), or correct the name${known.size ? ` (pools: ${[...known].sort().map((k) => `"${k}"`).join(', ')})` : ''}`,
        ].join('\n'));
      }
    }
    return [];
  }
}
