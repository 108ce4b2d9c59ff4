import type { ReactNode } from "react";

/** The admin pages' tables: a caption for screen readers, one heading per column, rows from the caller. */
export function AdminTable({ caption, headings, testId, children }: { caption: string; headings: string[]; testId?: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-300 dark:border-zinc-700">
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col" className="py-2 pr-3">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
