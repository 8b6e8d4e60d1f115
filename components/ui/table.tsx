import type { ComponentProps, ReactNode } from 'react';

/** A column header; `{ hidden }` is read by screen readers only (a column of row buttons or links). */
export type Column = ReactNode | { hidden: ReactNode };

const minWidths = { '40rem': 'min-w-[40rem]', '44rem': 'min-w-[44rem]' } as const;

interface DataTableProps {
  columns: Column[];
  testId?: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: keyof typeof minWidths;
  /** 'box' (default): a white bordered box of its own; 'bare': inside a box already. */
  frame?: 'box' | 'bare';
  className?: string;
  /** On a phone each row becomes a small card (many columns at 390 px leave one letter a line). */
  cards?: boolean;
  /** The <tbody> (or several: one per record of two rows). */
  children: ReactNode;
}

function isHidden(column: Column): column is { hidden: ReactNode } {
  return typeof column === 'object' && column !== null && 'hidden' in column;
}

/** The staff screens' table: a scroll box, a grey header row, rows divided by a line. */
const cardClasses = 'max-sm:block max-sm:[&_tbody]:block max-sm:[&_tr]:block max-sm:[&_tr]:py-1 max-sm:[&_td]:block max-sm:[&_td]:py-0.5';

export function DataTable({ columns, testId, minWidth, frame = 'box', className = '', cards, children }: DataTableProps) {
  // relative: an sr-only header would otherwise escape the scroll box and widen the page.
  const box = frame === 'box' ? 'relative overflow-x-auto rounded border border-slate-200 bg-white' : 'relative overflow-x-auto';
  return (
    <div className={`${box} ${className}`.trim()}>
      <table className={`w-full ${minWidth ? `${minWidths[minWidth]} ` : ''}text-left text-sm ${cards ? cardClasses : ''}`.trim()} data-testid={testId}>
        <thead className={`bg-slate-100 text-slate-700 ${cards ? 'max-sm:sr-only' : ''}`.trim()}>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className="px-3 py-2">
                {isHidden(column) ? <span className="sr-only">{column.hidden}</span> : column}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** A body row, divided from the one above it. */
export function Row({ className = '', ...rest }: ComponentProps<'tr'>) {
  return <tr className={`border-t border-slate-100 ${className}`.trim()} {...rest} />;
}

/**
 * A body cell. `label` names it on a phone, where a table with `cards` hides its header row: a
 * card of dates without their names cannot be read (screen readers have the header already).
 */
export function Cell({ className = '', label, children, ...rest }: ComponentProps<'td'> & { label?: ReactNode }) {
  return (
    <td className={`px-3 py-2 ${className}`.trim()} {...rest}>
      {label && (
        <span aria-hidden="true" className="block text-xs text-slate-500 sm:hidden">
          {label}
        </span>
      )}
      {children}
    </td>
  );
}
