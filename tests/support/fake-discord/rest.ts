/**
 * The REST side's plumbing: parsing requests (JSON and multipart with files), recording them,
 * `Authorization: Bot <token>` (401 without), routing, Discord's rate-limit headers, and injected
 * 429s and failures. The routes themselves are in routes.ts.
 */
import type http from 'node:http';
import { API_VERSION, ApiError, MAX_REQUEST_BYTES, type Json } from './protocol.js';
import type { FailureOptions, RateLimitOptions, RecordedFile, RecordedRequest, RequestMatcher } from './types.js';

export interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Json | undefined;
  files: RecordedFile[];
  method: string;
}
export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Run after the response is sent (gateway echoes come after the HTTP answer, as on Discord). */
  after?: () => void;
}
export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: RouteHandler;
}

export class Rest {
  /** Every HTTP request received, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly rateLimits: Array<{ matcher: RequestMatcher; opts: RateLimitOptions; remaining: number }> = [];
  private readonly failures: Array<{ matcher: RequestMatcher; opts: FailureOptions; remaining: number }> = [];

  constructor(
    private readonly token: string,
    /** Non-API paths (the CDN stand-in for attachments). */
    private readonly other: (rec: RecordedRequest) => RouteResult,
    private readonly onRecorded: () => void,
  ) {}

  /** Registers a route below /api/v10; `:name` segments become params. `auth`: needs the bot token. */
  on(method: string, pattern: string, handler: RouteHandler, auth = true): void {
    const keys: string[] = [];
    const src = pattern
      .split('/')
      .map((seg) => {
        if (!seg.startsWith(':')) return seg.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
        keys.push(seg.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, regex: new RegExp(`^${src}/?$`), keys, auth, handler });
  }

  rateLimitNext(matcher: RequestMatcher, opts: RateLimitOptions): void {
    this.rateLimits.push({ matcher, opts, remaining: opts.count ?? 1 });
  }

  failNext(matcher: RequestMatcher, opts: FailureOptions): void {
    this.failures.push({ matcher, opts, remaining: opts.count ?? 1 });
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const prefix = `/api/v${API_VERSION}`;
    const path = url.pathname.split('/').map(decodeSegment).join('/');
    const rec: RecordedRequest = {
      index: -1,
      at: Date.now(),
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      route: path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : '',
      query,
      headers,
      authorized: headers.authorization === `Bot ${this.token}`,
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
    };
    let result: RouteResult;
    try {
      const raw = await readBody(req, MAX_REQUEST_BYTES);
      if (raw === null) throw new ApiError(413, 40005, 'Request entity too large');
      await parseBody(raw, headers['content-type'] ?? '', rec);
      result = rec.route ? await this.route(rec) : this.other(rec);
    } catch (err) {
      result = errorResult(err);
    }
    const status = result.status ?? 200;
    rec.status = status;
    rec.response = result.body;
    rec.index = this.requests.length;
    this.requests.push(rec);

    const out: Record<string, string> = { via: '1.1 fake-discord', ...result.headers };
    if (Buffer.isBuffer(result.body)) {
      res.writeHead(status, out).end(result.body);
    } else if (status === 204 || result.body === undefined) {
      res.writeHead(status === 200 ? 204 : status, out).end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...out }).end(JSON.stringify(result.body));
    }
    this.onRecorded();
    if (result.after) setImmediate(result.after);
  }

  private async route(rec: RecordedRequest): Promise<RouteResult> {
    for (const rule of this.rateLimits) {
      if (rule.remaining > 0 && matches(rule.matcher, rec)) {
        rule.remaining--;
        return rateLimitResult(rule.opts, rec.route);
      }
    }
    for (const rule of this.failures) {
      if (rule.remaining > 0 && matches(rule.matcher, rec)) {
        rule.remaining--;
        throw new ApiError(rule.opts.status, rule.opts.code ?? 0, rule.opts.message ?? `${rule.opts.status}: fake failure`);
      }
    }
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(rec.route);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== rec.method) continue;
      if (r.auth && !rec.authorized) throw new ApiError(401, 0, '401: Unauthorized');
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = m[i + 1] ?? ''));
      const result = await r.handler({ params, query: rec.query, body: rec.body as Json | undefined, files: rec.files, method: rec.method });
      if (result.status === undefined || (result.status >= 200 && result.status < 300)) {
        result.headers = { ...bucketHeaders(rec.route), ...result.headers };
      }
      return result;
    }
    if (pathMatched) return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }
}

function decodeSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** A string matcher is a substring of `"METHOD /route"` (e.g. `'/callback'` or `'POST /channels/'`). */
function matches(m: RequestMatcher, r: { method: string; path: string; route: string }): boolean {
  if (typeof m === 'function') return m(r);
  const s = `${r.method} ${r.route || r.path}`;
  return typeof m === 'string' ? s.includes(m) : m.test(s);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}

async function parseBody(raw: Buffer, contentType: string, rec: RecordedRequest): Promise<void> {
  if (raw.length === 0) return;
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new ApiError(400, 50109, 'The request body contains invalid multipart data.');
    }
    for (const [field, value] of form.entries()) {
      if (typeof value !== 'string') rec.files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      else if (field === 'payload_json') rec.body = parseJson(value);
    }
    return;
  }
  const text = raw.toString('utf8');
  rec.body = contentType.startsWith('application/json') || /^\s*[[{]/.test(text) ? parseJson(text) : text;
}

function errorResult(err: unknown): RouteResult {
  if (!(err instanceof ApiError)) return { status: 500, body: { message: `500: Internal Server Error (fake: ${String(err)})`, code: 0 } };
  const body: Json = { message: err.message, code: err.code };
  if (err.errors) body.errors = err.errors;
  return { status: err.status, body };
}

function bucketOf(route: string): string {
  const generic = route
    .replace(/\/\d{17,20}/g, '/:id')
    .replace(/\/webhooks\/:id\/[^/]+/, '/webhooks/:id/:token')
    .replace(/\/interactions\/:id\/[^/]+/, '/interactions/:id/:token');
  return Buffer.from(generic).toString('hex').slice(0, 32);
}

function bucketHeaders(route: string): Record<string, string> {
  if (route.startsWith('/interactions/')) return {};
  return {
    'x-ratelimit-bucket': bucketOf(route),
    'x-ratelimit-limit': '50',
    'x-ratelimit-remaining': '49',
    'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': '1.000',
  };
}

/**
 * HTTP 429 with Discord's headers and body `{ message, retry_after, global }`. Retry-After keeps the
 * given (possibly fractional) value so tests stay fast; Discord rounds it up to whole seconds.
 */
function rateLimitResult(opts: RateLimitOptions, route: string): RouteResult {
  const retry = opts.retryAfterSeconds;
  const global = opts.global === true;
  const headers: Record<string, string> = { 'retry-after': String(retry), 'x-ratelimit-scope': opts.scope ?? (global ? 'global' : 'user') };
  if (global) headers['x-ratelimit-global'] = 'true';
  else {
    Object.assign(headers, {
      'x-ratelimit-bucket': bucketOf(route),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + retry * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': retry.toFixed(3),
    });
  }
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: retry, global } };
}
