/**
 * cephx key rotation, OSD key rotation and the KMS of encrypted OSDs (`security`).
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. Field names, types and ranges
 * follow the pinned CephCluster CRDs; a field the pinned version does not declare is refused through the version gates.
 */
import { z } from 'zod';
import { PropsMatch } from '../../foundation/props-check';

const KEY_ROTATION_POLICIES = ['Disabled', 'KeyGeneration'] as const;
const KEY_TYPES = ['aes', 'aes256k'] as const;

const cephxKeySchema = z.strictObject({
  keyRotationPolicy: z.enum(KEY_ROTATION_POLICIES).optional(),
  keyGeneration: z.number().int().min(0).max(4294967295).optional(),
  keyType: z.enum(KEY_TYPES).optional(),
});
const cephxCsiKeySchema = cephxKeySchema.extend({ keepPriorKeyCountMax: z.number().int().min(0).max(10).optional() });

/** Rotation of one set of cephx keys. */
export interface RookClusterCephxKeyProps {
  /** 'KeyGeneration': rotate the keys whenever keyGeneration is raised; 'Disabled': never. @default - Rook's default (no rotation) */
  readonly keyRotationPolicy?: 'Disabled' | 'KeyGeneration';
  /** With keyRotationPolicy 'KeyGeneration': the key generation to reach; raise it to rotate. 0..4294967295. @default - none */
  readonly keyGeneration?: number;
  /** Cipher of new keys. @default - Ceph's default */
  readonly keyType?: 'aes' | 'aes256k';
}
const _cephxKeyProps: PropsMatch<RookClusterCephxKeyProps, z.input<typeof cephxKeySchema>> = true;

/** Rotation of the CSI cephx keys. */
export interface RookClusterCephxCsiKeyProps extends RookClusterCephxKeyProps {
  /** Older CSI keys kept valid after a rotation, 0..10 (mounted volumes still use them). @default - Rook's default */
  readonly keepPriorKeyCountMax?: number;
}
const _cephxCsiKeyProps: PropsMatch<RookClusterCephxCsiKeyProps, z.input<typeof cephxCsiKeySchema>> = true;

const cephxSchema = z.strictObject({
  daemon: cephxKeySchema.optional(),
  csi: cephxCsiKeySchema.optional(),
  rbdMirrorPeer: cephxKeySchema.optional(),
  allowedCiphers: z.array(z.enum(KEY_TYPES)).min(1).max(2).optional(),
});

/** cephx keys of the daemons, CSI and RBD mirror peers (Rook v1.20.6). */
export interface RookClusterCephxProps {
  /** Keys of the Ceph daemons. @default - Rook's defaults */
  readonly daemon?: RookClusterCephxKeyProps;
  /** Keys of the CSI drivers. @default - Rook's defaults */
  readonly csi?: RookClusterCephxCsiKeyProps;
  /** Keys of RBD mirror peers. @default - Rook's defaults */
  readonly rbdMirrorPeer?: RookClusterCephxKeyProps;
  /** Ciphers Ceph accepts, one or both of 'aes', 'aes256k'. @default - Ceph's default */
  readonly allowedCiphers?: ('aes' | 'aes256k')[];
}
const _cephxProps: PropsMatch<RookClusterCephxProps, z.input<typeof cephxSchema>> = true;

const keyRotationSchema = z.strictObject({
  enabled: z.boolean().optional(),
  schedule: z.string().regex(/^(@(every\s+\S+|yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$/, { message: 'not a cron schedule ("0 2 * * 0") or "@every 720h", "@weekly", ...' }).optional(),
});

/** Scheduled rotation of the encryption keys of encrypted OSDs (KMS-backed). */
export interface RookClusterKeyRotationProps {
  /** Rotate the keys on the schedule. @default - Rook's default (false) */
  readonly enabled?: boolean;
  /** Cron schedule ("0 2 * * 0") or a descriptor ("@weekly", "@every 720h"). @default - Rook's default ("@weekly") */
  readonly schedule?: string;
}
const _keyRotationProps: PropsMatch<RookClusterKeyRotationProps, z.input<typeof keyRotationSchema>> = true;

/** connectionDetails keys that would hold a credential; Rook reads the token from the Secret `tokenSecretName`. */
const KMS_CREDENTIAL_KEY = /(^|_)(TOKEN|PASSWORD|PASSPHRASE|SECRET_ID)$/;

const kmsSchema = z.strictObject({
  connectionDetails: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, { message: 'not a KMS setting name like "KMS_PROVIDER" or "VAULT_ADDR"' }), z.string()).optional(),
  tokenSecretName: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { message: 'not a Secret name (DNS-1123 subdomain)' }).optional(),
}).superRefine((k, ctx) => {
  for (const key of Object.keys(k.connectionDetails ?? {})) {
    if (KMS_CREDENTIAL_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom', path: ['connectionDetails', key],
        message: `"${key}" is a credential; it would be committed to git in the CephCluster`,
        params: { value: key, allowed: 'connection settings only (KMS_PROVIDER, VAULT_ADDR, VAULT_BACKEND_PATH, ...)', fix: 'put the token into a Secret in the cluster namespace and name it in security.kms.tokenSecretName' },
      });
    }
  }
});

/** The key management service of encrypted OSDs: connection settings and a Secret reference, never the token itself. */
export interface RookClusterKmsProps {
  /** KMS connection settings by name (e.g. `{ KMS_PROVIDER: 'vault', VAULT_ADDR: 'https://vault:8200' }`); no credentials. @default - none */
  readonly connectionDetails?: Record<string, string>;
  /** Name of the Secret in the cluster namespace that holds the KMS token. @default - none */
  readonly tokenSecretName?: string;
}
const _kmsProps: PropsMatch<RookClusterKmsProps, z.input<typeof kmsSchema>> = true;

export const securitySchema = z.strictObject({
  cephx: cephxSchema.optional(),
  keyRotation: keyRotationSchema.optional(),
  kms: kmsSchema.optional(),
});

/** Security settings of the cluster. */
export interface RookClusterSecurityProps {
  /** cephx key rotation and ciphers. Rook v1.20.6. @default - Rook's defaults */
  readonly cephx?: RookClusterCephxProps;
  /** Scheduled rotation of OSD encryption keys. Rook v1.20.6. @default - Rook's defaults (off) */
  readonly keyRotation?: RookClusterKeyRotationProps;
  /** Key management service for the keys of encrypted OSDs. Not on Rook v1.2.7. @default - keys in Kubernetes Secrets */
  readonly kms?: RookClusterKmsProps;
}
const _securityProps: PropsMatch<RookClusterSecurityProps, z.input<typeof securitySchema>> = true;
