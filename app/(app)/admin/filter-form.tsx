import type { ReactNode } from "react";

export const filterFieldClass =
  "rounded-md border border-zinc-400 bg-white px-3 py-2 text-base text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-500 dark:bg-zinc-900 dark:text-zinc-100";

/** A GET form: the search is in the address, so it can be bookmarked and paged. */
export function FilterForm({ action, label, submit, children }: { action: string; label?: string; submit: string; children: ReactNode }) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="flex flex-wrap items-end gap-3">
      {children}
      <button className="rounded-md bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        {submit}
      </button>
    </form>
  );
}

/** One labelled field of a FilterForm; without `children`, a search box for an email address. */
export function FilterField(props: { id: string; label: string; name: string; defaultValue: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="text-sm font-medium">
        {props.label}
      </label>
      {props.children ?? <input id={props.id} name={props.name} type="search" defaultValue={props.defaultValue} maxLength={254} className={filterFieldClass} />}
    </div>
  );
}
