// Entry of a job worker thread (built to job-worker.js beside cli.js and the utility process).
import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './job-run';
import type { JobMessage, JobWorkerData } from './jobs-protocol';

if (!parentPort) throw new Error('job-worker.js runs only as a worker thread.');
const port = parentPort;
void runJob(workerData as JobWorkerData, (message: JobMessage, transfer?: ArrayBuffer[]) =>
  port.postMessage(message, transfer),
).finally(() => port.close());
