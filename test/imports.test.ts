/**
 * imports/ holds generated L1 bindings. They must carry no upstream prose, and the CephBlockPool L2
 * must not lose any of its fields through the L1's JSON mapping.
 */
import * as fs from 'fs';
import * as path from 'path';
import { selectCrds, stripDescriptions } from '../src/tools/import-crds';
import { findManifest, newSite, nonEmpty } from './helpers';
import { RookCluster } from '../src';

describe('GIVEN the generated bindings in imports/', () => {
  const dir = path.resolve(__dirname, '..', 'imports');
  test('THEN no file carries upstream descriptions (only generated doc tags)', () => {
    for (const f of nonEmpty(fs.readdirSync(dir).filter((x) => x.endsWith('.ts')), 'binding in imports/')) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      // Any prose sentence in a doc comment would be an upstream description.
      expect(text).not.toMatch(/^\s*\*\s+[A-Z][a-z]+( [a-z]+){5,}/m);
      expect(text).not.toMatch(/\/\*\*/);
    }
  });

  test('WHEN descriptions are stripped THEN nested ones go and property names called "description" stay', () => {
    const crdText = [
      'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: {name: foos.example.io}',
      'spec:', '  group: example.io', '  names: {kind: Foo, plural: foos}', '  scope: Namespaced', '  versions:',
      '  - name: v1', '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema:',
      '        description: Foo is a thing that does things', '        type: object', '        properties:',
      '          description: {type: string, description: the description field}',
    ].join('\n');
    const [crd] = selectCrds([crdText], ['Foo']);
    const schema = crd.spec.versions[0].schema.openAPIV3Schema;
    expect(schema.description).toBeUndefined();
    expect(schema.properties.description).toEqual({ type: 'string' });
    expect(stripDescriptions({ a: [{ description: 'x', b: 1 }] })).toEqual({ a: [{ b: 1 }] });
  });
});

describe('GIVEN a CephBlockPool with every prop set', () => {
  test('WHEN rendered through the L1 binding THEN every field reaches the manifest', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('full', {
      failureDomain: 'rack', deviceClass: 'nvme', crushRoot: 'default', compressionMode: 'aggressive',
      replicated: { size: 3, requireSafeReplicaSize: true, replicasPerFailureDomain: 1, subFailureDomain: 'host', targetSizeRatio: 0.5 },
      quotas: { maxSize: '10Gi', maxObjects: 1000 }, parameters: { compression_mode: 'aggressive' }, enableRBDStats: true, application: 'rbd',
    });
    cluster.addPool('ec', { erasureCoded: { dataChunks: 4, codingChunks: 2, algorithm: 'isa' } });
    expect(findManifest(site, 'CephBlockPool', 'full').spec).toEqual({
      failureDomain: 'rack', deviceClass: 'nvme', crushRoot: 'default', compressionMode: 'aggressive',
      replicated: { size: 3, requireSafeReplicaSize: true, replicasPerFailureDomain: 1, subFailureDomain: 'host', targetSizeRatio: 0.5 },
      quotas: { maxSize: '10Gi', maxObjects: 1000 }, parameters: { compression_mode: 'aggressive' }, enableRBDStats: true, application: 'rbd',
    });
    expect(findManifest(site, 'CephBlockPool', 'ec').spec.erasureCoded).toEqual({ dataChunks: 4, codingChunks: 2, algorithm: 'isa' });
  });
});
