/**
 * imports/<group>.ts are the generated CRD bindings (src/tools/import-crds.ts, `npm run import`): each must equal a
 * fresh generation from its pinned CRD source, so a binding cannot drift from the CRDs the validator checks against.
 */
import * as fs from 'fs';
import * as path from 'path';
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
