/**
 * A worker thread of ticket-index.ts: the time stamps of many files, while the main thread
 * reads the cache. Answers with [size, mtimeMs, ctimeMs, ino] per file (size -1: missing).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { statStamps } from './stat-stamps.ts';

const { root, files } = workerData as { root: string; files: string[] };
const stamps = statStamps(root, files);
parentPort?.postMessage(stamps, [stamps.buffer as ArrayBuffer]);
