import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import ja from "../../messages/ja.json";

type Catalogue = { [key: string]: string | Catalogue };

/** Every message as "a.b.c" → text, so two catalogues compare key by key. */
function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const messages = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") messages.set(path, value);
    else for (const [inner, text] of flatten(value, path)) messages.set(inner, text);
  }
  return messages;
}

/**
 * The ICU arguments a message interpolates ({count}, {days, plural, …}), sorted. A brace opened
 * in text starts an argument; a brace opened inside an argument starts a branch's text
 * (`{who, select, everyone {everyone} …}`), whose words are not arguments.
 */
function argumentsOf(text: string): string[] {
  const names = new Set<string>();
  const contexts: ("text" | "argument")[] = ["text"];
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === "{") {
      if (contexts.at(-1) === "text") names.add(/^\{\s*(\w+)/.exec(text.slice(index))?.[1] ?? "");
      contexts.push(contexts.at(-1) === "text" ? "argument" : "text");
    } else if (text[index] === "}") contexts.pop();
  }
  return [...names].sort();
}

// The Japanese end-to-end run covers the help page's flows; the rest of the UI (the admin
// area among it) is walked in English. This keeps every English screen's Japanese twin whole.
describe("the two catalogues", () => {
  const english = flatten(en as Catalogue);
  const japanese = flatten(ja as Catalogue);

  it("have the same messages", () => {
    expect([...japanese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("interpolate the same arguments in each message", () => {
    const differing = [...english].filter(([key, text]) => japanese.has(key) && argumentsOf(text).join() !== argumentsOf(japanese.get(key)!).join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("leave no message empty", () => {
    const empty = [...english, ...japanese].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });
});
