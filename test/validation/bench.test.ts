import { benchValidator } from '../../src/bench/validate-bench';

test('benchValidator validates generated Rook-like objects without failures', () => {
  const r = benchValidator({ objects: 60 });
  expect(r.objects).toBe(60);
  expect(r.invalid + r.errors).toBe(0);
  expect(r.objectsPerSecond).toBeGreaterThan(0);
});
