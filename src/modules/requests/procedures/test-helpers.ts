import { sql } from 'kysely';
import type { TestApp } from '../../../test-support/test-app.js';

/** A procedure of the commune from the demo catalogue (its title in French contains `titlePart`). */
export async function demoProcedure(t: TestApp, slug: string, titlePart: string): Promise<{ id: string; communeId: string }> {
  const communeId = await t.communeId(slug);
  const row = await sql<{ id: string }>`
    select id from commune_services where commune_id = ${communeId} and kind = 'procedure' and title->>'fr' ilike ${`%${titlePart}%`} order by position limit 1`.execute(t.services.db);
  if (!row.rows[0]) throw new Error(`no procedure "${titlePart}" in ${slug}`);
  return { id: row.rows[0].id, communeId };
}

/** A new account holding `role` in the commune, signed in as the returned key ("<slug>:<phone>:<role>"). */
export async function accountWithRole(t: TestApp, slug: string, role: 'civil_status' | 'citizen' | 'staff', phone: string): Promise<string> {
  const communeId = await t.communeId(slug);
  const user = await t.services.db.insertInto('users').values({ phone_e164: phone, display_name: `${role} ${phone}` }).returning('id').executeTakeFirstOrThrow();
  await t.services.db.insertInto('role_grants').values({ commune_id: communeId, user_id: user.id, role }).execute();
  const key = `${slug}:${phone}:${role}`;
  t.users.set(key, user.id);
  return key;
}

/** Gives the birth-certificate procedure of Ndar Toute a request form: name, copies (1–10), reason, optional scan. */
export async function birthForm(t: TestApp): Promise<{ id: string; communeId: string }> {
  const { addField } = await import('./fields.js');
  const birth = await demoProcedure(t, 'ndar-toute', 'naissance');
  const none = { help: {}, options: [], min_value: null, max_value: null, max_length: null };
  await addField(t.services.db, birth.communeId, birth.id, { ...none, key: 'nom_enfant', kind: 'text', label: { fr: 'Nom de la personne née', ar: 'اسم المولود' }, required: true });
  await addField(t.services.db, birth.communeId, birth.id, { ...none, key: 'copies', kind: 'number', label: { fr: 'Nombre de copies' }, required: true, min_value: 1, max_value: 10 });
  await addField(t.services.db, birth.communeId, birth.id, { ...none, key: 'motif', kind: 'choice', label: { fr: 'Motif' }, required: false, options: [{ value: 'ecole', label: { fr: 'Inscription scolaire' } }, { value: 'passeport', label: { fr: 'Passeport' } }] });
  await addField(t.services.db, birth.communeId, birth.id, { ...none, key: 'piece', kind: 'file', label: { fr: 'Copie de la pièce d’identité' }, required: false });
  return birth;
}

export const pdfScan = { content: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), filename: 'piece.pdf', type: 'application/pdf' };
