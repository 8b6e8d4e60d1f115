import { connection } from 'next/server';
import { notFound } from 'next/navigation';
import { calibRows } from '@/lib/bench/calib';

/**
 * The bench's `calib` page (bench/README.md): the floor's query (bench/floor.ts) rendered by a
 * bare server component under the root layout only: no session, no staff layout, no client
 * component of its own. It shows what Next itself costs here, so the bench can tell the
 * framework's share of a page from ours. Off unless the bench starts the server with
 * KESU_BENCH_CALIB=1 (read per request, never at build time): otherwise it answers 404.
 */
export default async function CalibPage() {
  await connection();
  if (process.env.KESU_BENCH_CALIB !== '1') notFound();
  const rows = await calibRows();
  return (
    <table>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r.number)}>
            <td>{String(r.number)}</td>
            <td>{String(r.customer_name ?? '')}</td>
            <td>{String(r.severity ?? '')}</td>
            <td>{r.step_due_at instanceof Date ? r.step_due_at.toISOString() : String(r.step_due_at ?? '')}</td>
            <td>{String(r.department ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
