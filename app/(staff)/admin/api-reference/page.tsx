import Link from '@/components/ui/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/session';
import { openApiDocument } from '@/lib/api/openapi';
import { defaultLocale, isLocale } from '@/lib/i18n/locales';
import { Cell, DataTable, Row } from '@/components/ui/table';
import { InfoNote, Section } from '@/components/ui/section';
import { AdminScreen } from '../_components/admin-nav';

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Json };
type Operation = { operationId: string; summary: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Json }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }> };

/** A schema in one line: its component name, or its type (and allowed values). */
function schemaText(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  if (Array.isArray(schema.enum)) return schema.enum.join(' | ');
  const type = String(schema.type ?? 'object');
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

/**
 * The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
 * serves: no script, nothing loaded from elsewhere, inside the pages' CSP.
 */
export default async function ApiReferencePage() {
  await requireStaff(['admin']);
  const [t, locale] = await Promise.all([getTranslations('api.reference'), getLocale()]);
  // The document's words in the reader's language (api.openapi messages).
  const lang = isLocale(locale) ? locale : defaultLocale;
  const doc = openApiDocument(lang);
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({ path, method, op })));
  return (
    <AdminScreen current="api-keys" title={t('title')} intro={t('intro')} lead={<InfoNote>{t('auth')}</InfoNote>}>
      <p className="mb-4 text-sm">
        <Link href={`/api/v1/openapi.json?lang=${lang}`} className="text-blue-700 underline">/api/v1/openapi.json</Link>
      </p>
      {operations.map(({ path, method, op }) => (
        <Section key={op.operationId} id={`op-${op.operationId}`} title={<span className="font-mono">{method.toUpperCase()} {path}</span>} card>
          <p className="mb-2">{op.summary}</p>
          {!!op.parameters?.length && (
            <>
              <h4 className="mt-3 text-sm font-medium">{t('parameters')}</h4>
              <DataTable columns={['', t('in'), '', '']}>
                {op.parameters.map((p) => (
                  <Row key={`${p.in}-${p.name}`}>
                    <Cell className="font-mono text-xs">{p.name}</Cell>
                    <Cell className="text-xs">{p.in}{p.required ? ` · ${t('required')}` : ''}</Cell>
                    <Cell className="font-mono text-xs">{schemaText(p.schema)}</Cell>
                    <Cell className="text-xs">{p.description ?? (typeof p.schema?.description === 'string' ? p.schema.description : '')}</Cell>
                  </Row>
                ))}
              </DataTable>
            </>
          )}
          {op.requestBody && (
            <>
              <h4 className="mt-3 text-sm font-medium">{t('body')}</h4>
              {Object.entries(op.requestBody.content).map(([type, c]) => (
                <p key={type} className="font-mono text-xs">
                  {type} → <a href={`#schema-${schemaText(c.schema)}`} className="text-blue-700 underline">{schemaText(c.schema)}</a>
                </p>
              ))}
            </>
          )}
          <h4 className="mt-3 text-sm font-medium">{t('responses')}</h4>
          <ul className="text-sm">
            {Object.entries(op.responses).map(([status, r]) => (
              <li key={status}>
                <span className="font-mono">{status}</span> {r.description}
                {r.content && Object.entries(r.content).map(([type, c]) => <span key={type} className="ml-1 font-mono text-xs text-slate-600">{type} → {schemaText(c.schema)}</span>)}
              </li>
            ))}
          </ul>
        </Section>
      ))}
      <Section id="schemas" title={t('schemas')}>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`} className="mb-2 rounded border border-slate-200 bg-white p-2">
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <pre className="mt-2 max-h-96 overflow-auto text-xs">{JSON.stringify(schema, null, 2)}</pre>
          </details>
        ))}
      </Section>
    </AdminScreen>
  );
}
