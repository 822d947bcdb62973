/**
 * The browser tests' static server behaves like a static host: base path, index files, redirects
 * to the trailing slash, content types, 404 (with the site's 404 page) and no way out of the
 * folder. Runs without a browser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { contentType, type StaticServer, serveStatic } from '../helpers/static-server.ts';

/** A raw GET: the path is sent exactly as given (fetch would normalise `..` away). */
function get(
  origin: string,
  path: string,
): Promise<{ status: number; type: string; location: string; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          location: String(res.headers.location ?? ''),
          body,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the static server of the browser tests', () => {
  let tmp: { dir: string; cleanup: () => void };
  let server: StaticServer;

  beforeAll(async () => {
    tmp = tempDir('static-server');
    const site = join(tmp.dir, 'site');
    mkdirSync(join(site, 'incidents', 'INC-1'), { recursive: true });
    mkdirSync(join(site, 'pagefind', 'index'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(site, '404.html'), '<h1>lost</h1>');
    writeFileSync(join(site, 'incidents', 'INC-1', 'index.html'), '<h1>INC-1</h1>');
    writeFileSync(join(site, 'pagefind', 'index', 'en_1a2b.pf_index'), 'x');
    writeFileSync(join(site, 'feed.xml'), '<feed/>');
    writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
    server = await serveStatic(site, '/opsbook/');
  });

  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('serves index files under the base path and redirects to the trailing slash', async () => {
    expect(server.url('incidents/')).toBe(`${server.origin}/opsbook/incidents/`);
    const home = await get(server.origin, '/opsbook/');
    expect([home.status, home.type, home.body]).toEqual([200, 'text/html; charset=utf-8', '<h1>home</h1>']);
    expect((await get(server.origin, '/opsbook/incidents/INC-1/')).body).toBe('<h1>INC-1</h1>');
    const redirect = await get(server.origin, '/opsbook/incidents/INC-1?x=1');
    expect([redirect.status, redirect.location]).toEqual([301, '/opsbook/incidents/INC-1/?x=1']);
    expect((await get(server.origin, '/opsbook')).location).toBe('/opsbook/');
  });

  it('answers 404 with the site 404 page outside the base path and for missing files', async () => {
    for (const path of ['/', '/index.html', '/opsbook/nothing/', '/opsbook/incidents/INC-2/']) {
      const res = await get(server.origin, path);
      expect([path, res.status, res.body]).toEqual([path, 404, '<h1>lost</h1>']);
    }
  });

  it('never serves a file outside the folder', async () => {
    for (const path of [
      '/opsbook/../secret.txt',
      '/opsbook/%2e%2e/secret.txt',
      '/opsbook/%2E%2E%2Fsecret.txt',
      '/opsbook/incidents/../../secret.txt',
      '/opsbook/..%5csecret.txt',
      '/opsbook/%00',
    ]) {
      const res = await get(server.origin, path);
      expect(res.body, path).not.toContain('secret');
      expect(res.status, path).toBe(404);
    }
  });

  it('names the content types a static host names', async () => {
    expect((await get(server.origin, '/opsbook/feed.xml')).type).toBe('application/xml; charset=utf-8');
    expect((await get(server.origin, '/opsbook/pagefind/index/en_1a2b.pf_index')).type).toBe(
      'application/octet-stream',
    );
    expect(contentType('a/b.css')).toBe('text/css; charset=utf-8');
    expect(contentType('pagefind.js')).toBe('text/javascript; charset=utf-8');
    expect(contentType('api/v2/summary.json')).toBe('application/json; charset=utf-8');
    expect(contentType('badges/status.svg')).toBe('image/svg+xml');
    expect(contentType('pagefind/wasm.en.pagefind')).toBe('application/octet-stream');
    expect(contentType('x.wasm')).toBe('application/wasm');
    expect(contentType('pagefind/pagefind.en_1a.pf_meta')).toBe('application/octet-stream');
  });
});
