import { getTranslations } from "next-intl/server";
import type { UserDetails } from "@/lib/admin/get-user-details";
import { resetReasonMaxLength } from "@/lib/admin/reset-user-two-factor";
import { AdminActionForm } from "../../admin-action-form";
import { AccountLocksList } from "./account-locks-list";
import { changeRoleAction, resetTwoFactorAction, sendPasswordResetAction, unlockAction } from "./actions";

type UserActionsProps = {
  user: UserDetails;
  isSelf: boolean;
  reauthentication?: { label: string; hint: string };
};

function Section({ id, heading, children }: { id: string; heading: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {heading}
      </h2>
      {children}
    </section>
  );
}

export async function UserActions({ user, isSelf, reauthentication }: UserActionsProps) {
  const t = await getTranslations("admin.user");
  const common = await getTranslations("common");
  const hiddenFields = { userId: user.id };
  return (
    <>
      <Section id="role-heading" heading={t("roleHeading")}>
        <p>{user.role === "ADMIN" ? t("isAdmin") : t("isUser")}</p>
        <AdminActionForm
          action={changeRoleAction}
          hiddenFields={{ ...hiddenFields, role: user.role === "ADMIN" ? "USER" : "ADMIN" }}
          reauthentication={reauthentication}
          labels={{ submit: user.role === "ADMIN" ? t("demote") : t("promote"), working: common("working") }}
        />
      </Section>
      <Section id="lock-heading" heading={t("lockHeading")}>
        {user.lockedUntil ? (
          <>
            <p>{t("lockedIntro")}</p>
            <AccountLocksList locks={user.locks} />
            <AdminActionForm
              action={unlockAction}
              hiddenFields={hiddenFields}
              reauthentication={reauthentication}
              labels={{ submit: t("unlock"), working: common("working") }}
            />
          </>
        ) : (
          <p>{t("notLockedIntro")}</p>
        )}
      </Section>
      <Section id="password-reset-heading" heading={t("passwordResetHeading")}>
        {isSelf ? (
          <p>{t("passwordResetSelf")}</p>
        ) : (
          <>
            <p>{t("passwordResetIntro")}</p>
            <AdminActionForm
              action={sendPasswordResetAction}
              hiddenFields={hiddenFields}
              reauthentication={reauthentication}
              reason={{ label: t("reason"), hint: t("reasonHint"), maxLength: resetReasonMaxLength }}
              labels={{ submit: t("sendPasswordReset"), working: common("working") }}
            />
          </>
        )}
      </Section>
      <Section id="reset-heading" heading={t("resetHeading")}>
        {isSelf ? (
          <p>{t("resetSelf")}</p>
        ) : user.twoFactorEnabled ? (
          <>
            <p>{t("resetIntro")}</p>
            <AdminActionForm
              action={resetTwoFactorAction}
              hiddenFields={hiddenFields}
              reauthentication={reauthentication}
              reason={{ label: t("reason"), hint: t("reasonHint"), maxLength: resetReasonMaxLength }}
              labels={{ submit: t("reset"), working: common("working") }}
            />
          </>
        ) : (
          <p>{t("resetNotEnabled")}</p>
        )}
      </Section>
    </>
  );
}
