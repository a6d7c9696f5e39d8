/**
 * `import-external` sub-command: turns the JSON output of upstream's exporter
 * (`create-external-cluster-resources.py --format json`) into ExternalCluster props and a table of where
 * each secret value must be stored. Reads a file or stdin; writes nothing; never prints a key.
 */
import * as fs from 'fs';
import { Command, Option } from 'commander';
import { ConfigError } from '../foundation/errors';
import { importExporterJson, ImportOptions, renderImport } from '../rook/external-import';
import { RookRelease } from '../versions';

/** Runs the import on JSON text; returns what would be printed (used by tests). */
export function runImport(text: string, opts: ImportOptions = {}): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // the parser's message may quote the input, which may hold keys: never echo it
    throw new ConfigError({ path: 'import', problem: 'the input is not JSON', allowed: 'the output of create-external-cluster-resources.py --format json', fix: 'run the exporter with --format json (not bash) and pass its output unchanged' });
  }
  return renderImport(importExporterJson(json, opts), opts);
}

export function registerImportCommands(program: Command): void {
  program
    .command('import-external')
    .description('read the JSON of create-external-cluster-resources.py --format json and print ExternalCluster props and where each secret goes (writes nothing, prints no key)')
    .argument('<file>', 'exporter JSON output, or - for stdin')
    .addOption(new Option('--store-kind <kind>', 'External Secrets store kind').choices(['ClusterSecretStore', 'SecretStore']).default('ClusterSecretStore'))
    .option('--store-name <name>', 'External Secrets store name', 'vault')
    .option('--remote-prefix <prefix>', 'remote key prefix (default ceph/<namespace>)')
    .addOption(new Option('--rook-version <version>', 'Rook release the site pins (1.X.Y, a line v1.0-v1.20)').default('1.20.6'))
    .option('--namespace <ns>', 'cluster namespace (default: the exporter\'s namespace argument)')
    .action((file: string, o: { storeKind: 'ClusterSecretStore' | 'SecretStore'; storeName: string; remotePrefix?: string; rookVersion: RookRelease; namespace?: string }) => {
      try {
        const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
        process.stdout.write(runImport(text, { storeKind: o.storeKind, storeName: o.storeName, remotePrefix: o.remotePrefix, rookVersion: o.rookVersion, namespace: o.namespace }));
      } catch (e) {
        if (e instanceof ConfigError) {
          console.error(e.message);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}
