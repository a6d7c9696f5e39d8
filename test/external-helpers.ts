import * as crypto from 'crypto';
import { ExternalClusterProps, SecretRef } from '../src';

/** A fake cephx key: base64 of 28 bytes starting 0x01 0x00, like `ceph auth get-key` prints. Never a real key. */
export function fakeCephxKey(): string {
  return Buffer.concat([Buffer.from([1, 0]), crypto.randomBytes(26)]).toString('base64');
}

export const FSID = '3f1c9a52-8d4e-4b6f-9a27-5c0e1d2b7f48';
export const MONS = ['a=10.0.0.11:6789', 'b=10.0.0.12:6789', 'c=10.0.0.13:6789'];
export const store = { kind: 'ClusterSecretStore' as const, name: 'vault' };
export const es = (secret: string, key: string) => SecretRef.externalSecret({ store, data: { [key]: { key: `ceph/${secret}`, property: key } } });

/** Props valid on Rook 1.20: all four CSI secrets as ExternalSecrets. */
export function props120(extra: Partial<ExternalClusterProps> = {}): ExternalClusterProps {
  return {
    fsid: FSID,
    monEndpoints: MONS,
    rbdPools: ['replicapool'],
    filesystems: [{ name: 'myfs', dataPools: ['myfs-replicated'] }],
    ...extra,
    secrets: {
      mon: es('rook-ceph-mon', 'ceph-secret'),
      csiRbdNode: es('rook-csi-rbd-node', 'userKey'),
      csiRbdProvisioner: es('rook-csi-rbd-provisioner', 'userKey'),
      csiCephfsNode: es('rook-csi-cephfs-node', 'userKey'),
      csiCephfsProvisioner: es('rook-csi-cephfs-provisioner', 'userKey'),
      ...(extra.secrets ?? {}),
    } as any,
  };
}

/** Fake Sealed Secrets ciphertext (shape only). */
export function fakeCiphertext(): string {
  return 'Ag' + crypto.randomBytes(520).toString('base64').replace(/=+$/, '');
}
