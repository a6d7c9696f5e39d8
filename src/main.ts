/**
 * The reference fleet. `npm run synth` (or `cdk8s synth`) writes one folder per site into dist/.
 */
import { App } from 'cdk8s';
import { dc1Local } from './sites/dc1-local';
import { necoHyperconverged } from './sites/neco-hyperconverged';
import { rancherRke1 } from './sites/rancher-rke1';
import { synthApp } from './synth';

/** Builds the app with every reference site. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  dc1Local(app);
  necoHyperconverged(app);
  rancherRke1(app);
  return app;
}

if (require.main === module) {
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  try {
    synthApp(buildApp(outdir), { outdir });
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
