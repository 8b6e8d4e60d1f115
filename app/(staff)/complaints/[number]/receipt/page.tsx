import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { createFormat } from '@/lib/i18n/format';
import { requireStaff } from '@/lib/auth/session';
import { loadReceipt } from '@/lib/complaints/receipt';
import { isComplaintNumber } from '@/lib/params';
import { isCrossSiteNavigation } from '@/lib/security/headers';
import { QrCode } from '@/components/complaint/qr-code';
import { PrintButton } from '@/components/ui/print-button';

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }) {
  const t = await getTranslations('receipt');
  return { title: `${t('title')} ${(await params).number}` };
}

/**
 * The walk-in customer's receipt (回执, DESIGN §2), for the desk to print right after intake or
 * later. Opening it shows the access code, so it is recorded (lib/complaints/receipt.ts): links
 * to it are plain anchors, never prefetched. Reached from another site, it shows no code and
 * records nothing: a link elsewhere must not make a desk user's browser display the code.
 */
export default async function ReceiptPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const user = await requireStaff(['desk']);
  if (!isComplaintNumber(number)) notFound();
  if (isCrossSiteNavigation((await headers()).get('sec-fetch-site'))) return <FromFormOnly number={number} />;
  const receipt = await loadReceipt(user, number);
  if (!receipt) notFound();
  const locale = receipt.customerLocale;
  const [staff, t, timeZone] = await Promise.all([
    getTranslations('receipt.staff'),
    getTranslations({ locale, namespace: 'receipt.paper' }),
    getTimeZone(),
  ]);
  const common = await getTranslations({ locale, namespace: 'common' });
  // In the customer's language, as everything else on the paper.
  const when = createFormat(locale, timeZone).dateTime;

  return (
    <div className="receipt-sheet mx-auto max-w-md">
      <div className="no-print mb-4 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <PrintButton label={staff('print')} look="primary" />
          <a href={`/complaints/${receipt.number}`} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
            {staff('backToForm')}
          </a>
        </div>
        <p className="text-sm text-slate-600">{staff('note', { language: staff(`languages.${locale}`) })}</p>
      </div>

      <section lang={locale} aria-labelledby="receipt-title" data-testid="receipt" className="receipt rounded border border-slate-300 bg-white p-5 text-slate-900">
        <p className="text-center text-sm">{common('appName')}</p>
        <h1 id="receipt-title" className="mt-1 text-center text-xl font-semibold">{t('heading')}</h1>
        <p className="mt-2 text-center text-sm">{t('thanks')}</p>

        <dl className="mt-4 space-y-2 border-y border-dashed border-slate-400 py-3">
          <div className="flex flex-wrap justify-between gap-x-3">
            <dt className="text-sm text-slate-600">{t('number')}</dt>
            <dd className="font-mono text-lg font-semibold" data-testid="receipt-number">{receipt.number}</dd>
          </div>
          <div className="flex flex-wrap justify-between gap-x-3">
            <dt className="text-sm text-slate-600">{t('accessCode')}</dt>
            <dd className="font-mono text-lg font-semibold tracking-widest" data-testid="receipt-code">{receipt.accessCode}</dd>
          </div>
          <div className="flex flex-wrap justify-between gap-x-3 text-sm">
            <dt className="text-slate-600">{t('receivedAt')}</dt>
            <dd>{when(receipt.receivedAt)}</dd>
          </div>
          <div className="flex flex-wrap justify-between gap-x-3 text-sm">
            <dt className="text-slate-600">{t('firstResponse')}</dt>
            <dd data-testid="receipt-response-due">{t('firstResponseBy', { time: when(receipt.responseDueAt) })}</dd>
          </div>
          {receipt.deskPhone && (
            <div className="flex flex-wrap justify-between gap-x-3 text-sm">
              <dt className="text-slate-600">{t('deskPhone')}</dt>
              <dd data-testid="receipt-phone">{receipt.deskPhone}</dd>
            </div>
          )}
        </dl>

        <figure className="mt-4 flex flex-col items-center">
          <QrCode value={receipt.trackUrl} label={t('scan')} className="receipt-qr size-44 bg-white" />
          <figcaption className="mt-1 text-center text-sm">{t('scan')}</figcaption>
        </figure>
        <p className="mt-3 text-xs text-slate-600">{t('link')}</p>
        <p className="break-all font-mono text-xs" data-testid="receipt-link">{receipt.trackUrl}</p>
        <p className="mt-3 text-xs">{t('lookup', { url: receipt.lookupUrl })}</p>
        <p className="mt-1 text-xs font-medium">{t('keep')}</p>
      </section>
    </div>
  );
}

/** What a receipt link from another site shows: the way to the form, and nothing of it. */
async function FromFormOnly({ number }: { number: string }) {
  const staff = await getTranslations('receipt.staff');
  return (
    <div className="mx-auto max-w-md space-y-3" data-testid="receipt-from-form-only">
      <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">{staff('fromFormOnly')}</p>
      <a href={`/complaints/${number}`} className="inline-block rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
        {staff('backToForm')}
      </a>
    </div>
  );
}
