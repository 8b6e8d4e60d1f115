/** A section of the paper feedback-handling form: a titled grid of label/value pairs. */
export function DetailSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="break-inside-avoid rounded border border-slate-200 bg-white p-4">
      <h2 className="mb-3 border-b border-slate-100 pb-1 text-lg font-medium">{title}</h2>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">{children}</dl>
    </section>
  );
}

/** One label and its value (read-only; an input with its label is components/ui/field's Field). */
export function Detail({ label, value, wide }: { label: string; value: string | null | undefined; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-slate-600">{label}</dt>
      <dd className="whitespace-pre-line">{value || '—'}</dd>
    </div>
  );
}
