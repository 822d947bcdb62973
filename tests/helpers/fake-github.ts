/**
 * A local stand-in for the GitHub REST endpoints Opsbook uses (issues, comments, labels, pulls,
 * git refs and commits, contents, the repository): node:http on 127.0.0.1, state in memory,
 * every request recorded (method, path with query, JSON body) so tests can assert exactly what
 * was sent. Answers can be scripted to fail (rate limits, server errors) before they succeed.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Decoded path with its query string, e.g. `/repos/acme/ops/issues?labels=x&state=all`. */
  path: string;
  body?: unknown;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  user: { login: string; type: string };
  created_at: string;
  /** Set for pull requests (which are issues too on GitHub). */
  pull?: { head: string; base: string; sha: string };
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

export class FakeGithub {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  requests: RecordedRequest[] = [];
  issues: FakeIssue[] = [];
  comments: FakeComment[] = [];
  labels: { name: string; color: string; description: string | null }[] = [];
  refs = new Map<string, string>();
  commits = new Map<string, { message: string; parent: string | null; files: Map<string, string> }>();
  /** `repository_dispatch` events received, in order. */
  dispatches: { event_type: string; client_payload: unknown }[] = [];
  private dispatchWaiters: { count: number; resolve: () => void }[] = [];
  defaultBranch = 'main';
  /**
   * Whom the token belongs to, for `GET /user` and as the author of what it writes. null: an
   * installation token (the Actions token), which may not read `/user` and writes as the bot.
   */
  tokenLogin: string | null = null;
  private nextNumber = 1;
  private nextCommentId = 1001;
  private scripted: { method: string; path: RegExp; answer: ScriptedAnswer }[] = [];
  private server: Server | undefined;
  url = '';

  constructor(options: { owner?: string; repo?: string; token?: string } = {}) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'ops';
    this.token = options.token ?? 'test-token';
    const root = this.commit('Initial commit', null, new Map());
    this.refs.set(`heads/${this.defaultBranch}`, root);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake server: ${(error as Error).message}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once `count` dispatch events have arrived (a test waits on it, never on a timer). */
  dispatched(count: number): Promise<void> {
    if (this.dispatches.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.dispatchWaiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** The next request that matches answers this way (once), instead of the normal answer. */
  failNext(method: string, path: RegExp, answer: ScriptedAnswer): void {
    this.scripted.push({ method, path, answer });
  }

  /** The requests other than GET. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** The requests as `METHOD path` lines. */
  lines(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  clear(): void {
    this.requests = [];
  }

  addIssue(fields: Partial<FakeIssue> & { title: string }): FakeIssue {
    const issue: FakeIssue = {
      number: this.nextNumber++,
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      user: { login: 'reporter', type: 'User' },
      created_at: '2026-03-02T08:00:00Z',
      ...fields,
    };
    for (const l of issue.labels) this.ensureLabel(l);
    this.issues.push(issue);
    return issue;
  }

  addComment(issue: number, body: string, user = BOT): FakeComment {
    const comment = { id: this.nextCommentId++, issue, body, user };
    this.comments.push(comment);
    return comment;
  }

  /** The author of what the token writes. */
  private writer(): { login: string; type: string } {
    return this.tokenLogin === null ? BOT : { login: this.tokenLogin, type: 'User' };
  }

  issue(number: number): FakeIssue {
    const found = this.issues.find((i) => i.number === number);
    if (!found) throw new Error(`no issue #${number}`);
    return found;
  }

  /** A file's text on a branch. */
  fileOn(branch: string, path: string): string | undefined {
    const sha = this.refs.get(`heads/${branch}`);
    return sha ? this.commits.get(sha)?.files.get(path) : undefined;
  }

  private commit(message: string, parent: string | null, files: Map<string, string>): string {
    const sha = createHash('sha1').update(`${message}\0${parent}\0${this.commits.size}`).digest('hex');
    this.commits.set(sha, { message, parent, files });
    return sha;
  }

  private ensureLabel(name: string): void {
    if (!this.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
      this.labels.push({ name, color: 'ededed', description: null });
  }

  private html(kind: 'issues' | 'pull', number: number, comment?: number): string {
    const base = `https://github.com/${this.owner}/${this.repo}/${kind}/${number}`;
    return comment ? `${base}#issuecomment-${comment}` : base;
  }

  private issueJson(i: FakeIssue) {
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      labels: i.labels.map((name) => ({ name })),
      user: i.user,
      created_at: i.created_at,
      html_url: this.html(i.pull ? 'pull' : 'issues', i.number),
      ...(i.pull
        ? { pull_request: { url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${i.number}` } }
        : {}),
    };
  }

  private pullJson(i: FakeIssue) {
    const pull = i.pull as NonNullable<FakeIssue['pull']>;
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      html_url: this.html('pull', i.number),
      head: { ref: pull.head, sha: pull.sha, label: `${this.owner}:${pull.head}` },
      base: { ref: pull.base },
    };
  }

  private commentJson(c: FakeComment) {
    return { id: c.id, body: c.body, user: c.user, html_url: this.html('issues', c.issue, c.id) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const url = new URL(req.url ?? '/', this.url);
    const path = decodeURIComponent(url.pathname);
    const query = url.search ? decodeURIComponent(url.search) : '';
    const method = req.method ?? 'GET';
    this.requests.push(
      body === undefined ? { method, path: path + query } : { method, path: path + query, body },
    );

    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      return send(401, { message: 'Bad credentials' });
    }
    const scriptedIndex = this.scripted.findIndex((s) => s.method === method && s.path.test(path));
    if (scriptedIndex >= 0) {
      const [s] = this.scripted.splice(scriptedIndex, 1);
      const answer = (s as (typeof this.scripted)[number]).answer;
      return send(answer.status, answer.body ?? { message: 'scripted failure' }, answer.headers);
    }

    if (method === 'GET' && path === '/user') {
      return this.tokenLogin === null
        ? send(403, { message: 'Resource not accessible by integration' })
        : send(200, { login: this.tokenLogin, type: 'User' });
    }
    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!path.startsWith(prefix)) return send(404, { message: 'Not Found' });
    const route = `${method} ${path.slice(prefix.length) || '/'}`;
    const q = url.searchParams;
    const notFound = () => send(404, { message: 'Not Found' });
    let m: RegExpExecArray | null;

    const page = <T>(items: T[]) => {
      const perPage = Number(q.get('per_page') ?? 30);
      const n = Number(q.get('page') ?? 1);
      const slice = items.slice((n - 1) * perPage, n * perPage);
      const headers: Record<string, string> = {};
      if (n * perPage < items.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(n + 1));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      return send(200, slice, headers);
    };

    if (route === 'GET /') {
      return send(200, {
        full_name: `${this.owner}/${this.repo}`,
        default_branch: this.defaultBranch,
        html_url: `https://github.com/${this.owner}/${this.repo}`,
      });
    }
    if (route === 'POST /dispatches') {
      const b = body as { event_type?: unknown; client_payload?: unknown };
      if (typeof b.event_type !== 'string') return send(422, { message: 'event_type is required' });
      this.dispatches.push({ event_type: b.event_type, client_payload: b.client_payload });
      for (const w of this.dispatchWaiters.filter((x) => this.dispatches.length >= x.count)) w.resolve();
      return send(204, undefined);
    }
    if (route === 'GET /issues') {
      const state = q.get('state') ?? 'open';
      const wanted = (q.get('labels') ?? '').split(',').filter(Boolean);
      const list = this.issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => wanted.every((l) => i.labels.includes(l)))
        .sort((a, b) => (q.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
      return page(list.map((i) => this.issueJson(i)));
    }
    if (route === 'POST /issues') {
      const b = body as { title: string; body?: string; labels?: string[] };
      const issue = this.addIssue({
        title: b.title,
        body: b.body ?? '',
        labels: b.labels ?? [],
        user: this.writer(),
      });
      return send(201, this.issueJson(issue));
    }
    m = /^(GET|PATCH) \/issues\/(\d+)$/.exec(route);
    if (m) {
      const number = Number(m[2]);
      const issue = this.issues.find((i) => i.number === number);
      if (!issue) return notFound();
      if (method === 'PATCH') {
        const b = body as Partial<{
          title: string;
          body: string;
          labels: string[];
          state: 'open' | 'closed';
          state_reason: string;
        }>;
        if (b.title !== undefined) issue.title = b.title;
        if (b.body !== undefined) issue.body = b.body;
        if (b.labels !== undefined) {
          issue.labels = b.labels;
          for (const l of b.labels) this.ensureLabel(l);
        }
        if (b.state !== undefined) {
          issue.state = b.state;
          issue.state_reason = b.state === 'closed' ? (b.state_reason ?? 'completed') : 'reopened';
        }
      }
      return send(200, this.issueJson(issue));
    }
    m = /^(GET|POST) \/issues\/(\d+)\/comments$/.exec(route);
    if (m) {
      const number = Number(m[2]);
      if (!this.issues.some((i) => i.number === number)) return notFound();
      if (method === 'GET')
        return page(this.comments.filter((c) => c.issue === number).map((c) => this.commentJson(c)));
      const comment = this.addComment(number, (body as { body: string }).body, this.writer());
      return send(201, this.commentJson(comment));
    }
    m = /^PATCH \/issues\/comments\/(\d+)$/.exec(route);
    if (m) {
      const id = Number(m[1]);
      const comment = this.comments.find((c) => c.id === id);
      if (!comment) return notFound();
      comment.body = (body as { body: string }).body;
      return send(200, this.commentJson(comment));
    }
    if (route === 'GET /labels') return page(this.labels.map((l) => ({ ...l })));
    if (route === 'POST /labels') {
      const b = body as { name: string; color?: string; description?: string };
      if (this.labels.some((l) => l.name.toLowerCase() === b.name.toLowerCase()))
        return send(422, { message: 'Validation Failed', errors: [{ code: 'already_exists' }] });
      this.labels.push({ name: b.name, color: b.color ?? 'ededed', description: b.description ?? null });
      return send(201, b);
    }
    m = /^GET \/git\/ref\/(.+)$/.exec(route);
    if (m) {
      const sha = this.refs.get(m[1] as string);
      return sha ? send(200, { ref: `refs/${m[1]}`, object: { sha, type: 'commit' } }) : notFound();
    }
    if (route === 'POST /git/refs') {
      const b = body as { ref: string; sha: string };
      const ref = b.ref.replace(/^refs\//, '');
      if (this.refs.has(ref)) return send(422, { message: 'Reference already exists' });
      if (!this.commits.has(b.sha)) return send(422, { message: 'Object does not exist' });
      this.refs.set(ref, b.sha);
      return send(201, { ref: b.ref, object: { sha: b.sha, type: 'commit' } });
    }
    m = /^GET \/git\/commits\/([0-9a-f]{40})$/.exec(route);
    if (m) {
      const commit = this.commits.get(m[1] as string);
      return commit ? send(200, { sha: m[1], message: commit.message }) : notFound();
    }
    m = /^PUT \/contents\/(.+)$/.exec(route);
    if (m) {
      const b = body as { message: string; content: string; branch?: string };
      const branch = b.branch ?? this.defaultBranch;
      const head = this.refs.get(`heads/${branch}`);
      if (!head) return send(404, { message: `Branch ${branch} not found` });
      const files = new Map(this.commits.get(head)?.files);
      const filePath = m[1] as string;
      if (files.has(filePath)) return send(422, { message: '"sha" wasn\'t supplied.' });
      files.set(filePath, Buffer.from(b.content, 'base64').toString('utf8'));
      const sha = this.commit(b.message, head, files);
      this.refs.set(`heads/${branch}`, sha);
      return send(201, { content: { path: filePath }, commit: { sha, message: b.message } });
    }
    if (route === 'GET /pulls') {
      const head = q.get('head');
      const state = q.get('state') ?? 'open';
      const list = this.issues
        .filter((i) => i.pull && (state === 'all' || i.state === state))
        .filter((i) => !head || `${this.owner}:${i.pull?.head}` === head);
      return page(list.map((i) => this.pullJson(i)));
    }
    if (route === 'POST /pulls') {
      const b = body as { head: string; base: string; title: string; body?: string };
      const sha = this.refs.get(`heads/${b.head}`);
      if (!sha)
        return send(422, { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] });
      if (this.issues.some((i) => i.pull?.head === b.head && i.state === 'open'))
        return send(422, { message: `A pull request already exists for ${this.owner}:${b.head}.` });
      const issue = this.addIssue({
        title: b.title,
        body: b.body ?? '',
        user: this.writer(),
        pull: { head: b.head, base: b.base, sha },
      });
      return send(201, this.pullJson(issue));
    }
    m = /^GET \/pulls\/(\d+)$/.exec(route);
    if (m) {
      const number = Number(m[1]);
      const issue = this.issues.find((i) => i.number === number && i.pull);
      return issue ? send(200, this.pullJson(issue)) : notFound();
    }
    return notFound();
  }
}
