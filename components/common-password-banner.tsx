import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Above every signed-in page while the password is on the common-password list (issue 16 §4):
 * the sign-in let the person in; this asks for a new password. /settings/password is the
 * change-password page (issue 16 §2).
 */
export async function CommonPasswordBanner({ shown }: { shown: boolean }) {
  if (!shown) return null;
  const t = await getTranslations("settings");
  return (
    <div role="status" data-testid="common-password-banner" className="mb-8 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-950 dark:bg-red-950 dark:text-red-50">
      <p>
        {t("commonPassword")}{" "}
        <Link href="/settings/password" className="font-semibold underline">
          {t("changePasswordLink")}
        </Link>
      </p>
    </div>
  );
}
