/**
 * imports/<group>.ts are the generated CRD bindings (src/tools/import-crds.ts, `npm run import`): each must equal a
 * fresh generation from its pinned CRD source(s), so a binding cannot drift from the CRDs the validator checks against
 * (the Rook bindings: from the union of each kind's schema over every pinned Rook line).
 */
import * as fs from 'fs';
import * as path from 'path';
import { mergeShapes, shapeOf } from '../src/tools/crd-union';
import { generateCrdBindings, IMPORTS } from '../src/tools/import-crds';
import { describeWithUpstream } from './upstream';

describeWithUpstream('GIVEN the generated CRD bindings in imports/', () => {
  test.each(IMPORTS.map((imp) => [imp.source, imp]))('WHEN %s is imported again THEN the committed binding is the same (run `npm run import` when this fails)', (_source, imp) => {
    const generated = generateCrdBindings(imp);
    expect(Object.keys(generated).length).toBeGreaterThan(0);
    for (const [file, text] of Object.entries(generated)) {
      expect([file, fs.readFileSync(path.resolve(__dirname, '..', 'imports', file), 'utf8') === text]).toEqual([file, true]);
    }
  });
});

describe('GIVEN the union of one kind\'s schema over several Rook lines (src/tools/crd-union.ts)', () => {
  const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });

  test('WHEN a field exists in one line only THEN the union has it; required only what every line requires', () => {
    const newer = shapeOf(obj({ a: { type: 'string' }, b: { type: 'integer' } }, { required: ['a', 'b'] }));
    const older = shapeOf(obj({ a: { type: 'string' }, gone: { type: 'boolean' } }, { required: ['a'] }));
    expect(mergeShapes(newer, older)).toEqual(obj({ a: { type: 'string' }, b: { type: 'integer' }, gone: { type: 'boolean' } }, { required: ['a'] }));
  });

  test('WHEN the types disagree THEN the wider one: number, int-or-string, or untyped', () => {
    const intOrString = { 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
    expect(mergeShapes({ type: 'integer' }, { type: 'number' })).toEqual({ type: 'number' });
    expect(mergeShapes({ type: 'string' }, { type: 'integer' })).toEqual(intOrString);
    expect(mergeShapes(shapeOf({ 'x-kubernetes-int-or-string': true }), { type: 'integer' })).toEqual(intOrString);
    const untyped = mergeShapes(obj({ x: { type: 'string' } }), { type: 'string' });
    expect(untyped).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    // untyped stays untyped whatever older lines say
    expect(mergeShapes(untyped, obj({ y: { type: 'string' } }))).toBe(untyped);
  });

  test('WHEN a map in one line is a struct in another THEN the union is a map (the struct would drop the other keys)', () => {
    const map = shapeOf({ type: 'object', additionalProperties: { type: 'string' } });
    const struct = shapeOf(obj({ walSizeMB: { type: 'string' } }));
    expect(mergeShapes(map, struct)).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });

  test('WHEN enums differ THEN the values of all lines; an undeclared object (old v1beta1 CRDs) adds nothing', () => {
    expect(mergeShapes({ type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['b', 'c'] })).toEqual({ type: 'string', enum: ['a', 'b', 'c'] });
    expect(mergeShapes({ type: 'string', enum: ['a'] }, { type: 'string' })).toEqual({ type: 'string' });
    expect(mergeShapes(obj({ a: { type: 'string' } }), { type: 'object' })).toEqual(obj({ a: { type: 'string' } }));
  });

  test('WHEN shapes are taken THEN descriptions and validation keywords go, Kubernetes core types are untyped', () => {
    expect(shapeOf(obj({ n: { type: 'integer', minimum: 1, description: 'x' }, tolerations: { type: 'array', items: obj({ key: { type: 'string' } }) } }, { 'x-kubernetes-validations': [{ rule: 'true' }] })))
      .toEqual(obj({ n: { type: 'integer' }, tolerations: { 'x-kubernetes-preserve-unknown-fields': true } }));
  });
});
