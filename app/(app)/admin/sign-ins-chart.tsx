import { getTranslations } from "next-intl/server";
import type { SignInDay } from "@/lib/admin/count-sign-ins-by-day";

const methods = [
  { key: "password", fill: "fill-zinc-400", swatch: "bg-zinc-400" },
  { key: "totp", fill: "fill-blue-600", swatch: "bg-blue-600" },
  { key: "backupCode", fill: "fill-amber-500", swatch: "bg-amber-500" },
  { key: "passkey", fill: "fill-emerald-600", swatch: "bg-emerald-600" },
] as const;

const chartWidth = 600;
const chartHeight = 200;
const axisHeight = 20;
const axisWidth = 32;

/**
 * Sign-ins per day as stacked bars, drawn on the server as SVG (no chart library, no
 * JavaScript). The SVG is one image with a text summary; the numbers are in the table below it.
 */
export async function SignInsChart({ days }: { days: SignInDay[] }) {
  const t = await getTranslations("admin.chart");
  const totals = { password: 0, totp: 0, backupCode: 0, passkey: 0 };
  for (const day of days) for (const { key } of methods) totals[key] += day[key];
  const peak = Math.max(1, ...days.map((day) => day.password + day.totp + day.backupCode + day.passkey));
  const slot = (chartWidth - axisWidth) / days.length;
  const barHeight = (count: number) => (count / peak) * (chartHeight - axisHeight - 8);
  return (
    <figure className="flex flex-col gap-3">
      <figcaption id="sign-ins-title" className="text-xl font-semibold">
        {t("title", { days: days.length })}
      </figcaption>
      <svg viewBox={`0 0 ${chartWidth} ${chartHeight}`} role="img" aria-labelledby="sign-ins-title sign-ins-summary" className="w-full text-zinc-600 dark:text-zinc-400">
        <desc id="sign-ins-summary">{t("summary", totals)}</desc>
        <line x1={axisWidth} y1={chartHeight - axisHeight} x2={chartWidth} y2={chartHeight - axisHeight} className="stroke-current" />
        <text x={axisWidth - 4} y={14} textAnchor="end" className="fill-current text-[10px]">
          {peak}
        </text>
        <text x={axisWidth - 4} y={chartHeight - axisHeight} textAnchor="end" className="fill-current text-[10px]">
          0
        </text>
        {days.map((day, index) => {
          let top = chartHeight - axisHeight;
          return (
            <g key={day.day}>
              {methods.map(({ key, fill }) => {
                const height = barHeight(day[key]);
                top -= height;
                return height > 0 ? <rect key={key} x={axisWidth + index * slot + 1} y={top} width={slot - 2} height={height} className={fill} /> : null;
              })}
            </g>
          );
        })}
        {[0, days.length - 1].map((index) => (
          <text key={index} x={axisWidth + index * slot + slot / 2} y={chartHeight - 4} textAnchor={index === 0 ? "start" : "end"} className="fill-current text-[10px]">
            {days[index]?.day.slice(5)}
          </text>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-4 text-sm" aria-hidden="true">
        {methods.map(({ key, swatch }) => (
          <li key={key} className="flex items-center gap-2">
            <span className={`inline-block h-3 w-3 rounded-sm ${swatch}`} />
            {t(key)}
          </li>
        ))}
      </ul>
      <details>
        <summary className="cursor-pointer text-sm">{t("showTable")}</summary>
        <table className="mt-2 w-full text-left text-sm" data-testid="sign-ins-table">
          <caption className="sr-only">{t("title", { days: days.length })}</caption>
          <thead className="border-b border-zinc-300 dark:border-zinc-700">
            <tr>
              <th scope="col" className="py-1 pr-3">{t("day")}</th>
              {methods.map(({ key }) => (
                <th key={key} scope="col" className="py-1 pr-3 text-right">{t(key)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((day) => (
              <tr key={day.day} className="border-b border-zinc-200 dark:border-zinc-800">
                <th scope="row" className="py-1 pr-3 font-normal">{day.day}</th>
                {methods.map(({ key }) => (
                  <td key={key} className="py-1 pr-3 text-right tabular-nums">{day[key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
