/**
 * The second thread of {@link Validator.validatePaths} for large inputs (see parallel.ts): builds the same
 * validator from the options it is given, validates the files it is given, and posts the results per file.
 */
import { parentPort, workerData } from 'worker_threads';
import type { ResourceResult, ValidatorOptions } from './validator';

interface Job {
  options: ValidatorOptions;
  files: string[];
  port: import('worker_threads').MessagePort;
  signal: Int32Array;
}

if (parentPort && workerData) {
  const job = workerData as Job;
  let reply: { results: ResourceResult[][] } | { error: string };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Validator } = require('./validator') as typeof import('./validator');
    const v = new Validator(job.options);
    reply = { results: job.files.map((f) => v.validateFile(f)) };
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  job.port.postMessage(reply);
  Atomics.store(job.signal, 0, 1);
  Atomics.notify(job.signal, 0);
}
