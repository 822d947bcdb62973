/**
 * A static file server for built sites, as a static host (GitHub Pages) serves them: on
 * 127.0.0.1 at a free port, under a base path, with the right content types (Pagefind's WebAssembly
 * and index chunks included), 404 for anything missing and nothing outside the folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The content type of a served file; Pagefind's index chunks (`.pf_*`) are binary. */
export function contentType(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext.startsWith('.pf_')) return 'application/octet-stream';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** The origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** The absolute URL of a site path: `url('incidents/')` → http://127.0.0.1:41234/opsbook/incidents/ */
  url: (path?: string) => string;
  /** The path and query of every request received, in order (what a client actually asked for). */
  requests: string[];
  close: () => Promise<void>;
}

export interface ServeOptions {
  /**
   * Extra response headers for a site path (relative to the base, with a leading slash), as a
   * static host adds them from its configuration (e.g. the build's `_headers` file).
   */
  headers?: (sitePath: string) => Record<string, string>;
}

/**
 * Serves `root` at `base` on 127.0.0.1 (a free port), as a static host does: `dir/` is
 * `dir/index.html`, `dir` without the slash redirects to `dir/`, anything missing is 404 (with the
 * site's own `404.html` when it has one), nothing outside `root` is ever read.
 */
export async function serveStatic(
  root: string,
  base: string,
  options: ServeOptions = {},
): Promise<StaticServer> {
  const top = resolve(root);
  const notFoundPage = join(top, '404.html');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '/');
    let extra: Record<string, string> = {};
    const send = (
      status: number,
      type: string,
      body: Buffer | string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra, ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () =>
      existsSync(notFoundPage)
        ? send(404, CONTENT_TYPES['.html'] as string, readFileSync(notFoundPage))
        : send(404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(400, 'text/plain; charset=utf-8', 'bad request\n');
    }
    if (pathname.startsWith(base) && options.headers)
      extra = options.headers(`/${pathname.slice(base.length)}`);
    if (`${pathname}/` === base) return send(301, 'text/plain; charset=utf-8', '', { location: base });
    if (!pathname.startsWith(base) || pathname.includes('\0')) return notFound();
    // Normalise as a URL path first (no `..` can climb above `/`), then check the file system
    // path is still inside the root (a backslash or an encoded separator cannot escape either).
    const rest = posix.normalize(`/${pathname.slice(base.length)}`);
    const file = resolve(top, `.${rest}`);
    const inside = relative(top, file);
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return notFound();
    let target = file;
    if (existsSync(target) && statSync(target).isDirectory()) {
      if (!pathname.endsWith('/'))
        return send(301, 'text/plain; charset=utf-8', '', { location: `${url.pathname}/${url.search}` });
      target = join(target, 'index.html');
    }
    if (!existsSync(target) || !statSync(target).isFile()) return notFound();
    return send(200, contentType(target), readFileSync(target));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path = '') => `${origin}${base}${path.replace(/^\//, '')}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
