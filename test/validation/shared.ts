import { Validator } from '../../src/validation/validator';
import { UPSTREAM_DIR, upstreamPath } from '../upstream';

export const UPSTREAM: string | undefined = UPSTREAM_DIR;
export const upstream = upstreamPath;

let v133: Validator | undefined;
/** One strict 1.33.0 validator with Rook v1.20.6 + TopoLVM v0.41.0 CRDs, shared by the tests of a file. */
export function validator133(): Validator {
  v133 ??= new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6', 'topolvm@v0.41.0'] });
  return v133;
}

export const pool = (spec: Record<string, unknown>) => ({
  apiVersion: 'ceph.rook.io/v1',
  kind: 'CephBlockPool',
  metadata: { name: 'replicapool', namespace: 'rook-ceph' },
  spec,
});
