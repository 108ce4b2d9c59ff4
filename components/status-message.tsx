import Link from "next/link";

/** A page that only says why nothing can be done here, with the one way on (a sign-up switched off, an expired step). */
export function StatusMessage({ title, message, link }: { title: string; message: string; link: { href: string; label: string } }) {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role="status">{message}</p>
      <Link href={link.href} className="text-blue-700 underline dark:text-blue-400">
        {link.label}
      </Link>
    </div>
  );
}
