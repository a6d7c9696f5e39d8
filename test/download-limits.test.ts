/**
 * A user's CRD URL is downloaded with limits: https only (http only with GITOPS_STORAGE_ALLOW_HTTP=1), a size cap,
 * a total timeout, and the download is cached only once it parsed as a CRD. Tested against a stand-in server on
 * 127.0.0.1 (plain http, allowed by the flag; the refusal of http is tested without it).
 */
import { Command } from 'commander';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { registerValidationCommands } from '../src/cli/validate';
import { ConfigError } from '../src/foundation/errors';
import { boundedGet, prefetch } from '../src/validation/sources';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-dl-'));
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
`;

let server: http.Server;
let base = '';
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, res) => res.end(CRD);
const sockets = new Set<import('net').Socket>();

beforeAll(async () => {
  server = http.createServer((q, r) => answer(q, r));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  delete process.env.GITOPS_STORAGE_ALLOW_HTTP;
});

async function prefetchError(url: string, cacheDir: string): Promise<ConfigError> {
  try {
    await prefetch({ kubernetesVersion: '1.33.0', crdSources: [url], cacheDir });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('GIVEN a CRD URL', () => {
  test('WHEN it is plain http:// without the flag THEN a ConfigError says so and how to allow it; nothing is requested', async () => {
    let requests = 0;
    answer = (_q, res) => {
      requests++;
      res.end(CRD);
    };
    const e = await prefetchError(`${base}/crd.yaml`, tmp());
    expect(e.message).toMatch(/crdSources: plain http:\/\/ is refused[\s\S]*GITOPS_STORAGE_ALLOW_HTTP=1/);
    expect(requests).toBe(0);
  });

  test('WHEN the server answers with an HTML page THEN a ConfigError and nothing is cached; once it serves the CRD, the next run caches it', async () => {
    process.env.GITOPS_STORAGE_ALLOW_HTTP = '1';
    const cacheDir = tmp();
    answer = (_q, res) => res.end('<html><body>Sign in</body></html>\n');
    const e = await prefetchError(`${base}/widgets.yaml`, cacheDir);
    expect(e.message).toMatch(/could not be downloaded:[\s\S]*the answer holds no CustomResourceDefinition[\s\S]*fix: check the URL/);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
    answer = (_q, res) => res.end(CRD);
    expect((await prefetch({ kubernetesVersion: '1.33.0', crdSources: [`${base}/widgets.yaml`], cacheDir })).files).toBe(1);
    expect(fs.readdirSync(cacheDir)).toEqual(['urls']);
  });

  test('WHEN the answer is larger than the cap (announced or not) THEN the download stops with the size in the message', async () => {
    answer = (_q, res) => {
      res.write('x'.repeat(4096));
      res.end('x'.repeat(4096));
    };
    await expect(boundedGet(`${base}/big`, { allowHttp: true, maxBytes: 1000 })).rejects.toThrow(/more than the 1000 bytes a download may have/);
    answer = (_q, res) => {
      res.setHeader('content-length', '5000');
      res.end('x'.repeat(5000));
    };
    await expect(boundedGet(`${base}/big`, { allowHttp: true, maxBytes: 1000 })).rejects.toThrow(/5000 bytes, more than the 1000/);
  });

  test('WHEN the server trickles bytes (slow loris) THEN the total timeout ends the download within its bound', async () => {
    const timers: NodeJS.Timeout[] = [];
    answer = (_q, res) => {
      res.writeHead(200);
      timers.push(setInterval(() => res.write('a'), 50));
    };
    const t0 = Date.now();
    await expect(boundedGet(`${base}/slow`, { allowHttp: true, totalMs: 500 })).rejects.toThrow(/total timeout/);
    expect(Date.now() - t0).toBeLessThan(3000);
    timers.forEach(clearInterval);
  });

  test('WHEN the URL has another scheme THEN it is refused', async () => {
    await expect(boundedGet('file:///etc/passwd')).rejects.toThrow(/scheme file: is refused/);
  });
});

describe('GIVEN `gitops-storage validate` with a CRD URL on plain http', () => {
  test('WHEN --allow-http is given THEN the CRD is downloaded and used; without it the command fails with the flag in the fix', async () => {
    answer = (_q, res) => res.end(CRD);
    const dir = tmp();
    const file = path.join(dir, 'w.yaml');
    fs.writeFileSync(file, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: d}\n');
    const url = `${base}/allow/widgets.yaml`;
    const cacheDir = tmp();
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    const saved = process.exitCode;
    try {
      await expect(registerValidationCommands(new Command().exitOverride()).parseAsync(['node', 'x', 'validate', '--cache-dir', cacheDir, '--crds', url, file]))
        .rejects.toThrow(/plain http:\/\/ is refused[\s\S]*--allow-http/);
      await registerValidationCommands(new Command().exitOverride()).parseAsync(['node', 'x', 'validate', '--allow-http', '--cache-dir', cacheDir, '--crds', url, file]);
      expect(out.join('')).toContain('Valid: 1');
    } finally {
      spy.mockRestore();
      process.exitCode = saved;
    }
  });
});
