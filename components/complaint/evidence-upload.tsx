'use client';

import { useRef, useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { uploadEvidenceAction } from '@/app/(staff)/complaints/[number]/actions/upload-evidence';
import { filesProblem, inMegabytes, maxEvidenceFiles, maxFileBytes, maxFilesBytes } from '@/lib/validation/limits';

const limits = { file: inMegabytes(maxFileBytes), count: maxEvidenceFiles, total: inMegabytes(maxFilesBytes) };
const problemKey = { too_many: 'evidenceTooMany', too_large: 'evidenceTooLarge', too_large_total: 'evidenceTooLargeTotal' } as const;

// A hint for the file picker only: the server decides by content (lib/uploads.ts).
const accept = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf';

export function EvidenceUpload({ complaintId, number }: { complaintId: string; number: string }) {
  const t = useTranslations('form');
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={formRef}
      aria-label={t('evidence')}
      onSubmit={(e) => {
        e.preventDefault();
        // Sizes are checked before sending: a body over the request limit is refused whole (413).
        const problem = checkFiles(e.currentTarget);
        if (problem) return setMessage({ text: problem, ok: false });
        const data = new FormData(e.currentTarget);
        startTransition(async () => {
          let result: Awaited<ReturnType<typeof uploadEvidenceAction>>;
          try {
            result = await uploadEvidenceAction(data);
          } catch {
            // The request itself failed (network, server): say so; the chosen files stay chosen.
            return setMessage({ text: t('failed'), ok: false });
          }
          setMessage(
            result.ok
              ? { text: t('uploaded', { count: result.data?.count ?? 0 }), ok: true }
              : { text: [result.message, ...Object.values(result.fieldErrors ?? {}).flat()].filter(Boolean).join(' '), ok: false },
          );
          if (result.ok) formRef.current?.reset();
        });
      }}
      className="space-y-2"
    >
      <input type="hidden" name="complaintId" value={complaintId} />
      <input type="hidden" name="number" value={number} />
      <label htmlFor="evidence-files" className="block text-sm font-medium">{t('evidenceFiles')}</label>
      <input id="evidence-files" name="files" type="file" multiple accept={accept} required className="block w-full text-sm" aria-describedby="evidence-hint"
        onChange={(e) => {
          const problem = checkFiles(e.currentTarget.form!);
          setMessage(problem ? { text: problem, ok: false } : null);
        }} />
      <p id="evidence-hint" className="text-xs text-slate-600">{t('evidenceHint', limits)}</p>
      <div role="status" aria-live="polite" className={`text-sm ${message?.ok ? 'text-green-800' : 'text-red-700'}`}>{message?.text}</div>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
        {pending ? t('saving') : t('upload')}
      </button>
    </form>
  );

  function checkFiles(form: HTMLFormElement): string | undefined {
    const input = form.elements.namedItem('files') as HTMLInputElement | null;
    const problem = filesProblem(Array.from(input?.files ?? [], (f) => f.size), maxEvidenceFiles);
    return problem ? t(problemKey[problem], limits) : undefined;
  }
}
