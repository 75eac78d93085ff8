import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../db/platform-tables.js';
import { AppError } from '../http/errors.js';
import { sendPage } from '../http/render.js';
import { consistencyProofFor, canonicalEntryJson, entriesWithContent, inclusionProofFor, latestTreeHead, ledgerEntry, recentEntries, treeHeadMessage, treeHeadOfSize } from './ledger.js';
import { ledgerKeys } from './signing-key.js';
import type { LedgerTreeHead } from './tables.js';
import { LEDGER_CHECK_MAX_BYTES, LedgerPage, type LookupResult } from './views.js';

const pub = { config: { access: 'public' as const, policy: 'read-only' as const } };
const RECENT_ENTRIES = 20;

const communeOf = (request: FastifyRequest): Commune => {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
};

const sendJson = (reply: FastifyReply, body: object) =>
  reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').header('access-control-allow-origin', '*').send(JSON.stringify(body, null, 1));

/** A signed tree head as published: everything needed to check the signature without our code. */
function treeHeadJson(head: LedgerTreeHead, publicKeyPem: string) {
  const root = Buffer.from(head.root_hash, 'hex');
  return {
    tree_size: head.size,
    root_hash: head.root_hash,
    root_hash_base64: root.toString('base64'),
    timestamp: head.signed_at.toISOString(),
    signature_algorithm: 'Ed25519',
    signature: head.signature,
    signed_message: treeHeadMessage(head).toString('utf8'),
    public_key: publicKeyPem,
  };
}

const wholeNumber = (value: unknown): number | null => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null);
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));

/** Public routes of the tamper-evident record, under /<commune>/ledger. */
export async function ledgerCommuneRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.platform;
  // Load the signing key now: a missing or unreadable key stops the start, not the first publication.
  ledgerKeys(config);

  app.get('/ledger', pub, async (request, reply) => showLedger(request, reply, null));

  app.post('/ledger/check', pub, async (request, reply) => showLedger(request, reply, await lookUp(request)));

  app.get('/ledger/sth.json', pub, async (request, reply) => {
    const head = await latestTreeHead(db, communeOf(request).id);
    if (!head) throw new AppError('NOT_FOUND', 'empty ledger');
    return sendJson(reply, treeHeadJson(head, ledgerKeys(config).publicKeyPem));
  });

  app.get<{ Params: { file: string } }>('/ledger/entries/:file', pub, async (request, reply) => {
    const commune = communeOf(request);
    const seq = wholeNumber(/^(\d+)\.json$/.exec(request.params.file)?.[1]);
    const entry = seq === null ? undefined : await ledgerEntry(db, commune.id, seq);
    const head = await latestTreeHead(db, commune.id);
    if (!entry || !head) throw new AppError('NOT_FOUND');
    const { leaf_hash, ...fields } = entry;
    return sendJson(reply, {
      ...fields,
      published_at: entry.published_at.toISOString(),
      leaf_data: canonicalEntryJson(fields),
      leaf_hash,
      tree_size: head.size,
      root_hash: head.root_hash,
      inclusion_proof: hex(await inclusionProofFor(db, commune.id, entry.seq, head.size)),
    });
  });

  app.get<{ Querystring: { first?: string; second?: string } }>('/ledger/consistency.json', pub, async (request, reply) => {
    const commune = communeOf(request);
    const latest = await latestTreeHead(db, commune.id);
    const first = wholeNumber(request.query.first);
    const second = request.query.second === undefined ? (latest?.size ?? 0) : wholeNumber(request.query.second);
    if (first === null || second === null || first < 1 || first > second) throw new AppError('BAD_REQUEST', 'need 1 ≤ first ≤ second');
    const [firstHead, secondHead] = await Promise.all([treeHeadOfSize(db, commune.id, first), treeHeadOfSize(db, commune.id, second)]);
    if (!firstHead || !secondHead) throw new AppError('NOT_FOUND', 'no signed head of that size');
    return sendJson(reply, {
      first,
      second,
      first_root_hash: firstHead.root_hash,
      second_root_hash: secondHead.root_hash,
      consistency_proof: hex(await consistencyProofFor(db, commune.id, first, second)),
    });
  });

  app.get('/ledger/public-key.pem', pub, async (_request, reply) =>
    reply.type('application/x-pem-file').header('cache-control', 'no-cache').send(ledgerKeys(config).publicKeyPem),
  );
}

async function showLedger(request: FastifyRequest, reply: FastifyReply, lookup: LookupResult | null) {
  const { db } = request.server.platform;
  const commune = communeOf(request);
  const [head, entries] = await Promise.all([latestTreeHead(db, commune.id), recentEntries(db, commune.id, RECENT_ENTRIES)]);
  return sendPage(request, reply, (ctx) => <LedgerPage ctx={ctx} head={head ?? null} entries={entries} lookup={lookup} />, lookup?.error ? 422 : 200);
}

/** What a visitor submitted, reduced to the SHA-256 values to look for. */
async function lookUp(request: FastifyRequest): Promise<LookupResult> {
  const submitted = request.isMultipart() ? await readCheckForm(request) : urlEncodedCheck(request.body);
  const text = submitted.text.trim();
  const hashes = submitted.fileHash ? [submitted.fileHash] : candidateHashes(submitted.text);
  if (hashes.length === 0) return { text, hashes, matches: [], error: 'ledger.check.empty' };
  const { db } = request.server.platform;
  const matches = (await Promise.all(hashes.map((hash) => entriesWithContent(db, communeOf(request).id, hash)))).flat();
  return { text: submitted.fileHash ? '' : text, hashes, matches: matches.sort((a, b) => a.seq - b.seq), error: null };
}

/** A pasted 64-digit hex is a hash; other text is hashed as typed and with browser line ends (CRLF) made LF. */
function candidateHashes(text: string): string[] {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return [trimmed.toLowerCase()];
  if (trimmed === '') return [];
  const sha = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
  return [...new Set([sha(text), sha(text.replace(/\r\n/g, '\n'))])];
}

function urlEncodedCheck(body: unknown): { text: string; fileHash: null } {
  const text = (body as Record<string, unknown> | undefined)?.text;
  return { text: typeof text === 'string' ? text : '', fileHash: null };
}

// The file is hashed while it streams in: nothing is stored, nothing is held whole in memory.
async function readCheckForm(request: FastifyRequest): Promise<{ text: string; fileHash: string | null }> {
  let text = '';
  let fileHash: string | null = null;
  for await (const part of request.parts({ limits: { fileSize: LEDGER_CHECK_MAX_BYTES, files: 1 } })) {
    if (part.type === 'file') {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of part.file) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'ledger check file');
      if (bytes > 0) fileHash = hash.digest('hex');
    } else if (part.fieldname === 'text' && typeof part.value === 'string') {
      text = part.value;
    }
  }
  return { text, fileHash };
}
