'use client';

const looks = {
  primary: 'bg-blue-700 font-medium text-white hover:bg-blue-800',
  plain: 'border border-slate-300 bg-white hover:bg-slate-100',
};

/** Opens the browser's print dialog; the print CSS decides what is on paper. */
export function PrintButton({ label, look = 'plain' }: { label: string; look?: keyof typeof looks }) {
  return (
    <button type="button" onClick={() => window.print()} className={`no-print rounded px-3 py-1.5 text-sm ${looks[look]}`}>
      {label}
    </button>
  );
}
