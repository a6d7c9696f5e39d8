import {
  deriveKindSchema,
  kindSuffix,
  loadKubernetesDefinitions,
  manifestKinds,
  refClosure,
  schemaFileName,
  strictify,
} from '../../src/validation/k8s-schemas';
import { crdJsonSchema, parseCrdText } from '../../src/validation/crd-schemas';
import { UPSTREAM } from './shared';
import { testWithUpstream } from '../upstream';

describe('kubeconform file naming', () => {
  test.each([
    ['apps/v1', 'Deployment', 'deployment-apps-v1.json', '-apps-v1'],
    ['v1', 'ConfigMap', 'configmap-v1.json', '-v1'],
    ['ceph.rook.io/v1', 'CephCluster', 'cephcluster-ceph-v1.json', '-ceph-v1'],
    ['topolvm.io/v1', 'LogicalVolume', 'logicalvolume-topolvm-v1.json', '-topolvm-v1'],
    ['topolvm.cybozu.com/v1', 'LogicalVolume', 'logicalvolume-topolvm-v1.json', '-topolvm-v1'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterrole-rbac-v1.json', '-rbac-v1'],
    ['storage.k8s.io/v1', 'StorageClass', 'storageclass-storage-v1.json', '-storage-v1'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinition-apiextensions-v1.json', '-apiextensions-v1'],
  ])('%s %s', (apiVersion, kind, file, suffix) => {
    expect(kindSuffix(apiVersion)).toBe(suffix);
    expect(schemaFileName(apiVersion, kind)).toBe(file);
  });
});

describe('schemas from _definitions.json', () => {
  const defs = loadKubernetesDefinitions('1.27.0', { upstreamDir: UPSTREAM });

  test('manifest kinds: GVK + metadata, meta.v1 excluded (135 kinds in 1.27.0)', () => {
    const kinds = manifestKinds(defs.definitions);
    expect(new Set(kinds.map((k) => k.fqn)).size).toBe(135);
    expect(kinds.some((k) => k.fqn.startsWith('io.k8s.apimachinery.pkg.apis.meta.v1.'))).toBe(false);
    expect(defs.kinds.get('apps/v1|Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(defs.kinds.get('v1|ConfigMap')).toBe('io.k8s.api.core.v1.ConfigMap');
  });

  test('derived schema: enums, self-contained transitive definitions, strict variant', () => {
    const loose = deriveKindSchema(defs, 'io.k8s.api.apps.v1.Deployment', 'apps/v1', 'Deployment', false);
    const strict = deriveKindSchema(defs, 'io.k8s.api.apps.v1.Deployment', 'apps/v1', 'Deployment', true);
    const props = loose.properties as Record<string, Record<string, unknown>>;
    expect(props.apiVersion.enum).toEqual(['apps/v1']);
    expect(props.kind.enum).toEqual(['Deployment']);
    const d = loose.definitions as Record<string, Record<string, unknown>>;
    expect(Object.keys(d)).toEqual(refClosure(defs.definitions, 'io.k8s.api.apps.v1.Deployment'));
    expect(d['io.k8s.api.core.v1.Container']).toBeDefined();
    expect(d['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toBeDefined();
    const refs = JSON.stringify(loose).match(/#\/definitions\/[^"]+/g)!;
    for (const r of refs) expect(d[r.slice('#/definitions/'.length)]).toBeDefined();
    expect(loose.additionalProperties).toBeUndefined();
    expect(strict.additionalProperties).toBe(false);
    expect((strict.definitions as Record<string, Record<string, unknown>>)['io.k8s.api.core.v1.Container'].additionalProperties).toBe(false);
  });

  test('strictify walks schema positions only, never property names', () => {
    const s = strictify({
      type: 'object',
      properties: {
        properties: { type: 'object', additionalProperties: { $ref: '#/x' } },
        open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'object', properties: { b: {} } } } },
        items: { type: 'array', items: { type: 'object', properties: { c: { type: 'string' } } } },
      },
    }) as any;
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.properties.additionalProperties).toEqual({ $ref: '#/x' });
    expect(s.properties.open.additionalProperties).toBeUndefined();
    expect(s.properties.open.properties.a.additionalProperties).toBe(false);
    expect(s.properties.items.items.additionalProperties).toBe(false);
    expect(s.properties.items.additionalProperties).toBeUndefined();
  });

  test('JSONSchemaProps (property named "properties") keeps its map semantics', () => {
    const jsp = strictify(defs.definitions['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps']) as any;
    expect(jsp.additionalProperties).toBe(false);
    expect(jsp.properties.properties.additionalProperties).toEqual({
      $ref: '#/definitions/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
    });
  });
});

const CRD = `
# a comment-only document and a non-CRD document are skipped
---
apiVersion: v1
kind: Namespace
metadata: {name: x}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.io}
spec:
  group: example.io
  scope: Cluster
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, nullable: true}
              mode: {type: string, enum: [a, b], nullable: true}
              port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
              legacy: {type: string, format: int-or-string}
              free:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known: {type: object, properties: {x: {type: string}}}
              template:
                type: object
                x-kubernetes-embedded-resource: true
                properties: {spec: {type: object}}
  - name: v1alpha1
    served: true
    storage: false
    schema:
      openAPIV3Schema: {type: object}
---
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.io}
spec:
  group: example.io
  version: v1beta1
  names: {kind: Gadget, plural: gadgets}
  validation:
    openAPIV3Schema:
      properties:
        spec: {properties: {n: {type: integer}}}
`;

describe('schemas from CRDs', () => {
  const kinds = parseCrdText(CRD, 'inline.yaml');

  test('one entry per (group, version, kind), scope kept, non-CRD documents skipped, v1beta1 supported', () => {
    expect(kinds.map((k) => `${k.apiVersion}/${k.kind}/${k.scope}`)).toEqual([
      'example.io/v1/Widget/Cluster',
      'example.io/v1alpha1/Widget/Cluster',
      'example.io/v1beta1/Gadget/Namespaced',
    ]);
  });

  test('transformations: strict nested objects, open root, nullable, int-or-string, preserve-unknown, embedded', () => {
    const s = crdJsonSchema(kinds[0], true) as any;
    expect(s.additionalProperties).toBeUndefined();
    expect(s.properties.apiVersion.enum).toEqual(['example.io/v1']);
    expect(s.properties.kind.enum).toEqual(['Widget']);
    expect(s.properties.metadata).toEqual({ type: 'object' });
    const spec = s.properties.spec;
    expect(spec.additionalProperties).toBe(false);
    expect(spec.properties.size.type).toEqual(['integer', 'null']);
    expect(spec.properties.size.nullable).toBeUndefined();
    expect(spec.properties.mode.enum).toEqual(['a', 'b', null]);
    expect(spec.properties.port.type).toEqual(['integer', 'string']);
    expect(spec.properties.port.anyOf).toBeUndefined();
    expect(spec.properties.legacy).toEqual({ type: ['integer', 'string'] });
    expect(spec.properties.free.additionalProperties).toBeUndefined();
    expect(spec.properties.free.properties.known.additionalProperties).toBe(false);
    expect(Object.keys(spec.properties.template.properties).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(crdJsonSchema(kinds[0], false).properties).not.toHaveProperty('spec.additionalProperties');
    // a v1beta1 CRD without preserveUnknownFields: false does not prune: unknown fields are kept, declared ones typed
    const g = crdJsonSchema(kinds[2], true) as any;
    expect(kinds[2].keepUnknownFields).toBe(true);
    expect(g.properties.spec.additionalProperties).toBeUndefined();
    expect(g.properties.spec.properties.n).toEqual({ type: 'integer' });
    expect((crdJsonSchema({ ...kinds[2], keepUnknownFields: undefined }, true) as any).properties.spec.additionalProperties).toBe(false);
  });

  testWithUpstream('real CRD files: rook v1.20.6 (v1), rook v1.2.7 (v1beta1 inside common.yaml), topolvm', () => {
    const fs = require('fs') as typeof import('fs');
    const read = (p: string) => parseCrdText(fs.readFileSync(`${UPSTREAM}/${p}`, 'utf8'), p);
    const rook = read('rook/v1.20.6/crds.yaml');
    expect(rook.find((k) => k.kind === 'CephCluster')?.scope).toBe('Namespaced');
    expect(rook).toHaveLength(21);
    const old = read('rook/v1.2.7/common.yaml');
    expect(old.map((k) => k.kind)).toEqual(expect.arrayContaining(['CephCluster', 'CephBlockPool', 'ObjectBucket']));
    expect(old.find((k) => k.kind === 'CephCluster')?.crdApiVersion).toBe('apiextensions.k8s.io/v1beta1');
    expect(read('topolvm/v0.2.2/deploy/manifests/crd.yaml')[0]).toMatchObject({ apiVersion: 'topolvm.cybozu.com/v1', scope: 'Cluster' });
  });
});
