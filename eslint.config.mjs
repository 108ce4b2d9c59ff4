import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const eslintConfig = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next*/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // lib/ is the domain: plain TypeScript, unit-tested without a server.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*", "next-auth", "next-auth/*", "next-intl", "next-intl/*"], message: "lib/ stays free of Next.js." }] },
      ],
    },
  },
  {
    // Issue 7.2: the keyboard projects prove every flow works without a pointer.
    files: ["e2e/keyboard/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(click|dblclick|tap|hover|fill|check|uncheck|selectOption|dragTo|setChecked)$/]",
          message: "The keyboard projects never point, click or fill: use Tab, Enter, Space and typing.",
        },
      ],
    },
  },
];

export default eslintConfig;
