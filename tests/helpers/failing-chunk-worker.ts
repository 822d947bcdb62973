/** A worker for tests/validate/file-pool.test.ts whose module fails as it loads. */
throw new Error('the worker module failed to load');
