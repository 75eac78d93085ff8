import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type Server } from './lib.js';

/**
 * nginx (Debian's package) in front of the application, configured with deploy/nginx/palabre-proxy.conf as the
 * production layout of docs/deploy.md has it: the page cache that absorbs a crowd on the public pages.
 */
const proxyRules = fileURLToPath(new URL('../../deploy/nginx/palabre-proxy.conf', import.meta.url));

function configuration(dir: string, port: number, upstream: URL): string {
  return `worker_processes ${process.env.PROXY_WORKERS ?? 'auto'};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=palabre_pages:10m max_size=256m inactive=10m use_temp_path=off;
  map $http_accept_encoding $palabre_encoding { default ""; "~*\\bbr\\b" br; "~*\\bgzip\\b" gzip; }
  upstream palabre { server ${upstream.host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { include ${proxyRules}; }
  }
}
`;
}

/** Starts nginx on a free loopback port in front of `app`; refuses clearly when nginx is not installed. */
export async function startProxy(app: Server): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-proxy-'));
  // nginx started by root runs its workers as an unprivileged user: they must reach the cache and temp folders.
  chmodSync(dir, 0o755);
  for (const sub of ['cache', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, sub));
    chmodSync(join(dir, sub), 0o777);
  }
  const port = await freePort();
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, configuration(dir, port, new URL(app.base)));
  const child: ChildProcess = spawn('nginx', ['-c', file, '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`nginx could not start (apt-get install nginx): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`nginx exited with ${code} (see ${dir}/error.log)`)));
  });
  const base = `http://127.0.0.1:${port}`;
  await Promise.race([failed, waitForAnswer(base)]);
  const leftBehind = () => child.kill('SIGQUIT');
  process.once('exit', leftBehind);
  return {
    base,
    child,
    stop: async () => {
      process.off('exit', leftBehind);
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForAnswer(base: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await fetch(`${base}/healthz`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('nginx did not answer');
}

/**
 * What the measure relies on, checked through the proxy before measuring: a public page is served from the cache
 * (and is the real page), a signed-in visitor always reaches the app, a page with a form is never kept.
 */
export async function checkProxyCaching(proxy: Server, slug: string, sessionCookie: string): Promise<void> {
  const get = (path: string, cookie?: string) => fetch(`${proxy.base}${path}`, cookie ? { headers: { cookie } } : {});
  const status = (response: Response) => response.headers.get('x-cache-status') ?? '';
  await get(`/${slug}/`);
  const cached = await get(`/${slug}/`);
  const page = await cached.text();
  const signedIn = await get(`/${slug}/`, sessionCookie);
  const signedInPage = await signedIn.text();
  await get('/sign-in');
  const form = await get('/sign-in');
  const problems = [
    status(cached) !== 'HIT' && `public page: ${status(cached) || 'no X-Cache-Status'} instead of HIT`,
    !page.includes(`/${slug}/`) && 'public page: not the commune home',
    status(signedIn) !== 'BYPASS' && `signed-in page: ${status(signedIn)} instead of BYPASS`,
    signedInPage === page && 'signed-in page: the visitors’ copy',
    status(form) === 'HIT' && 'page with a form: served from the cache',
    !form.headers.get('set-cookie')?.includes('palabre_csrf=') && 'page with a form: no CSRF cookie of its own',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`the proxy's page cache is wrong: ${problems.join('; ')}`);
}
