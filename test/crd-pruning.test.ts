/**
 * CRDs without pruning (issue 10): an apiextensions v1beta1 CRD whose `spec.preserveUnknownFields` is not false keeps
 * unknown fields, so the API server stores upstream's v1.2.7 `crashCollector.disable` although the v1.2.7 CephCluster
 * schema does not declare it. The validator follows the API server there (declared fields stay typed); CRDs that
 * prune (v1, or v1beta1 with preserveUnknownFields: false) still refuse unknown fields. RookCluster writes
 * crashCollector.disable on v1.2.7, which that operator reads.
 */
import { RookCluster } from '../src';
import { crdJsonSchema, crdKindsOf } from '../src/validation/crd-schemas';
import { Validator } from '../src/validation/validator';
import { configError, describeWithUpstream, expectHelpful, newSite, testWithUpstream, upstreamPath } from './helpers';
import { synthValid } from './upstream-compare';

function crd(apiVersion: string, preserveUnknownFields?: boolean): any {
  const schema = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } };
  return {
    apiVersion, kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', preserveUnknownFields,
      ...(apiVersion.endsWith('v1beta1') ? { version: 'v1', validation: schema } : { versions: [{ name: 'v1', served: true, storage: true, schema }] }),
    },
  };
}

describe('GIVEN CRDs with and without pruning', () => {
  test.each([
    ['apiextensions.k8s.io/v1beta1', undefined, true],
    ['apiextensions.k8s.io/v1beta1', true, true],
    ['apiextensions.k8s.io/v1beta1', false, false],
    ['apiextensions.k8s.io/v1', undefined, false],
  ] as [string, boolean | undefined, boolean][])('WHEN a %s CRD has preserveUnknownFields %s THEN unknown fields are kept: %s', (apiVersion, preserve, kept) => {
    const [kind] = crdKindsOf(crd(apiVersion, preserve), 'widgets.yaml');
    expect(kind.keepUnknownFields ?? false).toBe(kept);
    expect((crdJsonSchema(kind) as any).properties.spec.additionalProperties).toBe(kept ? undefined : false);
    // declared fields keep their type either way
    expect((crdJsonSchema(kind) as any).properties.spec.properties.size).toEqual({ type: 'integer' });
  });
});

describeWithUpstream('GIVEN the rook@v1.2.7 CRDs (apiextensions v1beta1, no preserveUnknownFields)', () => {
  const v127 = () => new Validator({ kubernetesVersion: '1.16.0', crdSources: ['rook@v1.2.7'] });

  test('WHEN upstream\'s v1.2.7 cluster.yaml is validated THEN its CephCluster is valid (crashCollector.disable is kept, as the API server keeps it)', () => {
    const rs = v127().validatePaths([upstreamPath('rook', 'v1.2.7', 'cluster.yaml')]);
    expect(rs.map((r) => `${r.kind}:${r.status}`)).toEqual(['CephCluster:statusValid']);
  });

  test('WHEN a declared field has the wrong type THEN it is still invalid', () => {
    const r = v127().validateObject({ apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'c', namespace: 'rook-ceph' }, spec: { mon: { count: 'three' }, crashCollector: { disable: true } } });
    expect(r.status).toBe('statusInvalid');
    expect(r.errors?.map((e) => e.path)).toEqual(['/spec/mon/count']);
  });

  testWithUpstream('WHEN the same unknown field is given to the v1 CRDs of rook@v1.7.11 THEN it is refused (they prune)', () => {
    const v117 = new Validator({ kubernetesVersion: '1.22.0', crdSources: ['rook@v1.7.11'] });
    const r = v117.validateObject({ apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'c', namespace: 'rook-ceph' }, spec: { crashCollector: { disable: true, colour: 'red' } } });
    expect(r.status).toBe('statusInvalid');
  });

  test('WHEN a v1.2.7 RookCluster sets crashCollector.disable THEN it is written and the site validates strictly', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    new RookCluster(site, 'cluster', { crashCollector: { disable: true } });
    const c = synthValid(app).find((o) => o.kind === 'CephCluster');
    expect(c.spec.crashCollector).toEqual({ disable: true });
  });

  test('WHEN a v1.2.7 RookCluster sets crashCollector.daysToRetain THEN it is refused: that operator does not read it', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const e = configError(() => new RookCluster(site, 'cluster', { crashCollector: { disable: false, daysToRetain: 7 } }));
    expectHelpful(e.message, { path: 'test-site/cluster: crashCollector.daysToRetain', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });
});
