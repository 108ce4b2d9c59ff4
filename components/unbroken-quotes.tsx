import { Fragment } from "react";

// A quoted label (「認証する」, "Verify") or a short parenthesis ((6桁)): a break inside one reads as two
// words on a phone (「認証す／る」). Long quotations may still wrap.
const unbreakable = /(「[^」]{1,20}」|"[^"]{1,24}"|[(（][^)）]{1,12}[)）])/u;

/** Text whose quoted labels and short parentheses never break across lines. */
export function UnbrokenQuotes({ text }: { text: string }) {
  return text.split(unbreakable).map((part, index) =>
    // split() with a capture group puts the matches at the odd indexes.
    index % 2 === 1 ? (
      <span key={index} className="whitespace-nowrap" data-unbroken="">
        {part}
      </span>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}
